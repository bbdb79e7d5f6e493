import { createReadStream } from 'node:fs'
import { Transform, type TransformCallback } from 'node:stream'
import { parse } from 'csv-parse'
import type { TextEncoding } from './file-probe'

export interface CsvRecord {
  /** 1-based line where the record starts, as a text editor numbers lines. */
  line: number
  fields: string[]
}

/** A malformed file, located at the line where the broken record starts. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError'
  readonly code: string
  /** 1-based field number in the record, when the parser knows it. */
  readonly field: number | null

  constructor(
    cause: CsvParseError,
    readonly line: number,
  ) {
    super(cause.message)
    this.code = cause.code
    this.field = typeof cause.column === 'number' ? cause.column + 1 : null
  }
}

interface CsvParseError {
  code: string
  column?: number | string
  message: string
}

function isCsvParseError(error: unknown): error is CsvParseError {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_')
}

export type Delimiter = ',' | ';' | '\t'
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t']

/**
 * Counts delimiters outside quotes on the header line: European Excel saves with `;`, "Unicode
 * text" with tabs, and a quoted header label may itself contain a comma.
 */
export function sniffDelimiter(firstText: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]))
  let inQuotes = false
  for (const char of firstText) {
    if (char === '"') inQuotes = !inQuotes
    else if (!inQuotes && (char === '\n' || char === '\r')) break
    else if (!inQuotes && counts.has(char as Delimiter)) {
      counts.set(char as Delimiter, (counts.get(char as Delimiter) ?? 0) + 1)
    }
  }
  let best: Delimiter = ','
  for (const delimiter of DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter
  }
  return best
}

/** Decodes bytes to text in stream order, keeping a split multi-byte character for the next chunk. */
class DecodeStream extends Transform {
  private readonly decoder: TextDecoder
  bytesRead = 0

  constructor(
    encoding: TextEncoding,
    private readonly onBytes: (bytesRead: number) => void,
  ) {
    super({ readableObjectMode: false, decodeStrings: true })
    // ignoreBOM false: the decoder drops a leading BOM instead of passing it to the header.
    this.decoder = new TextDecoder(encoding, { ignoreBOM: false })
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytesRead += chunk.length
    this.onBytes(this.bytesRead)
    const text = this.decoder.decode(chunk, { stream: true })
    done(null, text.length > 0 ? text : undefined)
  }

  override _flush(done: TransformCallback): void {
    const rest = this.decoder.decode()
    done(null, rest.length > 0 ? rest : undefined)
  }
}

export async function readFirstText(path: string, encoding: TextEncoding, maxBytes = 64 * 1024): Promise<string> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false })
  let text = ''
  for await (const chunk of createReadStream(path, { start: 0, end: maxBytes - 1 })) {
    text += decoder.decode(chunk as Buffer, { stream: true })
  }
  return text
}

export interface ReadOptions {
  encoding: TextEncoding
  delimiter: Delimiter
  onBytes?: (bytesRead: number) => void
}

/**
 * Streams a CSV file record by record; memory stays flat whatever the file size. Quoted fields
 * with embedded newlines and `""` escapes are csv-parse's job, not ours.
 */
export async function* readRecords(path: string, options: ReadOptions): AsyncGenerator<CsvRecord> {
  const bytes = createReadStream(path, { highWaterMark: 1 << 20 })
  const decode = new DecodeStream(options.encoding, options.onBytes ?? (() => undefined))
  const parser = parse({
    delimiter: options.delimiter,
    relax_column_count: true,
    // Bounce texts carry quotes (`550 "mailbox" unknown`); inside an unquoted field they are text.
    relax_quotes: true,
    skip_empty_lines: false,
  })
  bytes.on('error', (error) => parser.destroy(error))
  decode.on('error', (error) => parser.destroy(error))
  bytes.pipe(decode).pipe(parser)
  let nextLine = 1
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const line = nextLine
      // Line breaks only occur inside quoted fields, so they say how many lines the record spans.
      // (csv-parse's own line count takes a quoted CRLF for two lines.)
      nextLine = line + 1 + countLineBreaks(fields)
      yield { line, fields }
    }
  } catch (error) {
    throw isCsvParseError(error) ? new CsvSyntaxError(error, nextLine) : error
  } finally {
    bytes.destroy()
  }
}

const LINE_BREAK = /\r\n|\r|\n/g

function countLineBreaks(fields: readonly string[]): number {
  let breaks = 0
  for (const field of fields) {
    if (field.includes('\n') || field.includes('\r')) breaks += field.match(LINE_BREAK)?.length ?? 0
  }
  return breaks
}
