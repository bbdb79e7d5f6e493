import { extname } from 'node:path'
import { probeFile, type FileProbe } from './file-probe'
import { readLayout, type FileLayout } from './file-layout'
import { readRecordBatches, type RecordBatch } from './read-records'
import { XLSX_SOURCE } from './xlsx-source'

export type { RecordBatch }

/**
 * Where an import's raw rows come from. The import pipeline (mapping, dates, classification,
 * writes) only sees what this gives it: a probe (hash, size, encoding), the layout read from the
 * start of the file, then every record as `string[]` fields with the file's line number, header
 * first, in batches. A CSV file and a spreadsheet feed the same pipeline through it.
 */
export interface RecordSource {
  /** Hash and size refuse a repeated file; encoding is reported. */
  probe(): Promise<FileProbe>
  /** The header and the first rows, for the mapping step and the date-order guess. */
  layout(probe: FileProbe, fileName: string): Promise<FileLayout>
  /**
   * Every record from the header on (the header is the first record), in file order. The last
   * batch carries `end`, which says whether the file was cut off. `onBytes` reports progress in
   * bytes of the file read so far, against `probe.size`.
   */
  batches(probe: FileProbe, layout: FileLayout, onBytes?: (bytesRead: number) => void): AsyncIterable<RecordBatch>
}

export interface RecordSourceKind {
  /** A short name, for errors and the report. */
  name: string
  /** Whether this kind reads the file (by its name; the first kind that matches is used). */
  matches(path: string): boolean
  open(path: string): RecordSource
}

/** CSV and tab-separated text, in any of the encodings `probeFile` tells apart. */
export const CSV_SOURCE: RecordSourceKind = {
  name: 'csv',
  matches: () => true,
  open: (path) => ({
    probe: () => probeFile(path),
    layout: (probe, fileName) => readLayout(path, probe.encoding, fileName),
    batches: (probe, layout, onBytes) =>
      readRecordBatches(path, {
        encoding: probe.encoding,
        delimiter: layout.delimiter,
        ...(onBytes ? { onBytes } : {}),
      }),
  }),
}

/**
 * The kinds of file an import reads, most specific first; CSV takes whatever no other kind
 * claims. A new format is one entry here, before CSV.
 */
export const RECORD_SOURCES: readonly RecordSourceKind[] = [XLSX_SOURCE, CSV_SOURCE]

export function openRecordSource(path: string): RecordSource {
  const kind = RECORD_SOURCES.find((candidate) => candidate.matches(path)) ?? CSV_SOURCE
  return kind.open(path)
}

/** Lower-case extension without the dot, for `matches`. */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase()
}
