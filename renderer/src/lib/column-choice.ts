/**
 * The mapping step's logic, kept apart from its dialog: what each column looks like, the first
 * guess at which column holds what, and whether a choice can be imported.
 */
import type { ImportPreview } from '../../../electron/shared/ipc'
import { FIELD_LABELS, LEAD_FIELDS, type ColumnMapping, type LeadField } from '../../../electron/shared/lead-fields'

/** Per field, the chosen column as a `<select>` value: its 0-based index, or '' for none. */
export type ColumnChoice = Record<LeadField, string>

export interface ColumnOption {
  value: string
  /** The header label, or `Column 3` when the header cell is empty. */
  label: string
  /** The first value the preview rows have in this column, shortened; null when all are empty. */
  example: string | null
}

/** How the choice was first filled in, in words for the dialog. */
export type ChoiceOrigin = 'header' | 'remembered' | 'guessed' | 'none'

const EXAMPLE_LENGTH = 32
const LOOKS_LIKE_EMAIL = /^[^\s@"<>]+@[^\s@"<>]+\.[^\s@"<>]+$/

export function columnLabel(header: readonly string[], index: number): string {
  const label = header[index]?.trim() ?? ''
  return label === '' ? `Column ${index + 1}` : label
}

export function columnOptions(preview: ImportPreview): ColumnOption[] {
  const width = Math.max(preview.header.length, ...preview.rows.map((row) => row.length))
  return Array.from({ length: width }, (_, index) => {
    const example = preview.rows.map((row) => row[index]?.trim() ?? '').find((value) => value !== '') ?? null
    return {
      value: String(index),
      label: columnLabel(preview.header, index),
      example: example === null ? null : shorten(example, EXAMPLE_LENGTH),
    }
  })
}

/** What the app recognised; without an Email Address column, the column whose values look like addresses. */
export function initialChoice(preview: ImportPreview): { choice: ColumnChoice; origin: ChoiceOrigin } {
  const mapping: ColumnMapping = { ...preview.mapping }
  let origin: ChoiceOrigin = preview.source
  if (mapping.email === undefined) {
    const guess = guessEmailColumn(preview, mapping)
    if (guess !== null) {
      mapping.email = guess
      origin = 'guessed'
    } else {
      origin = 'none'
    }
  }
  return { choice: toChoice(mapping), origin }
}

function guessEmailColumn(preview: ImportPreview, taken: ColumnMapping): number | null {
  const used = new Set(Object.values(taken))
  let best: { index: number; hits: number } | null = null
  for (const option of columnOptions(preview)) {
    const index = Number(option.value)
    if (used.has(index)) continue
    const values = preview.rows.map((row) => row[index]?.trim() ?? '').filter((value) => value !== '')
    const hits = values.filter((value) => LOOKS_LIKE_EMAIL.test(value)).length
    // Most of the values, not just one stray address in a notes column.
    if (hits > 0 && hits * 2 > values.length && (best === null || hits > best.hits)) best = { index, hits }
  }
  return best?.index ?? null
}

function toChoice(mapping: ColumnMapping): ColumnChoice {
  const choice = {} as ColumnChoice
  for (const field of LEAD_FIELDS) {
    const index = mapping[field]
    choice[field] = index === undefined ? '' : String(index)
  }
  return choice
}

export function toMapping(choice: ColumnChoice): ColumnMapping {
  const mapping: ColumnMapping = {}
  for (const field of LEAD_FIELDS) {
    if (choice[field] !== '') mapping[field] = Number(choice[field])
  }
  return mapping
}

/** Fields that share their column with an earlier field; the Node side refuses such a mapping. */
export function clashingFields(choice: ColumnChoice): Set<LeadField> {
  const seen = new Set<string>()
  const clashing = new Set<LeadField>()
  for (const field of LEAD_FIELDS) {
    const value = choice[field]
    if (value === '') continue
    if (seen.has(value)) clashing.add(field)
    seen.add(value)
  }
  return clashing
}

/** Why the choice cannot be imported yet, in words; null when it can. */
export function choiceProblem(choice: ColumnChoice, header: readonly string[]): string | null {
  if (choice.email === '') return `Choose the column that holds ${FIELD_LABELS.email}.`
  for (const field of clashingFields(choice)) {
    const index = Number(choice[field])
    const first = LEAD_FIELDS.find((other) => other !== field && choice[other] === choice[field])
    if (first === undefined) continue
    return `‘${columnLabel(header, index)}’ is chosen for both ${FIELD_LABELS[first]} and ${FIELD_LABELS[field]}; a column can hold only one field.`
  }
  return null
}

export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
