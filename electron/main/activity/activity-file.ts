/**
 * Reading Marketo's Bulk Activity Extract files (REST `bulk/v1/activities/export`): the header
 * that tells them from lead exports, their delimiter (CSV, TSV or SSV: comma, tab or space, as
 * the API's `format` names them; a semicolon when Excel re-saved one), their ISO dates and the
 * JSON `attributes` cell of each row.
 */
import { createReadStream } from 'node:fs'
import { CsvScanner, CsvSyntaxError, type CsvRecord } from '../import/csv-scanner'

export { CsvSyntaxError }

/** A file refused before anything is stored, with where and why. */
export class ActivityFileError extends Error {
  override name = 'ActivityFileError'
}

export const ACTIVITY_COLUMNS = [
  'marketoGUID',
  'leadId',
  'activityDate',
  'activityTypeId',
  'campaignId',
  'primaryAttributeValueId',
  'primaryAttributeValue',
  'attributes',
  'actionResult',
] as const
export type ActivityColumn = (typeof ACTIVITY_COLUMNS)[number]

/** Without these an event has no identity, lead, time or type. */
const REQUIRED: readonly ActivityColumn[] = ['marketoGUID', 'leadId', 'activityDate', 'activityTypeId']

/** Columns of a smart-list (lead) export: a file with these and activity columns is two files glued together. */
const LEAD_COLUMNS = new Set([
  'emailaddress',
  'email',
  'emailinvalid',
  'emailinvalidcause',
  'emailsuspended',
  'emailsuspendedcause',
  'emailsuspendedat',
  'firstname',
  'lastname',
])

const fold = (label: string): string =>
  label
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')

const COLUMN_BY_FOLDED = new Map<string, ActivityColumn>(ACTIVITY_COLUMNS.map((column) => [fold(column), column]))

export type ActivityColumns = Partial<Record<ActivityColumn, number>>

export interface ActivityHeader {
  columns: ActivityColumns
  /** Columns the app does not read, listed in the report. */
  unknownColumns: string[]
}

/** Whether a header row is an activity file's: Marketo's own API names for identity and type. */
export function looksLikeActivityHeader(header: readonly string[]): boolean {
  const folded = new Set(header.map(fold))
  return folded.has('marketoguid') && folded.has('activitytypeid')
}

/** Maps a header row to the columns the import reads; refuses a mixed or incomplete one. */
export function readActivityHeader(fileName: string, header: readonly string[]): ActivityHeader {
  const columns: ActivityColumns = {}
  const unknownColumns: string[] = []
  const leadColumns: string[] = []
  header.forEach((label, index) => {
    const folded = fold(label)
    const column = COLUMN_BY_FOLDED.get(folded)
    if (column !== undefined && columns[column] === undefined) columns[column] = index
    else if (LEAD_COLUMNS.has(folded)) leadColumns.push(label.trim())
    else if (label.trim() !== '') unknownColumns.push(label.trim())
  })
  if (leadColumns.length > 0 && Object.keys(columns).length > 0) {
    throw new ActivityFileError(
      `${fileName}, line 1: the header mixes activity columns (${Object.keys(columns).join(', ')}) with lead-export columns (${leadColumns.join(', ')}). Import the Bulk Activity Extract file and the smart-list export as separate files. Nothing was imported.`,
    )
  }
  const missing = REQUIRED.filter((column) => columns[column] === undefined)
  if (missing.length > 0) {
    throw new ActivityFileError(
      `${fileName}, line 1: an activity file needs the columns ${REQUIRED.join(', ')}; missing ${missing.join(', ')}. Nothing was imported.`,
    )
  }
  return { columns, unknownColumns }
}

export type ActivityDelimiter = ',' | '\t' | ';' | ' '
const DELIMITERS: readonly ActivityDelimiter[] = [',', '\t', ';', ' ']

/**
 * The delimiter under which the header line splits into the most known column names: an SSV
 * header is split by spaces, but a renamed CSV column may contain a space too, so counting
 * delimiters alone could pick the wrong one.
 */
export function sniffActivityDelimiter(headerLine: string): ActivityDelimiter {
  let best: ActivityDelimiter = ','
  let bestScore = -1
  for (const delimiter of DELIMITERS) {
    const labels = splitHeaderLine(headerLine, delimiter)
    const score = labels.filter((label) => COLUMN_BY_FOLDED.has(fold(label)) || LEAD_COLUMNS.has(fold(label))).length
    if (score > bestScore) {
      best = delimiter
      bestScore = score
    }
  }
  return best
}

function splitHeaderLine(line: string, delimiter: string): string[] {
  let fields: string[] = []
  const keep = (record: CsvRecord): void => {
    fields = record.fields
  }
  try {
    const scanner = new CsvScanner(delimiter)
    scanner.push(line, keep, () => undefined)
    scanner.end(keep, () => undefined)
  } catch {
    return []
  }
  return fields
}

