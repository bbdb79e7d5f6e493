/**
 * An import report (`imports:report`) said in plain words: how the file was read, what was
 * ignored, and the skipped rows as text to paste into a spreadsheet.
 */
import type { ImportReportView } from '../../../electron/shared/ipc'
import { FIELD_LABELS } from '../../../electron/shared/lead-fields'
import { formatNumber } from './api'

const ENCODINGS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Excel’s “Unicode text”)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (the file was not valid UTF-8)',
}

const DELIMITERS: Record<string, string> = {
  ',': 'comma-separated',
  ';': 'semicolon-separated',
  tab: 'tab-separated',
}

const COLUMNS: Record<ImportReportView['columns'], string> = {
  header: 'columns found by their Marketo names',
  chosen: 'columns as you chose them',
  remembered: 'columns as you chose them for an earlier export with the same header',
}

const ORDERS: Record<string, string> = {
  'day-first': 'day first (14/03/2025)',
  'month-first': 'month first (3/14/2025)',
}

const BASES: Record<string, string> = {
  values: 'as the file’s own dates show',
  convention: 'going by how the file writes its dates',
  assumed: 'assumed, as in Marketo’s own exports; no date in the file tells them apart',
}

/** How many names a sentence lists before it says "and 4 more". */
const LISTED_NAMES = 8

function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`
}

export function quotedList(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_NAMES).map((name) => `‘${name}’`)
  const more = names.length - shown.length
  return more > 0 ? `${shown.join(', ')} and ${formatNumber(more)} more` : shown.join(', ')
}

/** `UTF-8`, `Windows-1252 (the file was not valid UTF-8)`. */
export function encodingName(encoding: string): string {
  return ENCODINGS[encoding] ?? encoding
}

/** `comma-separated`, `tab-separated`. */
export function delimiterName(delimiter: string): string {
  return DELIMITERS[delimiter] ?? `separated by ‘${delimiter}’`
}

/** `Read as UTF-8, comma-separated; columns found by their Marketo names.` */
export function howRead(report: ImportReportView): string {
  return `Read as ${encodingName(report.encoding)}, ${delimiterName(report.delimiter)}; ${COLUMNS[report.columns]}.`
}

export function unknownColumnsText(report: ImportReportView): string {
  const count = report.unknownColumns.length
  if (count === 0) return 'Every column in the file was used.'
  return `${plural(count, 'column', 'columns')} the app does not use ${count === 1 ? 'was' : 'were'} ignored: ${quotedList(report.unknownColumns)}.`
}

export function repeatedColumnsText(report: ImportReportView): string | null {
  if (report.repeatedColumns.length === 0) return null
  return `Named twice, so only the first column of that name was read: ${quotedList(report.repeatedColumns)}.`
}

export function blankRowsText(report: ImportReportView): string {
  if (report.blankRows === 0) return 'No blank rows.'
  return `${plural(report.blankRows, 'blank row was', 'blank rows were')} passed over (not counted as skipped).`
}

export function duplicatesText(report: ImportReportView): string {
  if (report.duplicateEmails === 0) return 'No address appears on more than one lead.'
  return `${plural(report.duplicateEmails, 'lead shares its', 'leads share their')} address with another lead; Marketo allows this, and all were kept.`
}

export function datesText(report: ImportReportView): string {
  const field = FIELD_LABELS.emailSuspendedAt
  const unreadable = report.unreadableDates.length
  const tail =
    unreadable > 0
      ? ` ${plural(unreadable, 'value is', 'values are')} not a date and ${unreadable === 1 ? 'was' : 'were'} left empty.`
      : ''
  if (report.dateOrder === null) return `Dates in ${field} needed no day-or-month decision.${tail}`
  // Stored as `day-first (values)`.
  const match = /^(\S+)\s*\((\w+)\)$/.exec(report.dateOrder)
  const order = match?.[1] ?? report.dateOrder
  const basis = match?.[2]
  const because = basis === undefined ? '' : `, ${BASES[basis] ?? basis}`
  return `Dates in ${field} were read ${ORDERS[order] ?? order}${because}.${tail}`
}

/** Tab-separated, so that it pastes into a spreadsheet as two columns. */
export function rowsAsText(fileName: string, rows: readonly { line: number; why: string }[]): string {
  return [
    `Skipped rows in ${fileName}`,
    'Line\tWhy it was skipped',
    ...rows.map((row) => `${row.line}\t${row.why}`),
  ].join('\n')
}
