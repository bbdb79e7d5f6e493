import { createReadStream } from 'node:fs'
import { CsvScanner, CsvSyntaxError, type CsvRecord } from './csv-scanner'
import type { TextEncoding } from './file-probe'

export { CsvSyntaxError, type CsvRecord }

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

export interface RecordBatch {
  records: CsvRecord[]
  /** Records that could not be read and were skipped; the import reports them. */
  errors: CsvSyntaxError[]
  /** Only on the last batch: how the file ended, which tells a complete export from a cut-off one. */
  end?: FileEnd
}

export interface FileEnd {
  /** Whether a line break follows the last record; Marketo ends every export with one. */
  lineBreak: boolean
  /** The file ends inside a quoted field that starts at this error's line; its records are lost. */
  openQuote: CsvSyntaxError | null
}

const LF = 10
const CR = 13

/**
 * Small enough that a batch's field strings die in V8's young generation instead of being
 * promoted: with 1 MB batches the old generation grew with the file (275 MB of garbage at 600,000
 * rows) although almost nothing survives a batch.
 */
const CHUNK_BYTES = 128 * 1024

/**
 * Streams a CSV file in batches of records, one batch per chunk read: memory stays flat whatever
 * the file size, and the caller's loop runs synchronously within a batch.
 */
export async function* readRecordBatches(path: string, options: ReadOptions): AsyncGenerator<RecordBatch> {
  const decoder = new TextDecoder(options.encoding, { ignoreBOM: false })
  const scanner = new CsvScanner(options.delimiter)
  let bytesRead = 0
  let batch: RecordBatch = { records: [], errors: [] }
  let lastChar = -1
  const decoded = (text: string): string => {
    if (text.length > 0) lastChar = text.charCodeAt(text.length - 1)
    return text
  }
  const onRecord = (record: CsvRecord): void => {
    batch.records.push(record)
  }
  const onError = (error: CsvSyntaxError): void => {
    batch.errors.push(error)
  }
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer
    bytesRead += bytes.length
    options.onBytes?.(bytesRead)
    scanner.push(decoded(decoder.decode(bytes, { stream: true })), onRecord, onError)
    yield batch
    batch = { records: [], errors: [] }
  }
  scanner.push(decoded(decoder.decode()), onRecord, onError)
  let openQuote: CsvSyntaxError | null = null
  try {
    scanner.end(onRecord, onError)
  } catch (error) {
    // The one error end() throws: the caller decides whether a cut-off file is refused.
    if (!(error instanceof CsvSyntaxError)) throw error
    openQuote = error
  }
  yield { ...batch, end: { lineBreak: lastChar === LF || lastChar === CR, openQuote } }
}
