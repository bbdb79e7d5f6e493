import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { importCommand } from '../../../electron/cli/commands/import'
import { createAppContext, type AppContext } from '../../../electron/main/core/app-context'
import { saveIntoFolder } from '../../../electron/main/core/save-paths'
import { openDatabase } from '../../../electron/main/db/open'
import { startImportWorkerFromSource } from '../../../electron/main/import/start-worker-node'
import { cliHarness } from '../../helpers/cli-harness'
import { FIXTURES, useTempDir } from '../../helpers/temp-dir'

/**
 * An .xlsx takes every way a CSV takes: the handler table the app, the preview and the CLI share
 * (inspect for the mapping dialog, run, the report, the duplicate refusal) and the CLI command.
 */
const tempDir = useTempDir()
const XLSX = join(FIXTURES, 'xlsx', 'libreoffice-weekly-2026-11-20.xlsx')
const CSV = join(FIXTURES, 'xlsx', 'libreoffice-weekly-2026-11-20.csv')

function context(dbPath: string): AppContext {
  return createAppContext({
    dbPath,
    resourcesDir: join(tempDir(), 'resources'),
    version: '0.0.0-test',
    shell: 'web',
    emit: () => {},
    startImportWorker: startImportWorkerFromSource,
    chooseSavePath: saveIntoFolder(join(tempDir(), 'exports')),
  })
}

const dump = (dbPath: string): unknown => {
  const db = openDatabase(dbPath)
  try {
    return {
      imports: db.prepare('SELECT snapshot_date FROM imports').all(),
      leads: db.prepare('SELECT * FROM leads ORDER BY id').all(),
      spans: db.prepare('SELECT * FROM open_spans ORDER BY lead_id').all(),
      causes: db.prepare('SELECT text, verdict FROM causes ORDER BY text').all(),
    }
  } finally {
    db.close()
  }
}

