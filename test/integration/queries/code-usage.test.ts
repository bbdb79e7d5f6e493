import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCodeUsageQueries, exampleShape } from '../../../electron/main/db/code-usage-queries'
import { createExplorerQueries } from '../../../electron/main/db/explorer-queries'
import type { Db } from '../../../electron/main/db/open'
import { importFile } from '../../../electron/main/import/import-file'
import { ApiError } from '../../../electron/shared/ipc'
import { requestValidators } from '../../../electron/shared/validate'
import { useTempDir } from '../../helpers/temp-dir'
import { buildHistory, CAUSES } from './history-fixture'

const tempDir = useTempDir()
let db: Db | null = null
afterEach(() => db?.close())

/**
 * Email Invalid rows per cause in the fixture (TL is only ever a suspended cause, so never counted):
 *
 * | cause            | S1 | S2 | S3 (newest) | all |
 * | UU 550 5.1.1     | 1  | 2  | 1           | 4   |
 * | SH 550 5.7.1     | 1  | 0  | 1           | 2   |
 * | MF 552 5.2.2     | 1  | 0  | 1           | 2   |
 * | MS 550 5.7.606   | 0  | 1  | 1           | 2   |
 */
const BY_HAND: Record<string, { latest: number; all: number }> = {
  '550': { latest: 3, all: 8 },
  '552': { latest: 1, all: 2 },
  '5.1.1': { latest: 1, all: 4 },
  '5.7.1': { latest: 1, all: 2 },
  '5.2.2': { latest: 1, all: 2 },
  '5.7.606': { latest: 1, all: 2 },
}

describe('codes:usage', () => {
  it('counts Email Invalid rows per code in the newest snapshot and over all snapshots', async () => {
    const built = await buildHistory(tempDir(), ['S2', 'S3', 'S1'])
    db = built.db
    const usage = createCodeUsageQueries(db).usage()

    expect(usage.snapshotCount).toBe(3)
    expect(usage.latestSnapshots).toEqual([
      { importId: built.ids.S3, listName: built.imports.S3.listName, snapshotDate: '2026-11-20' },
    ])
    const counted = Object.fromEntries(
      usage.codes.map((code) => [code.code, { latest: code.latestRows, all: code.allRows }]),
    )
    expect(counted).toEqual(BY_HAND)
    for (const code of usage.codes) {
      expect(code.latestByImport).toEqual([{ importId: built.ids.S3, rows: code.latestRows }])
    }
  })

  it('gives the most frequent texts as examples, the shorter first on a tie', async () => {
    const built = await buildHistory(tempDir())
    db = built.db
    const byCode = new Map(
      createCodeUsageQueries(db)
        .usage()
        .codes.map((code) => [code.code, code]),
    )
    // UU is in 4 snapshot rows; SH and MS in 2 each, and SH is the shorter text.
    expect(byCode.get('550')?.examples).toEqual([CAUSES.UU, CAUSES.SH, CAUSES.MS])
    expect(byCode.get('5.2.2')?.examples).toEqual([CAUSES.MF])
  })

  it('matches the count the explorer shows for the same code and snapshot', async () => {
    const built = await buildHistory(tempDir())
    db = built.db
    const explorer = createExplorerQueries(db)
    for (const code of createCodeUsageQueries(db).usage().codes) {
      const page = explorer.page({ importId: built.ids.S3, code: code.code, limit: 200 })
      expect(page.rows.length, code.code).toBe(code.latestRows)
      // The explorer's total comes from the tallies stored at import, not from spans.
      expect(page.total, code.code).toBe(code.latestRows)
    }
  })

  it('adds up the newest snapshot of each list, and keeps each list’s share for its link', async () => {
    const dir = tempDir()
    const built = await buildHistory(dir)
    db = built.db
    // A second list whose only snapshot is older than the first list's newest: it still counts.
    const path = join(dir, 'suppression-2026-11-01.csv')
    writeFileSync(
      path,
      `Id,Email Address,Email Invalid,Email Invalid Cause\n8,fox@gmail.com,true,"${CAUSES.UU}"\n9,gil@gmail.com,true,"${CAUSES.UU}"\n`,
    )
    const other = await importFile(
      db,
      { path, name: 'suppression-2026-11-01.csv' },
      { now: new Date('2026-11-21T10:00:00Z') },
    )
    const usage = createCodeUsageQueries(db).usage()

    expect(usage.snapshotCount).toBe(4)
    expect(usage.latestSnapshots.map((snapshot) => snapshot.importId)).toEqual([built.ids.S3, other.id])
    const unknown = usage.codes.find((code) => code.code === '5.1.1')
    expect(unknown?.latestRows).toBe(3)
    expect(unknown?.allRows).toBe(6)
    expect(unknown?.latestByImport).toEqual(
      expect.arrayContaining([
        { importId: built.ids.S3, rows: 1 },
        { importId: other.id, rows: 2 },
      ]),
    )
    // One text in both lists is one example, not two.
    expect(unknown?.examples).toEqual([CAUSES.UU])
  })

  it('is answered from memory until the database changes', async () => {
    const built = await buildHistory(tempDir(), ['S1', 'S2'])
    db = built.db
    const queries = createCodeUsageQueries(db)
    const first = queries.usage()
    expect(queries.usage()).toBe(first)
    db.prepare('DELETE FROM import_counts WHERE import_id = ?').run(built.ids.S2)
    expect(queries.usage()).not.toBe(first)
  })

  it('takes no request fields', () => {
    expect(requestValidators['codes:usage'](undefined)).toEqual({})
    expect(requestValidators['codes:usage']({})).toEqual({})
    expect(() => requestValidators['codes:usage']({ code: '550' })).toThrow(ApiError)
  })

  it('tells examples apart by more than the address or numbers in them', () => {
    expect(exampleShape('550 5.1.1 <ann@x.example>: User unknown')).toBe(
      exampleShape('550 5.1.1 <bob@y.example>:  User unknown'),
    )
    expect(exampleShape('550 5.1.1 User unknown')).not.toBe(exampleShape('550 5.1.1 Mailbox disabled'))
  })
})
