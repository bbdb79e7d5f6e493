/**
 * The rows of a Bulk Activity Extract file, read from its bytes.
 *
 * A million-row file is mostly numbers (GUID, lead, type, campaign, email id), a date and a JSON
 * cell of a send or delivery whose values the app does not keep. Decoding every byte to text and
 * cutting eight strings per row cost more than SQLite's whole `.import` of the file; here a row is
 * a set of byte ranges over the chunk read, numbers and dates are read from the bytes, and only
 * the cells the import keeps as text (a bounce's attributes, a new email's name, anything unusual)
 * are decoded. The CSV rules are the import's `CsvScanner`'s (quoted fields with `""`, line breaks
 * inside quotes, CR/LF/CRLF, the same two syntax errors); UTF-16 files, which Marketo does not
 * write but Excel can, go through `CsvScanner` itself behind the same `ActivityRow` interface.
 */
import { createReadStream } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { CsvScanner, CsvSyntaxError, type CsvRecord } from '../import/csv-scanner'

/** One record, valid only during the call that receives it (the scanner reuses it). */
export interface ActivityRow {
  /** 1-based line where the record starts. */
  readonly line: number
  /** Number of fields. */
  readonly width: number
  /** The fields as text (quotes removed, `""` unescaped): for the header and blank lines. */
  texts(): string[]
  /** A cell as text; '' for a missing cell or one the API wrote as `null`. */
  cell(index: number | undefined): string
  /** A cell of 1–15 ASCII digits and nothing else, as a number; null for anything else (read `cell` then). */
  digits(index: number | undefined): number | null
  /** Unix seconds of a cell written exactly `YYYY-MM-DDTHH:MM:SSZ` (the API's form); null otherwise. */
  isoSeconds(index: number | undefined): number | null
  /** Whether a cell starts with `{` and ends with `}` (or `[` … `]`); false means "look at `cell`". */
  bracketed(index: number | undefined): boolean
}

const QUOTE = 34
const CR = 13
const LF = 10
const DIGIT_0 = 48
const CHUNK_BYTES = 512 * 1024
const NEVER_CLOSED = 'a quoted field that starts here is never closed (expected a closing ")'
const TEXT_AFTER_QUOTE =
  'text follows a closing quote (expected the delimiter or the end of the line after a closing ")'

/**
 * Streams a file's records to `onRow`, yielding after each chunk read (where the caller reports
 * progress and looks for a Cancel). `onBytes` sees every chunk (the caller hashes the file in the
 * same pass). Throws `CsvSyntaxError` for a record that cannot be read: activity files are written
 * by a machine, so a damaged row means a damaged file.
 */
export async function* scanActivityRows(
  path: string,
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be',
  delimiter: string,
  onBytes: (chunk: Buffer) => void,
  onRow: (row: ActivityRow) => void,
  /** Bytes per read; tests make it tiny so records straddle chunks. */
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<void> {
  if (encoding !== 'utf-8') {
    yield* scanTextRows(path, encoding, delimiter, onBytes, onRow, chunkBytes)
    return
  }
  const rows = new ByteRows(delimiter.charCodeAt(0))
  let leftover: Buffer | null = null
  let first = true
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
    const bytes = chunk as Buffer
    onBytes(bytes)
    let buffer: Buffer = leftover ? Buffer.concat([leftover, bytes]) : bytes
    if (first) {
      // The byte order mark is three bytes; a first read may hold fewer.
      if (buffer.length < 3) {
        leftover = Buffer.from(buffer)
        continue
      }
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) buffer = buffer.subarray(3)
      first = false
    }
    const consumed = rows.scan(buffer, false, onRow)
    // A copy: the part of a record that continues in the next chunk must not share the stream's buffer.
    leftover = consumed < buffer.length ? Buffer.from(buffer.subarray(consumed)) : null
    yield
  }
  if (leftover) {
    const rest: Buffer = leftover
    const bom = first && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf
    rows.scan(bom ? rest.subarray(3) : rest, true, onRow)
  }
  yield
}

class ByteRows implements ActivityRow {
  line = 1
  width = 0
  private nextLine = 1
  private buffer: Buffer = Buffer.alloc(0)
  private starts = new Int32Array(16)
  private ends = new Int32Array(16)
  /** 1 when the quoted field holds `""` pairs to unescape. */
  private escaped = new Uint8Array(16)

  constructor(private readonly delimiter: number) {}

