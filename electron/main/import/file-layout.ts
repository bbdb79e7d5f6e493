import { basename } from 'node:path'
import type { ColumnMapping } from '../../shared/lead-fields'
import { CsvScanner } from './csv-scanner'
import { collectEvidence, decideOrder, emptyEvidence, type DayMonthOrder, type OrderDecision } from './dates'
import { BadFileError, type TextEncoding } from './file-probe'
import { FIELD_LABELS, headerSignature, LEAD_FIELDS, mapHeader, unmappedColumns } from './headers'
import { readFirstText, sniffDelimiter, type Delimiter, type RecordBatch } from './read-records'

/** The file's header names no Email Address column and no mapping is known for it. */
export class NeedsMappingError extends BadFileError {
  override name = 'NeedsMappingError'
}

/** Slash dates that fit both day-first and month-first, with nothing in the file to tell. */
export class NeedsDateOrderError extends BadFileError {
  override name = 'NeedsDateOrderError'
}

/** Dates in the sample that could be read either way, for the question to the user. */
export function dateSamples(layout: FileLayout, column: number | undefined, limit = 5): string[] {
  if (column === undefined) return []
  const samples = new Set<string>()
  for (const row of layout.headRows) {
    const value = (row[column] ?? '').trim()
    if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/.test(value)) samples.add(value)
    if (samples.size >= limit) break
  }
  return [...samples]
}

export interface FileLayout {
  delimiter: Delimiter
  header: string[]
  signature: string
  /** The first records after the header, for a preview. */
  sampleRows: string[][]
  /** Every complete record in the first 64 kB after the header. */
  headRows: string[][]
  /** From the header labels, or null when the labels do not name an Email Address column. */
  detected: ColumnMapping | null
  /** Whatever the labels did name, even without an address column: a head start for the mapping step. */
  recognised: ColumnMapping
  unknownColumns: string[]
  repeatedColumns: string[]
}

const SAMPLE_ROWS = 8

/** Reads the header and a few rows from the start of the file. */
export async function readLayout(path: string, encoding: TextEncoding, fileName = basename(path)): Promise<FileLayout> {
  const firstText = await readFirstText(path, encoding)
  if (firstText.trim() === '') {
    throw new BadFileError(`${fileName}: the file is empty; expected a header row and lead rows.`)
  }
  const delimiter = sniffDelimiter(firstText)
  const records: string[][] = []
  new CsvScanner(delimiter).push(
    `${firstText}`,
    (record) => void records.push(record.fields),
    () => undefined,
  )
  const header = records[0]
  if (!header)
    throw new BadFileError(`${fileName}, line 1: the header row is longer than 64 kB; this is not a Marketo export.`)
  const map = mapHeader(header)
  return {
    delimiter,
    header,
    signature: headerSignature(header),
    sampleRows: records.slice(1, SAMPLE_ROWS + 1),
    headRows: records.slice(1),
    detected: map.columns.email === undefined ? null : map.columns,
    recognised: map.columns,
    unknownColumns: map.unknownColumns,
    repeatedColumns: map.repeatedColumns,
  }
}

export type MappingSource = 'header' | 'chosen' | 'remembered'

export interface ResolvedColumns {
  columns: ColumnMapping
  source: MappingSource
  unknownColumns: string[]
}

/**
 * Which columns to read: the user's choice wins, then the header's own labels, then a mapping
 * remembered for this exact header. Without any, the import cannot go on.
 */
export function resolveColumns(
  fileName: string,
  layout: FileLayout,
  chosen: ColumnMapping | undefined,
  remembered: ColumnMapping | null,
): ResolvedColumns {
  if (chosen) {
    checkMapping(fileName, layout.header, chosen)
    return { columns: chosen, source: 'chosen', unknownColumns: unmappedColumns(layout.header, chosen) }
  }
  if (layout.detected) return { columns: layout.detected, source: 'header', unknownColumns: layout.unknownColumns }
  if (remembered && isUsable(layout.header, remembered)) {
    return { columns: remembered, source: 'remembered', unknownColumns: unmappedColumns(layout.header, remembered) }
  }
  const found = layout.header.map((label) => label.trim()).filter((label) => label !== '')
  const shown = found
    .slice(0, 8)
    .map((label) => `'${label.slice(0, 40)}'`)
    .join(', ')
  throw new NeedsMappingError(
    `${fileName}, line 1: no '${FIELD_LABELS.email}' column in the header row` +
      (found.length > 0 ? ` (found ${shown}${found.length > 8 ? ', …' : ''})` : ' (the first line is empty)') +
      `. Choose which column holds the address, or export the smart list from Marketo with the ${FIELD_LABELS.email} column.`,
  )
}

function isUsable(header: readonly string[], mapping: ColumnMapping): boolean {
  return (
    mapping.email !== undefined &&
    LEAD_FIELDS.every((field) => mapping[field] === undefined || (mapping[field] ?? 0) < header.length)
  )
}

function checkMapping(fileName: string, header: readonly string[], mapping: ColumnMapping): void {
  if (mapping.email === undefined) {
    throw new BadFileError(`${fileName}: the column mapping must say which column holds the ${FIELD_LABELS.email}.`)
  }
  const used = new Map<number, string>()
  for (const field of LEAD_FIELDS) {
    const index = mapping[field]
    if (index === undefined) continue
    if (!Number.isInteger(index) || index < 0 || index >= header.length) {
      throw new BadFileError(
        `${fileName}: the mapping points ${FIELD_LABELS[field]} at column ${index + 1}, but the file has ${header.length} columns.`,
      )
    }
    const other = used.get(index)
    if (other)
      throw new BadFileError(`${fileName}: column ${index + 1} is mapped to both ${other} and ${FIELD_LABELS[field]}.`)
    used.set(index, FIELD_LABELS[field])
  }
}

export interface DateOrderChoice {
  order: DayMonthOrder | null
  basis: OrderDecision['basis']
  sawNumericDates: boolean
}

/**
 * Day-first or month-first is decided per file from all its Email Suspended At values. The
 * sample usually settles it; only a file whose sample is ambiguous is read a second time.
 */
export async function decideDateOrder(
  rescan: () => AsyncIterable<RecordBatch>,
  layout: FileLayout,
  column: number | undefined,
): Promise<DateOrderChoice> {
  if (column === undefined) return { order: null, basis: 'assumed', sawNumericDates: false }
  const evidence = emptyEvidence()
  for (const row of layout.headRows) collectEvidence(row[column] ?? '', evidence)
  let decision = decideOrder(evidence)
  // ISO dates (or none) in the first 64 kB: no second read. Slash dates that leave the order
  // open: read the whole column before deciding.
  if (evidence.numericSeen && decision.basis !== 'values' && decision.basis !== 'contradictory') {
    for await (const batch of rescan()) {
      for (const record of batch.records) collectEvidence(record.fields[column] ?? '', evidence)
    }
    decision = decideOrder(evidence)
  }
  return { order: decision.order, basis: decision.basis, sawNumericDates: evidence.numericSeen }
}
