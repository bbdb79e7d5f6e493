import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toApiError } from '../../../electron/main/core/errors'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { createQueries } from '../../../electron/main/db/queries'
import { PartialFileError, importFile } from '../../../electron/main/import/import-file'
import { BadFileError } from '../../../electron/main/import/file-probe'
import { CSV_FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const NOW = new Date('2026-11-27T12:00:00Z')
const EARLIER = 'weekly-deliverability-2026-11-13.csv'

const fixture = (name: string): { path: string; name: string } => ({ path: join(CSV_FIXTURES, name), name })
const countRows = (db: Db, table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

/** A real database file with one earlier export in it, and a snapshot of what it holds. */
async function withEarlierImport(): Promise<{ db: Db; holdings: () => unknown }> {
  const db = openDatabase(join(tempDir(), 'app.db'))
  await importFile(db, fixture(EARLIER), { now: NOW })
  const holdings = (): unknown => ({
    imports: createQueries(db).listImports(),
    report: createQueries(db).importReport(1),
    tables: ['lists', 'leads', 'spans', 'causes', 'import_counts'].map((table) => [table, countRows(db, table)]),
  })
  return { db, holdings }
}

async function refusal(db: Db, name: string, options: { allowPartial?: boolean } = {}): Promise<Error> {
  const error = await importFile(db, fixture(name), { now: NOW, ...options }).then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof Error)) throw new Error(`${name} was imported; expected a refusal`)
  return error
}

describe('a file cut off inside its last row', () => {
  it('is refused with the line and the missing columns, and the earlier import is intact', async () => {
    const { db, holdings } = await withEarlierImport()
    const before = holdings()
    const error = await refusal(db, 'cut-off-row-2026-11-20.csv')
    expect(error).toBeInstanceOf(PartialFileError)
    expect(toApiError(error).code).toBe('partial-file')
    expect(error.message).toBe(
      "cut-off-row-2026-11-20.csv, line 4: the file ends inside this row, without a line end: it has 3 of the header's 5 fields (missing 'Email Invalid Cause', 'Email Suspended'; 'Email Invalid' may be cut short). The download or copy was probably cut off; nothing was imported.",
    )
    expect(holdings()).toEqual(before)
    db.close()
  })

  it('imports its complete rows when allowed, and reports the cut row as skipped', async () => {
    const { db } = await withEarlierImport()
    const summary = await importFile(db, fixture('cut-off-row-2026-11-20.csv'), { now: NOW, allowPartial: true })
    expect(summary).toMatchObject({ rows: 2, invalid: 1, skipped: 1 })
    const report = createQueries(db).importReport(summary.id)
    expect(report?.skippedRows).toEqual([
      { line: 4, why: expect.stringMatching(/^the file ends inside this row, without a line end: it has 3 of/) },
    ])
    const leads = db.prepare('SELECT email FROM leads WHERE email LIKE ? ORDER BY email').all('%@x.example')
    expect(leads).toEqual([{ email: 'a@x.example' }, { email: 'b@x.example' }])
    db.close()
  })

  it('is imported whole when only the final line end is missing and the row is complete', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    const summary = await importFile(db, fixture('no-final-line-end-2026-11-20.csv'), { now: NOW })
    expect(summary).toMatchObject({ rows: 2, skipped: 0 })
    db.close()
  })
})

describe('a file that ends inside a quoted value', () => {
  it('is refused with the line and the column whose closing quote is missing', async () => {
    const { db, holdings } = await withEarlierImport()
    const before = holdings()
    const error = await refusal(db, 'open-quote-at-end-2026-11-20.csv')
    expect(toApiError(error).code).toBe('partial-file')
    expect(error.message).toMatch(
      /^open-quote-at-end-2026-11-20\.csv, line 4: the file ends inside the quoted 'Email Invalid Cause' value that starts on this line: its closing quote, the rest of that row and any rows after it are missing\. .*nothing was imported\.$/,
    )
    expect(holdings()).toEqual(before)
    db.close()
  })

  it('imports the rows before it when allowed', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    const summary = await importFile(db, fixture('open-quote-at-end-2026-11-20.csv'), {
      now: NOW,
      allowPartial: true,
    })
    expect(summary).toMatchObject({ rows: 2, invalid: 1, skipped: 1 })
    expect(createQueries(db).importReport(summary.id)?.skippedRows[0]?.line).toBe(4)
    db.close()
  })
})

describe('a file with a header and no lead rows', () => {
  it.each([false, true])('is refused (allowPartial %s) and stores nothing', async (allowPartial) => {
    const { db, holdings } = await withEarlierImport()
    const before = holdings()
    const error = await refusal(db, 'header-only-2026-11-20.csv', { allowPartial })
    expect(error).toBeInstanceOf(BadFileError)
    expect(toApiError(error).code).toBe('bad-file')
    expect(error.message).toBe(
      'header-only-2026-11-20.csv: no lead rows — an empty export would mark every lead as gone. Nothing was imported.',
    )
    expect(holdings()).toEqual(before)
    db.close()
  })
})