describe('a workbook saved by a spreadsheet program (LibreOffice)', () => {
  it('stores what its CSV stores: numbers, boolean cells and date serials read as the CSV text', async () => {
    const results: unknown[] = []
    for (const file of [XLSX, CSV]) {
      const dbPath = join(tempDir(), `${file.endsWith('.csv') ? 'csv' : 'xlsx'}.db`)
      const app = context(dbPath)
      const [outcome] = await app.handlers['imports:run']({
        files: [{ path: file, name: file.split('/').pop() ?? '' }],
      })
      app.close()
      expect(outcome).toMatchObject({ ok: true, import: { rows: 5, invalid: 2, suspended: 2, skipped: 1 } })
      results.push(dump(dbPath))
    }
    expect(results[0]).toEqual(results[1])
    // The date serial 46345.9444… (with a date format) is the CSV's 2026-11-19 22:40:00.
    expect(JSON.stringify(results[0])).toContain('2026-11-19 22:40:00')
    expect(JSON.stringify(results[0])).toContain('2026-11-20 06:05:30')
  })

  it('gives the mapping step, the report and the duplicate refusal as for a CSV', async () => {
    const app = context(join(tempDir(), 'app.db'))
    try {
      const file = { path: XLSX, name: 'libreoffice-weekly-2026-11-20.xlsx' }
      const preview = await app.handlers['imports:inspect']({ file })
      expect(preview).toMatchObject({ source: 'header', encoding: 'utf-8', delimiter: ',' })
      expect(preview.header[2]).toBe('Email Address')
      expect(preview.rows[1]?.[7]).toBe('2026-11-19 22:40:00')

      const [first] = await app.handlers['imports:run']({ files: [file] })
      if (!first?.ok || !('import' in first)) throw new Error(`import failed: ${JSON.stringify(first)}`)
      const report = await app.handlers['imports:report']({ importId: first.import.id })
      // Sheet row 7 has no address: the line is the row number the spreadsheet shows.
      expect(report.skippedRows).toEqual([{ line: 7, why: expect.stringMatching(/address/i) as unknown as string }])

      // The same workbook again, under another name too, is refused as already imported.
      const renamed = join(tempDir(), 'copy of the export.xlsx')
      copyFileSync(XLSX, renamed)
      const again = await app.handlers['imports:run']({
        files: [file, { path: renamed, name: 'copy of the export.xlsx' }],
      })
      expect(again.map((outcome) => (outcome.ok ? 'imported' : outcome.error.code))).toEqual(['duplicate', 'duplicate'])
      expect(again[0]).toMatchObject({ duplicateOf: first.import.id })
    } finally {
      app.close()
    }
  })

  it('asks for the columns of a workbook whose header names no address column, and imports with the choice', async () => {
    const path = join(tempDir(), 'renamed-columns-2026-11-20.xlsx')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Sheet1')
    sheet.addRow(['Contact', 'Bounced', 'Why'])
    sheet.addRow(['ana@northwind.example', true, '550 5.1.1 User unknown'])
    sheet.addRow(['bo@gmail.com', false, null])
    await workbook.xlsx.writeFile(path)
    const app = context(join(tempDir(), 'app.db'))
    try {
      const file = { path, name: 'renamed-columns-2026-11-20.xlsx' }
      const preview = await app.handlers['imports:inspect']({ file })
      expect(preview.source).toBe('none')
      expect(preview.header).toEqual(['Contact', 'Bounced', 'Why'])
      const [refused] = await app.handlers['imports:run']({ files: [file] })
      expect(refused).toMatchObject({ ok: false, error: { code: 'needs-mapping' } })
      const mapping = { ...preview.mapping, email: 0, emailInvalid: 1, emailInvalidCause: 2 }
      const [outcome] = await app.handlers['imports:run']({ files: [{ ...file, mapping }] })
      expect(outcome).toMatchObject({ ok: true, import: { rows: 2, invalid: 1 } })
    } finally {
      app.close()
    }
  })

  it('is imported by the CLI, and refused there the second time', async () => {
    const db = join(tempDir(), 'cli.db')
    const first = cliHarness()
    expect(await importCommand.run([XLSX, '--db', db, '--json'], first.io)).toBe(0)
    expect(JSON.parse(first.output())).toMatchObject({ kind: 'leads', rows: 5, invalid: 2, snapshotDate: '2026-11-20' })
    const second = cliHarness()
    expect(await importCommand.run([XLSX, '--db', db, '--json'], second.io)).toBe(1)
    expect(JSON.parse(second.output())).toMatchObject({ code: 'duplicate' })
  })

  it('refuses an .xls picked in the dialog with the reason, through the same channel', async () => {
    const path = join(tempDir(), 'old-export.xls')
    writeFileSync(path, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]))
    const app = context(join(tempDir(), 'app.db'))
    try {
      const [outcome] = await app.handlers['imports:run']({ files: [{ path, name: 'old-export.xls' }] })
      expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-file' } })
      expect(outcome?.ok === false && outcome.error.message).toMatch(/old-export\.xls.*Excel 97-2003.*\.xlsx or CSV/)
      expect(readFileSync(path).length).toBe(512)
    } finally {
      app.close()
    }
  })
})

describe('dates stored as bare serial numbers', () => {
  it('reads an Email Suspended At column of bare serial numbers as the dates they stand for', async () => {
    const path = join(tempDir(), 'serials-2026-11-20.xlsx')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Leads')
    sheet.addRow(['Id', 'Email Address', 'Email Suspended', 'Email Suspended At'])
    // The date column formatted as General: Excel shows and stores the serial itself.
    sheet.addRow([1, 'ana@northwind.example', true, 46345.944444444445])
    sheet.addRow([2, 'bo@gmail.com', true, 46346])
    sheet.addRow([3, 'cy@contoso.example', false, null])
    await workbook.xlsx.writeFile(path)
    const app = context(join(tempDir(), 'app.db'))
    try {
      const file = { path, name: 'serials-2026-11-20.xlsx' }
      const preview = await app.handlers['imports:inspect']({ file })
      expect(preview.rows.map((row) => row[3])).toEqual(['2026-11-19 22:40:00', '2026-11-20 00:00:00', ''])
      const [outcome] = await app.handlers['imports:run']({ files: [file] })
      expect(outcome).toMatchObject({ ok: true, import: { rows: 3, suspended: 2 } })
      const db = openDatabase(app.dbPath)
      try {
        const stored = db.prepare('SELECT suspended_at FROM open_spans ORDER BY lead_id').all()
        expect(JSON.stringify(stored)).toContain('2026-11-19 22:40:00')
        expect(JSON.stringify(stored)).toContain('2026-11-20 00:00:00')
      } finally {
        db.close()
      }
    } finally {
      app.close()
    }
  })
})
