import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Transform } from 'node:stream'
import type ExcelJS from 'exceljs'
import { BadFileError, type FileProbe } from './file-probe'
import type { FileLayout } from './file-layout'
import { headerSignature, mapHeader } from './headers'
import type { CsvRecord } from './csv-scanner'
import { extname } from 'node:path'
import type { RecordBatch } from './read-records'

/**
 * Excel workbooks (.xlsx), read as a stream so a 200 000-row sheet never sits in memory whole.
 * Each row becomes the same `string[]` the CSV reader gives, with the sheet's row number as the
 * line; date cells become the `YYYY-MM-DD HH:MM:SS` text the date reader already understands.
 */

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
// Excel 97-2003 files and password-protected .xlsx files are both OLE compound files.
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const SAMPLE_ROWS = 8
const HEAD_ROWS = 500
const BATCH = 2000

type CellValue = ExcelJS.CellValue

const pad = (n: number): string => String(n).padStart(2, '0')

/** Excel stores wall-clock times without a zone; exceljs hands them over as UTC, so read UTC parts. */
export function excelDateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return ''
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  )
}

// Excel's day 0 in the 1900 date system (it counts 1900 as a leap year, so serials from 61 on
// land right from this day).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000
// A date stored as a bare number (the column formatted as General): 1 = 1900-01-01 … 2958465 = 9999-12-31.
const SERIAL = /^\d{1,7}(\.\d+)?$/

/**
 * A date column whose cells are plain numbers holds Excel's serial days (what a date cell stores
 * when its date format is lost); read it as the date it stands for. Anything else stays as it is.
 */
export function serialDateText(text: string): string {
  if (!SERIAL.test(text)) return text
  const serial = Number(text)
  if (serial < 1 || serial > 2_958_465) return text
  // Rounded to the second: Excel's fractions of a day are binary floats (0.9444444444 ≈ 22:40:00).
  const ms = Math.round((EXCEL_EPOCH_MS + serial * DAY_MS) / 1000) * 1000
  return excelDateText(new Date(ms))
}

/** The row with its date column's serial numbers read as dates. */
function withSerialDates(fields: string[], dateColumn: number | undefined): string[] {
  if (dateColumn === undefined) return fields
  const value = fields[dateColumn]
  if (value === undefined || value === '') return fields
  const text = serialDateText(value)
  if (text === value) return fields
  const copy = [...fields]
  copy[dateColumn] = text
  return copy
}

export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return excelDateText(value)
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result
    return result === undefined ? '' : cellText(result)
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text)
  if ('error' in value) return ''
  return ''
}

function rowFields(values: CellValue[] | Record<string, CellValue>, width: number): string[] {
  const list = Array.isArray(values) ? values : []
  // exceljs rows are 1-based: index 0 is always empty.
  const count = Math.max(width, list.length - 1)
  const fields: string[] = new Array<string>(count)
  for (let i = 0; i < count; i++) fields[i] = cellText(list[i + 1])
  return fields
}

async function checkContainer(path: string): Promise<void> {
  const name = basename(path)
  const head = Buffer.alloc(8)
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BadFileError(`${name}: cannot be read (${error.code ?? error.message})`)
  })
  try {
    await handle.read(head, 0, 8, 0)
  } finally {
    await handle.close()
  }
  if (head.equals(OLE)) {
    throw new BadFileError(
      extensionOf(path) === 'xls'
        ? `${name}: this is an old Excel 97-2003 workbook (.xls), which this app cannot read. Open it in Excel and save it as .xlsx or CSV.`
        : `${name}: the workbook is password-protected. Open it in Excel, remove the password (File › Info › Protect Workbook), save, and import it again.`,
    )
  }
  if (!head.subarray(0, 4).equals(ZIP)) {
    throw new BadFileError(
      `${name}: this is not a readable .xlsx workbook (the file is damaged or has another format).`,
    )
  }
}

async function probeXlsx(path: string): Promise<FileProbe> {
  await checkContainer(path)
  const { size } = await stat(path)
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return { sha256: hash.digest('hex'), size, encoding: 'utf-8', hasBom: false }
}

interface SheetRow {
  line: number
  fields: string[]
}

