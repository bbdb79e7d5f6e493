import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/main/db/open'
import { importFile } from '../../../electron/main/import/import-file'
import { openRecordSource } from '../../../electron/main/import/record-source'
import { useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()

const HEADER = ['Id', 'Email Address', 'Email Invalid', 'Email Invalid Cause', 'Email Suspended', 'Email Suspended At']
const CAUSE = '550 5.1.1 <ana@northwind.example>: Recipient address rejected: User unknown'

async function writeWorkbook(path: string, options: { notesSheetFirst?: boolean } = {}): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  if (options.notesSheetFirst) workbook.addWorksheet('Notes').addRow(['Exported by Marketo', 'see next sheet'])
  const sheet = workbook.addWorksheet('Leads')
  sheet.addRow(HEADER)
  sheet.addRow([501, 'ana@northwind.example', true, CAUSE, false, null])
  // A real date cell (Excel stores it as a serial with a date format) and a formula cell.
  sheet.addRow([
    502,
    { richText: [{ text: 'bo@' }, { text: 'gmail.com' }] },
    false,
    null,
    true,
    new Date(Date.UTC(2026, 10, 13, 5, 15, 0)),
  ])
  sheet.getCell('F3').numFmt = 'yyyy-mm-dd hh:mm'
  sheet.addRow([503, 'cy@contoso.example', { formula: '1=1', result: true }, '554 blocked', false, null])
  await workbook.xlsx.writeFile(path)
}

const CSV =
  HEADER.join(',') +
  '\n' +
  `501,ana@northwind.example,true,"${CAUSE}",false,\n` +
  '502,bo@gmail.com,false,,true,2026-11-13 05:15:00\n' +
  '503,cy@contoso.example,TRUE,554 blocked,false,\n'

const dump = (dbPath: string): unknown => {
  const db = openDatabase(dbPath)
  try {
    return {
      leads: db.prepare('SELECT * FROM leads ORDER BY id').all(),
      spans: db.prepare('SELECT * FROM open_spans ORDER BY lead_id').all(),
      causes: db.prepare('SELECT text FROM causes ORDER BY text').all(),
    }
  } finally {
    db.close()
  }
}

describe('importing an .xlsx workbook', () => {
  it('stores exactly what the same export as CSV stores, dates included', async () => {
    const xlsx = join(tempDir(), 'deliverability-2026-11-13.xlsx')
    const csv = join(tempDir(), 'deliverability-2026-11-13.csv')
    await writeWorkbook(xlsx, { notesSheetFirst: true })
    writeFileSync(csv, CSV)
    const results: unknown[] = []
    for (const file of [xlsx, csv]) {
      const dbPath = join(tempDir(), `${file.endsWith('.csv') ? 'csv' : 'xlsx'}.db`)
      const db = openDatabase(dbPath)
      const summary = await importFile(db, { path: file, name: file.split('/').pop() ?? '' })
      db.close()
      expect(summary.rows).toBe(3)
      expect(summary.invalid).toBe(2)
      expect(summary.suspended).toBe(1)
      results.push(dump(dbPath))
    }
    expect(results[0]).toEqual(results[1])
    expect(JSON.stringify(results[0])).toContain('2026-11-13 05:15:00')
  })

  it('gives the sheet row numbers as lines and skips the notes sheet', async () => {
    const xlsx = join(tempDir(), 'leads.xlsx')
    await writeWorkbook(xlsx, { notesSheetFirst: true })
    const source = openRecordSource(xlsx)
    const probe = await source.probe()
    const layout = await source.layout(probe, 'leads.xlsx')
    expect(layout.header).toEqual(HEADER)
    expect(layout.detected?.email).toBe(1)
    const lines: number[] = []
    for await (const batch of source.batches(probe, layout)) lines.push(...batch.records.map((r) => r.line))
    expect(lines).toEqual([1, 2, 3, 4])
  })

  it.each([
    ['an old .xls workbook', 'old.xls', /Excel 97-2003.*save it as \.xlsx or CSV/],
    ['a password-protected workbook', 'locked.xlsx', /password-protected/],
  ])('refuses %s with a reason', async (_what, name, reason) => {
    const path = join(tempDir(), name)
    // Both are OLE compound files; the signature is what Excel writes.
    writeFileSync(path, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]))
    const db = openDatabase(join(tempDir(), 'app.db'))
    await expect(importFile(db, { path, name })).rejects.toThrow(reason)
    expect(db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 })
    db.close()
  })

  it('refuses a damaged workbook with a reason', async () => {
    const good = join(tempDir(), 'good.xlsx')
    await writeWorkbook(good)
    const { readFileSync } = await import('node:fs')
    const bytes = readFileSync(good)
    const damaged = join(tempDir(), 'damaged.xlsx')
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const notZip = join(tempDir(), 'text.xlsx')
    writeFileSync(notZip, 'Id,Email Address\n1,a@b.example\n')
    const db = openDatabase(join(tempDir(), 'app.db'))
    await expect(importFile(db, { path: damaged, name: 'damaged.xlsx' })).rejects.toThrow(
      /damaged\.xlsx.*not a readable \.xlsx/,
    )
    await expect(importFile(db, { path: notZip, name: 'text.xlsx' })).rejects.toThrow(
      /text\.xlsx.*not a readable \.xlsx/,
    )
    db.close()
  })
})