  /** Returns how many bytes of `buffer` were complete records (all of it at the end of the file). */
  scan(buffer: Buffer, atEnd: boolean, onRow: (row: ActivityRow) => void): number {
    this.buffer = buffer
    const length = buffer.length
    const delimiter = this.delimiter
    let position = 0
    while (position < length) {
      const recordStart = position
      const startLine = this.nextLine
      let linesInside = 0
      let width = 0
      // One iteration per field; `break` ends the record.
      for (;;) {
        if (width === this.starts.length) this.grow()
        if (position < length && buffer[position] === QUOTE) {
          let cursor = position + 1
          let pairs = 0
          let close = -1
          while (cursor < length) {
            const quote = buffer.indexOf(QUOTE, cursor)
            if (quote === -1) break
            if (quote + 1 < length && buffer[quote + 1] === QUOTE) {
              pairs = 1
              cursor = quote + 2
              continue
            }
            // The closing quote may be the first half of `""` in the next chunk.
            if (quote + 1 >= length && !atEnd) break
            close = quote
            break
          }
          if (close === -1) {
            if (!atEnd) return recordStart
            throw new CsvSyntaxError(NEVER_CLOSED, startLine, width + 1, true)
          }
          this.starts[width] = position + 1
          this.ends[width] = close
          this.escaped[width] = pairs
          width += 1
          linesInside += lineBreaks(buffer, position + 1, close)
          position = close + 1
          if (position >= length) {
            if (!atEnd) return recordStart
            break
          }
          const next = buffer[position]
          if (next === delimiter) {
            position += 1
            continue
          }
          if (next === LF || next === CR) {
            const after = lineBreakEnd(buffer, position, atEnd)
            if (after === -1) return recordStart
            position = after
            break
          }
          throw new CsvSyntaxError(TEXT_AFTER_QUOTE, startLine + linesInside, width, false)
        }
        let cursor = position
        let code = 0
        while (cursor < length) {
          code = buffer[cursor] as number
          if (code === delimiter || code === LF || code === CR) break
          cursor += 1
        }
        this.starts[width] = position
        this.ends[width] = cursor
        this.escaped[width] = 0
        width += 1
        if (cursor >= length) {
          if (!atEnd) return recordStart
          position = cursor
          break
        }
        if (code === delimiter) {
          position = cursor + 1
          continue
        }
        const after = lineBreakEnd(buffer, cursor, atEnd)
        if (after === -1) return recordStart
        position = after
        break
      }
      this.nextLine = startLine + linesInside + 1
      this.line = startLine
      this.width = width
      onRow(this)
    }
    return position
  }

  private grow(): void {
    const size = this.starts.length * 2
    const starts = new Int32Array(size)
    const ends = new Int32Array(size)
    const escaped = new Uint8Array(size)
    starts.set(this.starts)
    ends.set(this.ends)
    escaped.set(this.escaped)
    this.starts = starts
    this.ends = ends
    this.escaped = escaped
  }

  private text(index: number): string {
    const raw = this.buffer.toString('utf8', this.starts[index], this.ends[index])
    return this.escaped[index] === 1 ? raw.replaceAll('""', '"') : raw
  }

  texts(): string[] {
    return Array.from({ length: this.width }, (_, index) => this.text(index))
  }

  cell(index: number | undefined): string {
    if (index === undefined || index >= this.width) return ''
    const value = this.text(index)
    return value === 'null' ? '' : value
  }

  digits(index: number | undefined): number | null {
    if (index === undefined || index >= this.width) return null
    const start = this.starts[index] as number
    const end = this.ends[index] as number
    if (end <= start || end - start > 15) return null
    const buffer = this.buffer
    let value = 0
    for (let at = start; at < end; at += 1) {
      const digit = (buffer[at] as number) - DIGIT_0
      if (digit < 0 || digit > 9) return null
      value = value * 10 + digit
    }
    return value
  }

  isoSeconds(index: number | undefined): number | null {
    if (index === undefined || index >= this.width) return null
    const start = this.starts[index] as number
    if ((this.ends[index] as number) - start !== 20) return null
    const b = this.buffer
    // YYYY-MM-DDTHH:MM:SSZ
    if (b[start + 4] !== 45 || b[start + 7] !== 45 || b[start + 10] !== 84 || b[start + 13] !== 58) return null
    if (b[start + 16] !== 58 || b[start + 19] !== 90) return null
    const hour = byteDigits(b, start + 11, 2)
    const minute = byteDigits(b, start + 14, 2)
    const second = byteDigits(b, start + 17, 2)
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return null
    const year = byteDigits(b, start, 4)
    const month = byteDigits(b, start + 5, 2)
    const date = byteDigits(b, start + 8, 2)
    if (year < 0 || month < 0 || date < 0) return null
    const dayStart = utcDayStart(year, month, date)
    return dayStart === null ? null : dayStart + hour * 3600 + minute * 60 + second
  }

