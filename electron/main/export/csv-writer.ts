import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Writable } from 'node:stream'

/**
 * A streaming CSV writer for files people open in Excel and import into Marketo.
 *
 * - UTF-8 with a byte order mark: without it Excel on Windows reads UTF-8 as the local ANSI code
 *   page and turns `é` into `Ã©`. Marketo's list import accepts the BOM.
 * - CRLF after every record (RFC 4180), LF or CR inside a quoted field kept as written.
 * - A field is quoted when it contains the delimiter, `"` (doubled inside) or a line break.
 * - Formula-injection neutralisation, see `neutraliseFormula`.
 * - Backpressure: `writeRow` resolves only when the stream can take more, so a million-row
 *   export never piles up in memory.
 */

/** A cell: text, a number, or empty. */
export type CsvCell = string | number | null | undefined

export type CsvDelimiter = ',' | ';' | '\t'

export interface CsvWriterOptions {
  /** `,` by default: Marketo's list import expects commas. */
  delimiter?: CsvDelimiter
  /** Write the UTF-8 byte order mark first; true by default. */
  bom?: boolean
  /**
   * For a Writable target only: end it when the writer ends (true by default, like `pipe`).
   * A file-path target is always closed.
   */
  end?: boolean
}

export interface CsvWriter {
  /** Records written so far, header included. */
  readonly records: number
  /** Queues one record; resolves at once unless the stream's buffer is full, then on 'drain'. */
  writeRow(cells: readonly CsvCell[]): Promise<void>
  /** Flushes and closes; for a file path, the file appears under its name only now. */
  end(): Promise<void>
  /**
   * Gives up: for a file path, the stream is destroyed and the partial file removed, so a failed
   * export never leaves a half-written list that looks complete. A caller's Writable is left to
   * the caller. Safe to call after a failure or twice.
   */
  abort(): Promise<void>
}

/**
 * The characters OWASP's "CSV Injection" guidance lists as starting a formula in Excel,
 * LibreOffice or Google Sheets: `=`, `+`, `-`, `@`, TAB (U+0009) and CR (U+000D).
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r'])

/**
 * The exact rule (OWASP, CSV Injection): a text cell whose first character (first UTF-16 code
 * unit, no trimming) is `=`, `+`, `-`, `@`, TAB or CR gets a single apostrophe `'` in front of
 * it, so spreadsheet programs show it as text instead of evaluating it. Nothing else changes: an
 * `=` later in the text is harmless because only the first character starts a formula, and the
 * quoting done afterwards keeps delimiters and quotes from opening a new cell.
 *
 * Bounce texts come from strangers' mail servers and addresses from strangers' form fills, so
 * every text cell goes through this rule. The apostrophe stays visible in the file (and would be
 * imported into Marketo as part of the value); that is the price OWASP accepts for safety.
 */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text.charAt(0)) ? `'${text}` : text
}

/**
 * One cell as it appears in the file. Numbers are written as they are (a negative number is no
 * formula and must stay a number); only text is neutralised, then quoted when needed.
 */
export function formatCsvCell(value: CsvCell, delimiter: CsvDelimiter = ','): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = neutraliseFormula(value)
  const needsQuotes = text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record with its CRLF line end. */
export function formatCsvRecord(cells: readonly CsvCell[], delimiter: CsvDelimiter = ','): string {
  return `${cells.map((cell) => formatCsvCell(cell, delimiter)).join(delimiter)}\r\n`
}

/** Tells apart the temporary files of two exports to the same name in one process. */
let partialCounter = 0

/** Records are gathered into chunks of about this many chars: one stream write per row is slow. */
const CHUNK_CHARS = 64 * 1024

/**
 * Writes to `target`: a file path (written to a temporary sibling and renamed on `end`, so an
 * existing file is replaced only by a complete one) or any Writable.
 */
export function createCsvWriter(target: string | Writable, options: CsvWriterOptions = {}): CsvWriter {
  const delimiter = options.delimiter ?? ','
  const ownFile = typeof target === 'string' ? target : null
  const partialPath =
    ownFile === null ? null : join(dirname(ownFile), `.${basename(ownFile)}.${process.pid}-${++partialCounter}.partial`)
  const stream: Writable = partialPath === null ? (target as Writable) : createWriteStream(partialPath)
  const endStream = ownFile !== null || options.end !== false

  let failure: Error | null = null
  let pending = options.bom === false ? '' : '\uFEFF'
  let records = 0
  let state: 'open' | 'ended' | 'aborted' = 'open'

  // Listening from the start: an error (a folder that does not exist, a full disk) would
  // otherwise be an unhandled 'error' event that crashes the process.
  const onError = (error: Error): void => {
    failure ??= error
  }
  stream.on('error', onError)

  const check = (): void => {
    if (failure) throw failure
    if (state !== 'open') throw new Error(`the CSV writer was already ${state}`)
  }

  /** Resolves on 'drain'; rejects on an error or when the stream closes before draining. */
  const drained = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const done = (error?: Error): void => {
        stream.off('drain', onDrain)
        stream.off('error', onFail)
        stream.off('close', onClose)
        if (error) reject(error)
        else resolve()
      }
      const onDrain = (): void => done()
      const onFail = (error: Error): void => done(error)
      const onClose = (): void => done(failure ?? new Error('the output stream closed before the export finished'))
      stream.on('drain', onDrain)
      stream.on('error', onFail)
      stream.on('close', onClose)
    })

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return
    const chunk = pending
    pending = ''
    if (stream.destroyed) throw failure ?? new Error('the output stream was closed before the export finished')
    if (!stream.write(chunk, 'utf8')) await drained()
    if (failure) throw failure
  }

  const waitUntilFinished = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (failure) {
        reject(failure)
        return
      }
      // A file stream is only safe to rename once its descriptor is closed.
      const event = ownFile === null ? 'finish' : 'close'
      const done = (error?: Error): void => {
        stream.off(event, onDone)
        stream.off('error', onFail)
        if (error) reject(error)
        else if (failure) reject(failure)
        else resolve()
      }
      const onDone = (): void => done()
      const onFail = (error: Error): void => done(error)
      stream.on(event, onDone)
      stream.on('error', onFail)
    })

  return {
    get records() {
      return records
    },
    async writeRow(cells) {
      check()
      pending += formatCsvRecord(cells, delimiter)
      records++
      if (pending.length >= CHUNK_CHARS) await flush()
    },
    async end() {
      check()
      await flush()
      state = 'ended'
      if (!endStream) return
      const finished = waitUntilFinished()
      stream.end()
      try {
        await finished
        if (ownFile !== null && partialPath !== null) await rename(partialPath, ownFile)
      } catch (error) {
        if (partialPath !== null) await rm(partialPath, { force: true })
        throw error
      }
    },
    async abort() {
      if (state === 'aborted') return
      state = 'aborted'
      pending = ''
      if (ownFile === null || partialPath === null) return
      if (!stream.destroyed) {
        const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()))
        stream.destroy()
        await closed
      }
      await rm(partialPath, { force: true })
    },
  }
}