/** Every sheet's rows in order, as `{sheet index, row}`; exceljs errors become a plain refusal. */
async function* sheetRows(
  path: string,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<{ sheet: number; row: SheetRow }> {
  // Loaded on first use: exceljs costs every import process ~0.7 s of CPU and ~25 MB to load,
  // and most imports are CSV (bench/README.md, issue 14, third session).
  const { default: excel } = await import('exceljs')
  let read = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length
      onBytes?.(read)
      done(null, chunk)
    },
  })
  const input = createReadStream(path, { highWaterMark: 1 << 16 }).pipe(counter)
  const reader = new excel.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  })
  let sheet = 0
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        yield { sheet, row: { line: row.number, fields: rowFields(row.values, 0) } }
      }
      sheet++
    }
  } catch (error) {
    if (error instanceof BadFileError) throw error
    throw new BadFileError(
      `${basename(path)}: this is not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)}).`,
    )
  } finally {
    input.destroy()
  }
}

interface SheetHead {
  sheet: number
  header: SheetRow
  rows: string[][]
}

/** The first rows of each sheet, stopping at the first sheet whose header names an address column. */
async function readHeads(path: string): Promise<SheetHead[]> {
  const heads: SheetHead[] = []
  let current: SheetHead | undefined
  for await (const { sheet, row } of sheetRows(path)) {
    if (row.fields.every((field) => field.trim() === '')) continue
    if (!current || current.sheet !== sheet) {
      if (current && mapHeader(current.header.fields).columns.email !== undefined) break
      current = { sheet, header: row, rows: [] }
      heads.push(current)
      continue
    }
    if (current.rows.length < HEAD_ROWS) current.rows.push(row.fields)
  }
  return heads
}

function chooseSheet(heads: SheetHead[]): SheetHead | undefined {
  return heads.find((head) => mapHeader(head.header.fields).columns.email !== undefined) ?? heads[0]
}

async function layoutXlsx(path: string, fileName: string): Promise<FileLayout> {
  const chosen = chooseSheet(await readHeads(path))
  if (!chosen) throw new BadFileError(`${fileName}: the workbook has no rows; expected a header row and lead rows.`)
  const header = chosen.header.fields
  const width = header.length
  const rows = chosen.rows.map((row) =>
    row.length < width ? [...row, ...new Array<string>(width - row.length).fill('')] : row,
  )
  const map = mapHeader(header)
  const dateColumn = map.columns.emailSuspendedAt
  for (let i = 0; i < rows.length; i++) rows[i] = withSerialDates(rows[i] ?? [], dateColumn)
  return {
    delimiter: ',',
    header,
    signature: headerSignature(header),
    sampleRows: rows.slice(0, SAMPLE_ROWS),
    headRows: rows,
    detected: map.columns.email === undefined ? null : map.columns,
    recognised: map.columns,
    unknownColumns: map.unknownColumns,
    repeatedColumns: map.repeatedColumns,
  }
}

async function* batchesXlsx(
  path: string,
  layout: FileLayout,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<RecordBatch> {
  const width = layout.header.length
  const dateColumn = layout.recognised.emailSuspendedAt
  let sheet: number | undefined
  let records: CsvRecord[] = []
  for await (const item of sheetRows(path, onBytes)) {
    let header = false
    if (sheet === undefined) {
      if (item.row.fields.every((field) => field.trim() === '')) continue
      // The sheet the layout came from: the first whose header matches it.
      if (headerSignature(item.row.fields) !== layout.signature) continue
      sheet = item.sheet
      header = true
    } else if (item.sheet !== sheet) break
    const fields = header ? item.row.fields : withSerialDates(item.row.fields, dateColumn)
    records.push({
      line: item.row.line,
      fields: fields.length < width ? [...fields, ...new Array<string>(width - fields.length).fill('')] : fields,
    })
    if (records.length >= BATCH) {
      yield { records, errors: [] }
      records = []
    }
  }
  // A workbook cannot be cut off mid-record the way a text file can: the zip would not open.
  yield { records, errors: [], end: { lineBreak: true, openQuote: null } }
}

const extensionOf = (path: string): string => extname(path).slice(1).toLowerCase()

/** A `RecordSourceKind` (record-source.ts lists it; typed by shape here so the two files do not import each other). */
export const XLSX_SOURCE = {
  name: 'xlsx',
  matches: (path: string): boolean => ['xlsx', 'xlsm', 'xls'].includes(extensionOf(path)),
  open: (path: string) => ({
    probe: () => probeXlsx(path),
    layout: (_probe: FileProbe, fileName: string) => layoutXlsx(path, fileName),
    batches: (_probe: FileProbe, layout: FileLayout, onBytes?: (bytesRead: number) => void) =>
      batchesXlsx(path, layout, onBytes),
  }),
}
