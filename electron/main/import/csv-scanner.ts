/**
 * A streaming CSV scanner (RFC 4180 plus what Excel and Marketo write: `,` `;` or tab, CRLF, LF
 * or CR, quoted fields with `""` and line breaks, quotes inside unquoted fields kept as text).
 *
 * Written here rather than taken from csv-parse because the import benchmark showed csv-parse
 * alone taking as long as SQLite's whole `.import` of the same file; this scanner works on
 * char codes and slices, and counts lines itself so every error names the line a record starts on.
 */

export interface CsvRecord {
  /** 1-based line where the record starts, as a text editor numbers lines. */
  line: number
  fields: string[]
}

/** A record that cannot be read; `fatal` when the rest of the file cannot be trusted either. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError'
  constructor(
    message: string,
    readonly line: number,
    /** 1-based field number within the record. */
    readonly field: number,
    readonly fatal: boolean,
  ) {
    super(message)
  }
}

const QUOTE = 34
const CR = 13
const LF = 10

export class CsvScanner {
  private pending = ''
  private line = 1
  private readonly delimiter: number

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0)
  }

  /**
   * Scans the complete records in `text` (after whatever was left over from the last call).
   * Bad records are passed to `onError` and skipped; scanning goes on at the next line.
   */
  push(text: string, onRecord: (record: CsvRecord) => void, onError: (error: CsvSyntaxError) => void): void {
    const buffer = this.pending + text
    const consumed = this.scan(buffer, false, onRecord, onError)
    this.pending = buffer.slice(consumed)
  }

  /** Scans what is left at the end of the file; throws when a quoted field was never closed. */
  end(onRecord: (record: CsvRecord) => void, onError: (error: CsvSyntaxError) => void): void {
    if (this.pending.length > 0) this.scan(this.pending, true, onRecord, onError)
    this.pending = ''
  }

  /** Returns how many chars of `buffer` were consumed as complete records. */
  private scan(
    buffer: string,
    atEnd: boolean,
    onRecord: (record: CsvRecord) => void,
    onError: (error: CsvSyntaxError) => void,
  ): number {
    const length = buffer.length
    const delimiter = this.delimiter
    let position = 0
    while (position < length) {
      const recordStart = position
      const startLine = this.line
      let linesInside = 0
      const fields: string[] = []
      let complete: boolean
      let broken: CsvSyntaxError | null = null
      // One iteration per field.
      for (;;) {
        if (position < length && buffer.charCodeAt(position) === QUOTE) {
          let value = ''
          let segment = position + 1
          let cursor = segment
          let closed = false
          while (cursor < length) {
            const quote = buffer.indexOf('"', cursor)
            if (quote === -1) {
              cursor = length
              break
            }
            if (quote + 1 < length && buffer.charCodeAt(quote + 1) === QUOTE) {
              value += buffer.slice(segment, quote + 1)
              segment = cursor = quote + 2
              continue
            }
            if (quote + 1 >= length && !atEnd) {
              // The closing quote may be the first half of `""` in the next chunk.
              cursor = length
              break
            }
            value += buffer.slice(segment, quote)
            cursor = quote + 1
            closed = true
            break
          }
          if (!closed) {
            if (!atEnd) return recordStart
            throw new CsvSyntaxError(
              `a quoted field that starts here is never closed (expected a closing ")`,
              startLine,
              fields.length + 1,
              true,
            )
          }
          linesInside += countBreaks(value)
          fields.push(value)
          position = cursor
          if (position >= length) {
            if (!atEnd) return recordStart
            complete = true
            break
          }
          const next = buffer.charCodeAt(position)
          if (next === delimiter) {
            position += 1
            continue
          }
          if (next === LF || next === CR) {
            const after = this.lineBreakEnd(buffer, position, atEnd)
            if (after === -1) return recordStart
            position = after
            complete = true
            break
          }
          broken ??= new CsvSyntaxError(
            'text follows a closing quote (expected the delimiter or the end of the line after a closing ")',
            startLine + linesInside,
            fields.length,
            false,
          )
          // Resynchronise at the end of this line.
          const resume = this.nextLineStart(buffer, position, atEnd)
          if (resume === -1) return recordStart
          position = resume
          complete = true
          break
        }
        let cursor = position
        let code = 0
        while (cursor < length) {
          code = buffer.charCodeAt(cursor)
          if (code === delimiter || code === LF || code === CR) break
          cursor += 1
        }
        if (cursor >= length) {
          if (!atEnd) return recordStart
          fields.push(buffer.slice(position, cursor))
          position = cursor
          complete = true
          break
        }
        fields.push(buffer.slice(position, cursor))
        if (code === delimiter) {
          position = cursor + 1
          continue
        }
        const after = this.lineBreakEnd(buffer, cursor, atEnd)
        if (after === -1) return recordStart
        position = after
        complete = true
        break
      }
      if (!complete) return recordStart
      this.line = startLine + linesInside + 1
      if (broken) onError(broken)
      else onRecord({ line: startLine, fields })
    }
    return position
  }

  /** Index after the line break at `at`, or -1 when a CR ends the chunk and a LF may follow. */
  private lineBreakEnd(buffer: string, at: number, atEnd: boolean): number {
    if (buffer.charCodeAt(at) === LF) return at + 1
    if (at + 1 < buffer.length) return buffer.charCodeAt(at + 1) === LF ? at + 2 : at + 1
    return atEnd ? at + 1 : -1
  }

  private nextLineStart(buffer: string, from: number, atEnd: boolean): number {
    for (let cursor = from; cursor < buffer.length; cursor += 1) {
      const code = buffer.charCodeAt(cursor)
      if (code === LF || code === CR) return this.lineBreakEnd(buffer, cursor, atEnd)
    }
    return atEnd ? buffer.length : -1
  }
}

function countBreaks(value: string): number {
  let breaks = 0
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) breaks += 1
  // A lone CR (old Mac files) is a line break too; a CR before LF is not counted twice.
  for (let index = value.indexOf('\r'); index !== -1; index = value.indexOf('\r', index + 1)) {
    if (value.charCodeAt(index + 1) !== LF) breaks += 1
  }
  return breaks
}