/** The header line of a file (BOM removed), read from its first 64 kB. */
export async function readHeaderLine(
  path: string,
): Promise<{ line: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }> {
  const head = await readHead(path, 64 * 1024)
  const encoding = encodingOf(head)
  const text = new TextDecoder(encoding).decode(head)
  const end = text.search(/[\r\n]/)
  return { line: end === -1 ? text : text.slice(0, end), encoding }
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 })) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function encodingOf(head: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return 'utf-8'
}

/** Whether a file's header is a Bulk Activity Extract header (for routing a dropped file). */
export async function isActivityFile(path: string): Promise<boolean> {
  const { line } = await readHeaderLine(path)
  return looksLikeActivityHeader(splitHeaderLine(line, sniffActivityDelimiter(line)))
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * Unix seconds (UTC) of an activity date as the API writes it (`2022-02-13T14:06:20Z`,
 * `2013-09-26T06:56:35+0000`, `…+00:00`, with or without milliseconds); a time without a zone is
 * read as UTC, which is what the API means. Null for anything else: a date Excel rewrote
 * (`2/13/2022 14:06`) could be day- or month-first, so it is refused rather than guessed.
 */
export function parseActivityDate(raw: string): number | null {
  const fast = fastUtcDate(raw)
  if (fast !== null) return fast
  const match = ISO_INSTANT.exec(raw.trim())
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const hour = Number(match[4])
  const minute = Number(match[5])
  const second = Number(match[6] ?? 0)
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
  let offsetMinutes = 0
  const zone = match[7]
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0))
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetMinutes * 60
}

const DIGIT_0 = 48

function digits(text: string, from: number, count: number): number {
  let value = 0
  for (let index = from; index < from + count; index += 1) {
    const digit = text.charCodeAt(index) - DIGIT_0
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

let cachedDay = ''
let cachedDayStart = 0

/** `YYYY-MM-DDTHH:MM:SSZ`, the API's own form, without a regular expression: a million rows a file. */
function fastUtcDate(raw: string): number | null {
  if (raw.length !== 20 || raw.charCodeAt(10) !== 84 || raw.charCodeAt(19) !== 90) return null
  if (raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45 || raw.charCodeAt(13) !== 58 || raw.charCodeAt(16) !== 58)
    return null
  const hour = digits(raw, 11, 2)
  const minute = digits(raw, 14, 2)
  const second = digits(raw, 17, 2)
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return null
  const day = raw.slice(0, 10)
  if (day !== cachedDay) {
    const year = digits(raw, 0, 4)
    const month = digits(raw, 5, 2)
    const date = digits(raw, 8, 2)
    if (year < 0 || month < 1 || month > 12 || date < 1) return null
    if (date > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
    cachedDay = day
    cachedDayStart = Date.UTC(year, month - 1, date) / 1000
  }
  return cachedDayStart + hour * 3600 + minute * 60 + second
}

/**
 * A cheap check for the attributes of rows whose values the app does not keep (sends,
 * deliveries): one JSON object or array, by its brackets. A cell a shifted column put there
 * (text, a date) fails it; full parsing is kept for bounces, whose values are stored.
 */
export function looksLikeJson(raw: string): boolean {
  const text = raw.trim()
  if (text === '' || text === 'null') return true
  const first = text.charCodeAt(0)
  const last = text.charCodeAt(text.length - 1)
  return (first === 123 && last === 125) || (first === 91 && last === 93)
}

/** The attribute values the app keeps, read case-insensitively, as text or number. */
export interface BounceAttributes {
  category: string | null
  subcategory: string | null
  details: string | null
  email: string | null
}

const EMPTY_ATTRIBUTES: BounceAttributes = { category: null, subcategory: null, details: null, email: null }

/**
 * The `attributes` cell: one JSON object per row (`{"Category":"1","Details":"…"}`); the older
 * API wrote an array of `{"name","value"}` pairs, read the same way. Empty or `null` means none.
 * Throws a SyntaxError (the caller adds file, line and column) for text that is not JSON.
 */
export function parseAttributes(raw: string): BounceAttributes {
  const text = raw.trim()
  if (text === '' || text === 'null') return EMPTY_ATTRIBUTES
  const parsed: unknown = JSON.parse(text)
  const result: BounceAttributes = { category: null, subcategory: null, details: null, email: null }
  const take = (name: string, value: unknown): void => {
    if (typeof value !== 'string' && typeof value !== 'number') return
    const key = name.toLowerCase()
    const textValue = String(value)
    if (key === 'category') result.category = textValue
    else if (key === 'subcategory') result.subcategory = textValue
    else if (key === 'details') result.details = textValue
    else if (key === 'email') result.email = textValue
  }
  if (Array.isArray(parsed)) {
    for (const item of parsed) {
      if (item !== null && typeof item === 'object' && 'name' in item && typeof item.name === 'string') {
        take(item.name, 'value' in item ? item.value : null)
      }
    }
  } else if (parsed !== null && typeof parsed === 'object') {
    for (const [name, value] of Object.entries(parsed)) take(name, value)
  } else {
    throw new SyntaxError('expected a JSON object')
  }
  return result
}