  bracketed(index: number | undefined): boolean {
    if (index === undefined || index >= this.width) return false
    const start = this.starts[index] as number
    const end = this.ends[index] as number
    if (end - start < 2) return false
    const first = this.buffer[start]
    const last = this.buffer[end - 1]
    return (first === 123 && last === 125) || (first === 91 && last === 93)
  }
}

function byteDigits(bytes: Buffer, from: number, count: number): number {
  let value = 0
  for (let at = from; at < from + count; at += 1) {
    const digit = (bytes[at] as number) - DIGIT_0
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

let cachedDayKey = -1
let cachedDayStart = 0

/** Unix seconds of a valid calendar day's midnight UTC, null for a day that does not exist; the last day is cached (rows come in date order). */
function utcDayStart(year: number, month: number, date: number): number | null {
  const key = year * 10_000 + month * 100 + date
  if (key === cachedDayKey) return cachedDayStart
  if (month < 1 || month > 12 || date < 1) return null
  if (date > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
  cachedDayKey = key
  cachedDayStart = Date.UTC(year, month - 1, date) / 1000
  return cachedDayStart
}

/** Line breaks inside a quoted field, counted as `CsvScanner` counts them (CRLF once, a lone CR too). */
function lineBreaks(bytes: Buffer, start: number, end: number): number {
  // A loop, not indexOf: Buffer#indexOf has no end bound and would search the rest of the chunk.
  let breaks = 0
  for (let at = start; at < end; at += 1) {
    const code = bytes[at]
    if (code === LF || (code === CR && bytes[at + 1] !== LF)) breaks += 1
  }
  return breaks
}

/** Index after the line break at `at`, or -1 when a CR ends the chunk and a LF may follow. */
function lineBreakEnd(bytes: Buffer, at: number, atEnd: boolean): number {
  if (bytes[at] === LF) return at + 1
  if (at + 1 < bytes.length) return bytes[at + 1] === LF ? at + 2 : at + 1
  return atEnd ? at + 1 : -1
}

/** UTF-16 files: decoded and read by the import's `CsvScanner`, each record behind `ActivityRow`. */
async function* scanTextRows(
  path: string,
  encoding: 'utf-16le' | 'utf-16be',
  delimiter: string,
  onBytes: (chunk: Buffer) => void,
  onRow: (row: ActivityRow) => void,
  chunkBytes: number,
): AsyncGenerator<void> {
  const decoder = encoding === 'utf-16be' ? new Utf16beDecoder() : new StringDecoder('utf16le')
  const scanner = new CsvScanner(delimiter)
  const row = new TextRow()
  const onRecord = (record: CsvRecord): void => {
    row.line = record.line
    row.fields = record.fields
    onRow(row)
  }
  const onError = (error: CsvSyntaxError): void => {
    throw error
  }
  let first = true
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
    const bytes = chunk as Buffer
    onBytes(bytes)
    let text = decoder.write(bytes)
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    first = false
    scanner.push(text, onRecord, onError)
    yield
  }
  scanner.push(decoder.end(), onRecord, onError)
  scanner.end(onRecord, onError)
  yield
}

class TextRow implements ActivityRow {
  line = 1
  fields: string[] = []
  get width(): number {
    return this.fields.length
  }
  texts(): string[] {
    return this.fields
  }
  cell(index: number | undefined): string {
    if (index === undefined) return ''
    const value = this.fields[index] ?? ''
    return value === 'null' ? '' : value
  }
  digits(index: number | undefined): number | null {
    const value = this.cell(index)
    return /^\d{1,15}$/.test(value) ? Number(value) : null
  }
  isoSeconds(): number | null {
    return null
  }
  bracketed(): boolean {
    return false
  }
}

/** The one encoding StringDecoder lacks, behind its two methods. */
class Utf16beDecoder {
  private readonly decoder = new TextDecoder('utf-16be')
  write(bytes: Buffer): string {
    return this.decoder.decode(bytes, { stream: true })
  }
  end(): string {
    return this.decoder.decode()
  }
}
