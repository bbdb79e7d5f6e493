/**
 * Peak memory of importing a large .xlsx workbook (issue 17): writes a workbook of N rows (default
 * 200 000) from the same generated export the CSV benchmark uses, imports it into a fresh database,
 * and prints the time and the process's peak resident memory.
 *   node --import tsx bench/xlsx-memory.ts [rows]
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resourceUsage } from 'node:process'
import ExcelJS from 'exceljs'
import { writeExport } from './generate-export'
import { openDatabase } from '../electron/main/db/open'
import { importFile } from '../electron/main/import/import-file'
import { CsvScanner } from '../electron/main/import/csv-scanner'

async function importOnly(xlsx: string, dir: string): Promise<void> {
  const db = openDatabase(join(dir, 'bench.db'))
  const started = performance.now()
  const summary = await importFile(db, { path: xlsx, name: 'deliverability-2026-11-20.xlsx' })
  const seconds = (performance.now() - started) / 1000
  db.close()
  const xlsxMB = +(statSync(xlsx).size / 1e6).toFixed(1)
  // maxRSS only grows: this process did nothing but the import, so it is the import's peak.
  console.log(
    JSON.stringify({
      rows: summary.rows,
      xlsxMB,
      seconds: +seconds.toFixed(1),
      peakRssMB: Math.round(resourceUsage().maxRSS / 1024),
    }),
  )
}

if (process.argv[2] === '--import-only') {
  await importOnly(process.argv[3] ?? '', process.argv[4] ?? '')
  process.exit(0)
}
const rows = Number(process.argv[2] ?? 200_000)
const dir = mkdtempSync(join(tmpdir(), 'xlsx-bench-'))
try {
  const csv = join(dir, 'deliverability-2026-11-20.csv')
  writeExport(csv, { rows })
  const xlsx = join(dir, 'deliverability-2026-11-20.xlsx')
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false })
  const sheet = writer.addWorksheet('Leads')
  new CsvScanner(',').push(
    readFileSync(csv, 'utf8'),
    (record) => sheet.addRow(record.fields).commit(),
    () => undefined,
  )
  sheet.commit()
  await writer.commit()
  // A fresh process, so writing the workbook does not count towards the import's peak.
  execFileSync(process.execPath, ['--import', 'tsx', process.argv[1] ?? '', '--import-only', xlsx, dir], {
    stdio: 'inherit',
  })
} finally {
  rmSync(dir, { recursive: true, force: true })
}
