import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { createQueries } from '../../../electron/main/db/queries'
import { BadFileError } from '../../../electron/main/import/file-probe'
import { DuplicateFileError, ImportCancelledError, importFile } from '../../../electron/main/import/import-file'
import { CSV_FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const NOW = new Date('2026-11-27T12:00:00Z')

function openTempDb(): Db {
  return openDatabase(join(tempDir(), 'app.db'))
}

function fixture(name: string): { path: string; name: string } {
  return { path: join(CSV_FIXTURES, name), name }
}

function writeFile(name: string, content: string | Buffer): { path: string; name: string } {
  const path = join(tempDir(), name)
  writeFileSync(path, content)
  return { path, name }
}

const countRows = (db: Db, table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

function expectNothingStored(db: Db): void {
  for (const table of ['imports', 'lists', 'spans', 'leads', 'causes', 'import_counts'])
    expect(countRows(db, table)).toBe(0)
}

describe('importFile', () => {
  it('stores a Marketo export: rows, flags, skipped lines and the report', async () => {
    const db = openTempDb()
    const summary = await importFile(db, fixture('weekly-deliverability-2026-11-13.csv'), { now: NOW })
    expect(summary).toMatchObject({
      fileName: 'weekly-deliverability-2026-11-13.csv',
      listName: 'weekly-deliverability',
      snapshotDate: '2026-11-13',
      snapshotDateSource: 'file-name',
      rows: 5,
      invalid: 3,
      suspended: 1,
      skipped: 2,
    })
    const report = JSON.parse(
      (db.prepare('SELECT report_json AS r FROM imports WHERE id = ?').get(summary.id) as { r: string }).r,
    ) as { skippedRows: { line: number; why: string }[]; blankRows: number; unknownColumns: string[] }
    expect(report.skippedRows.map((row) => row.line)).toEqual([8, 9])
    expect(report.skippedRows[1]?.why).toMatch(/not-an-address.*not an email address/)
    expect(report.blankRows).toBe(1)
    expect(report.unknownColumns).toEqual(['First Name', 'Lead Status'])
    const stored = db
      .prepare(
        'SELECT l.email, s.email_invalid AS invalid, s.email_suspended AS suspended FROM spans s JOIN leads l ON l.id = s.lead_id ORDER BY l.email',
      )
      .all()
    expect(stored).toEqual([
      { email: 'ana@northwind.example', invalid: 1, suspended: 0 },
      { email: 'bo@gmail.com', invalid: 0, suspended: 1 },
      { email: 'cy@contoso.example', invalid: 1, suspended: 0 },
      { email: 'di@fabrikam.example', invalid: 0, suspended: 0 },
      { email: 'flo@yahoo.com', invalid: 1, suspended: 0 },
    ])
    // Each distinct cause text is stored once and classified.
    const causes = db.prepare('SELECT text, reason, verdict FROM causes ORDER BY id').all() as {
      text: string
      reason: string
      verdict: string
    }[]
    expect(causes).toHaveLength(4)
    expect(causes.find((c) => c.text.includes('User unknown'))?.verdict).toBe('remove')
    expect(causes.find((c) => c.text.includes('Spamhaus'))?.verdict).toBe('fix-sending')
  })

  it('treats a non-empty cause as invalid when the file has no Email Invalid column', async () => {
    const db = openTempDb()
    const summary = await importFile(db, fixture('address-and-cause-only.csv'), { now: NOW })
    expect(summary).toMatchObject({ rows: 3, invalid: 2, suspended: 0, skipped: 0 })
  })

  it('reads Bulk Extract API names, with the literal null for empty values', async () => {
    const db = openTempDb()
    const file = writeFile(
      'bulk-extract.csv',
      'id,email,emailInvalid,emailInvalidCause,emailSuspended,emailSuspendedCause,emailSuspendedAt\n' +
        '11,a@x.example,true,550 5.1.1 User unknown,false,null,null\n' +
        '12,b@x.example,false,null,true,421 4.7.0 Try again later,2026-11-19T08:15:00Z\n',
    )
    const summary = await importFile(db, file, { now: NOW })
    expect(summary).toMatchObject({ rows: 2, invalid: 1, suspended: 1, skipped: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM causes').get()).toEqual({ n: 2 })
    expect(db.prepare('SELECT suspended_at AS at FROM spans WHERE suspended_at IS NOT NULL').get()).toEqual({
      at: '2026-11-19 08:15:00',
    })
    expect(db.prepare("SELECT count(*) AS n FROM leads WHERE identity IN ('id:11', 'id:12')").get()).toEqual({ n: 2 })
  })

  it('reads semicolon-separated files', async () => {
    const db = openTempDb()
    const summary = await importFile(db, fixture('semicolon.csv'), { now: NOW })
    expect(summary).toMatchObject({ rows: 2, invalid: 1 })
  })

  it('reads Windows-1252 bytes that are not valid UTF-8', async () => {
    const db = openTempDb()
    // "Empfänger unbekannt" with ä as the single byte 0xE4, as Excel saves it.
    const bytes = Buffer.concat([
      Buffer.from('Email Address,Email Invalid,Email Invalid Cause\r\nj@x.example,true,550 Empf', 'latin1'),
      Buffer.from([0xe4]),
      Buffer.from('nger unbekannt\r\n', 'latin1'),
    ])
    const summary = await importFile(db, writeFile('excel.csv', bytes), { now: NOW })
    expect(summary.rows).toBe(1)
    expect(db.prepare('SELECT text FROM causes').get()).toEqual({ text: '550 Empfänger unbekannt' })
  })

  it('reads UTF-16 LE with BOM and tabs, as Excel saves "Unicode text"', async () => {
    const db = openTempDb()
    const text =
      '\ufeffEmail Address\tEmail Invalid\tEmail Invalid Cause\r\nk@x.example\ttrue\t550 5.1.1 ユーザー不明\r\n'
    const summary = await importFile(db, writeFile('unicode.txt', Buffer.from(text, 'utf16le')), { now: NOW })
    expect(summary).toMatchObject({ rows: 1, invalid: 1 })
    expect(db.prepare('SELECT text FROM causes').get()).toEqual({ text: '550 5.1.1 ユーザー不明' })
  })

  it('strips a UTF-8 BOM so the first header is still recognised', async () => {
    const db = openTempDb()
    const summary = await importFile(
      db,
      writeFile('bom.csv', '\ufeffEmail Address,Email Invalid\nq@x.example,true\n'),
      { now: NOW },
    )
    expect(summary).toMatchObject({ rows: 1, invalid: 1 })
  })

  it('refuses the same file twice, naming the earlier import', async () => {
    const db = openTempDb()
    const first = await importFile(db, fixture('semicolon.csv'), { now: NOW })
    const copy = join(tempDir(), 'renamed.csv')
    copyFileSync(join(CSV_FIXTURES, 'semicolon.csv'), copy)
    const attempt = importFile(db, { path: copy, name: 'renamed.csv' }, { now: NOW })
    await expect(attempt).rejects.toThrow(DuplicateFileError)
    await expect(importFile(db, { path: copy, name: 'renamed.csv' }, { now: NOW })).rejects.toThrow(
      `already imported as import #${first.id} (semicolon.csv`,
    )
    expect(countRows(db, 'imports')).toBe(1)
  })

  it('names the file and the missing column, and writes nothing', async () => {
    const db = openTempDb()
    await expect(importFile(db, fixture('no-email-column.csv'), { now: NOW })).rejects.toThrow(
      /no-email-column\.csv, line 1: no 'Email Address' column in the header row \(found 'First Name', 'Company', 'Score'\)/,
    )
    expectNothingStored(db)
  })

  it('reports an unclosed quote with its line and leaves earlier imports untouched', async () => {
    const db = openTempDb()
    await importFile(db, fixture('semicolon.csv'), { now: NOW })
    const before = createQueries(db).listImports()
    const error = await importFile(db, fixture('unbalanced-quote.csv'), { now: NOW }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadFileError)
    expect((error as Error).message).toMatch(
      /^unbalanced-quote\.csv, line 2: the file ends inside the quoted 'Email Invalid Cause' value that starts on this line/,
    )
    expect(createQueries(db).listImports()).toEqual(before)
    expect(countRows(db, 'spans')).toBe(2)
  })

  it('keeps quotes inside unquoted fields as text, as bounce texts use them', async () => {
    const db = openTempDb()
    const file = writeFile('quotes.csv', 'Email Address,Email Invalid Cause\na@x.example,550 "mailbox" unknown\n')
    await importFile(db, file, { now: NOW })
    expect(db.prepare('SELECT text FROM causes').get()).toEqual({ text: '550 "mailbox" unknown' })
  })

  it('rejects binary files and empty files with a clear message', async () => {
    const db = openTempDb()
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    await expect(importFile(db, writeFile('logo.png', png), { now: NOW })).rejects.toThrow(
      /logo\.png: this is not a text file/,
    )
    await expect(importFile(db, writeFile('empty.csv', ''), { now: NOW })).rejects.toThrow(
      /empty\.csv: the file is empty/,
    )
    await expect(importFile(db, { path: join(tempDir(), 'missing.csv'), name: 'missing.csv' })).rejects.toThrow(
      /missing\.csv: cannot be read \(ENOENT\)/,
    )
    expectNothingStored(db)
  })

  it('leaves no trace when cancelled part-way', async () => {
    const db = openTempDb()
    const rows = Array.from({ length: 20_000 }, (_, i) => `lead${i}@x.example,true,550 5.1.1 User unknown ${i % 50}`)
    const big = writeFile('big.csv', `Email Address,Email Invalid,Email Invalid Cause\n${rows.join('\n')}\n`)
    const controller = new AbortController()
    const attempt = importFile(db, big, {
      now: NOW,
      signal: controller.signal,
      onProgress: ({ rows: done }) => {
        if (done >= 5000) controller.abort()
      },
    })
    await expect(attempt).rejects.toThrow(ImportCancelledError)
    expectNothingStored(db)
  })

  it('a Cancel that waits in the queue until the very end is still seen before COMMIT', async () => {
    // A worker thread busy in the synchronous end of an import never runs its message listener; the
    // import asks `pollCancel` before each check. Count the checks of a whole import, then deliver the
    // Cancel only at the last one.
    let checks = 0
    await importFile(openDatabase(join(tempDir(), 'count.db')), fixture('weekly-deliverability-2026-11-13.csv'), {
      now: NOW,
      pollCancel: () => {
        checks += 1
      },
    })
    expect(checks).toBeGreaterThan(0)
    const db = openTempDb()
    const controller = new AbortController()
    let seen = 0
    const attempt = importFile(db, fixture('weekly-deliverability-2026-11-13.csv'), {
      now: NOW,
      signal: controller.signal,
      pollCancel: () => {
        seen += 1
        if (seen === checks) controller.abort()
      },
    })
    await expect(attempt).rejects.toThrow(ImportCancelledError)
    expectNothingStored(db)
  })

  it('uses the override date, then the file time, then today', async () => {
    const db = openTempDb()
    const withOverride = await importFile(db, fixture('semicolon.csv'), { now: NOW, snapshotDate: '2026-01-05' })
    expect(withOverride).toMatchObject({ snapshotDate: '2026-01-05', snapshotDateSource: 'user' })
    const noDate = writeFile('export.csv', 'Email Address\nz@x.example\n')
    const fromTime = await importFile(
      db,
      { ...noDate, lastModifiedMs: new Date(2026, 10, 2, 12).getTime() },
      { now: NOW },
    )
    expect(fromTime).toMatchObject({ snapshotDate: '2026-11-02', snapshotDateSource: 'file-modified' })
  })
})

describe('importFile: dates', () => {
  it('decides day-first from a value late in the file and stores every date as ISO', async () => {
    const db = openTempDb()
    const rows = Array.from({ length: 3000 }, (_, i) => `lead${i}@x.example,true,01/02/2025 10:00`)
    rows.push('last@x.example,true,25/12/2025 08:30')
    const file = writeFile('eu.csv', `Email Address,Email Suspended,Email Suspended At\n${rows.join('\n')}\n`)
    await importFile(db, file, { now: NOW })
    const stored = db
      .prepare('SELECT DISTINCT suspended_at AS at FROM spans ORDER BY at')
      .all()
      .map((row) => (row as { at: string }).at)
    expect(stored).toEqual(['2025-02-01 10:00:00', '2025-12-25 08:30:00'])
    const report = JSON.parse((db.prepare('SELECT report_json AS r FROM imports').get() as { r: string }).r) as {
      dateOrder: string
    }
    expect(report.dateOrder).toBe('day-first (values)')
  })

  it('refuses a file that mixes day-first and month-first dates', async () => {
    const db = openTempDb()
    const file = writeFile('mixed.csv', 'Email Address,Email Suspended At\na@x.io,25/02/2025\nb@x.io,02/25/2025\n')
    await expect(importFile(db, file, { now: NOW })).rejects.toThrow(/mixes day-first and month-first dates/)
    expectNothingStored(db)
  })
})

describe('importFile: dates the file cannot settle', () => {
  const ambiguous =
    'Email Address,Email Suspended,Email Suspended At\na@x.io,true,03/04/2025\nb@x.io,true,05/06/2025 10:00\n'

  it('asks instead of guessing, and imports once told', async () => {
    const db = openTempDb()
    const file = writeFile('ambiguous.csv', ambiguous)
    await expect(importFile(db, file, { now: NOW })).rejects.toThrow(
      /ambiguous\.csv: the dates in 'Email Suspended At' \(e\.g\. 03\/04\/2025, 05\/06\/2025 10:00\) could be day\/month or month\/day/,
    )
    expectNothingStored(db)
    await importFile(db, file, { now: NOW, dateOrder: 'day-first' })
    const stored = db.prepare('SELECT suspended_at AS at FROM spans ORDER BY at').all()
    expect(stored).toEqual([{ at: '2025-04-03 00:00:00' }, { at: '2025-06-05 10:00:00' }])
  })
})
