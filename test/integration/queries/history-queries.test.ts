import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../electron/main/db/open'
import { createQueries } from '../../../electron/main/db/queries'
import { createImportEditStore } from '../../../electron/main/db/import-edit-store'
import { useTempDir } from '../../helpers/temp-dir'
import { buildHistory, leadIds } from './history-fixture'

const tempDir = useTempDir()
let db: Db | null = null
afterEach(() => db?.close())

/** What a list looks like to a reader, without the import ids that depend on import order. */
function readable(handle: Db) {
  const queries = createQueries(handle)
  const byId = new Map(queries.listImports().map((item) => [item.id, item.snapshotDate]))
  return {
    imports: queries
      .listImports()
      .map(({ snapshotDate, rows, invalid, suspended }) => ({ snapshotDate, rows, invalid, suspended })),
    newly: queries.history.newlyInvalid(undefined).map((entry) => ({
      date: byId.get(entry.importId),
      previous: entry.previousImportId === null ? null : byId.get(entry.previousImportId),
      newlyInvalid: entry.newlyInvalid,
      recovered: entry.recovered,
    })),
  }
}

describe('history queries', () => {
  it('counts newly invalid and recovered leads against the previous snapshot of the list', async () => {
    const built = await buildHistory(tempDir())
    db = built.db
    const entries = createQueries(db).history.newlyInvalid(undefined)
    expect(entries).toEqual([
      { importId: built.ids.S1, previousImportId: null, newlyInvalid: null, recovered: null },
      // S2: leads 6 and 7 newly invalid (7 appeared invalid); lead 4 recovered; lead 3 left (not recovered).
      { importId: built.ids.S2, previousImportId: built.ids.S1, newlyInvalid: 2, recovered: 1 },
      // S3: lead 3 came back invalid, lead 4 bounced again; lead 1 recovered.
      { importId: built.ids.S3, previousImportId: built.ids.S2, newlyInvalid: 2, recovered: 1 },
    ])
  })

  it('gives the same history whatever order the snapshots were imported in', async () => {
    const inOrder = await buildHistory(`${tempDir()}`)
    const expected = readable(inOrder.db)
    inOrder.db.close()
    const { mkdirSync } = await import('node:fs')
    const other = `${tempDir()}/shuffled`
    mkdirSync(other)
    const shuffled = await buildHistory(other, ['S3', 'S1', 'S2'])
    db = shuffled.db
    expect(readable(db)).toEqual(expected)
  })

  it('returns per-import counts by reason and verdict', async () => {
    const built = await buildHistory(tempDir())
    db = built.db
    const counts = createQueries(db).history.counts()
    expect(counts.find((entry) => entry.importId === built.ids.S3)).toEqual({
      importId: built.ids.S3,
      byReason: { blocked: 2, mailboxfull: 1, userunknown: 1 },
      byVerdict: { 'fix-sending': 2, remove: 1, retry: 1 },
    })
  })

  it('deletes an import and keeps the rest of the history consistent', async () => {
    const built = await buildHistory(tempDir())
    db = built.db
    const deleted = createImportEditStore(db).delete(built.ids.S2)
    expect(deleted.snapshotDate).toBe('2026-11-13')
    const queries = createQueries(db)
    expect(queries.listImports().map((item) => item.snapshotDate)).toEqual(['2026-11-20', '2026-11-06'])
    // S3 against S1 now: 6 and 7 newly invalid; 3 and 4 were invalid in S1 too (their spans now
    // touch with the same state, unmerged) so they are not new; lead 1 recovered.
    expect(queries.history.newlyInvalid(undefined)).toEqual([
      { importId: built.ids.S1, previousImportId: null, newlyInvalid: null, recovered: null },
      { importId: built.ids.S3, previousImportId: built.ids.S1, newlyInvalid: 2, recovered: 1 },
    ])
    expect(db.prepare('SELECT count(*) AS n FROM import_counts WHERE import_id = ?').get(built.ids.S2)).toEqual({
      n: 0,
    })
    expect(queries.overview().previous?.id).toBe(built.ids.S1)
  })

  it('deleting the only snapshot of a list removes the list, its spans and its leads', async () => {
    const built = await buildHistory(tempDir(), ['S1'])
    db = built.db
    createImportEditStore(db).delete(built.ids.S1)
    expect(
      db
        .prepare(
          'SELECT (SELECT count(*) FROM lists) + (SELECT count(*) FROM spans) + (SELECT count(*) FROM leads) AS n',
        )
        .get(),
    ).toEqual({ n: 0 })
  })

  it('deleting a snapshot removes the leads only it had, and keeps every lead another snapshot has', async () => {
    const built = await buildHistory(tempDir())
    db = built.db
    const opened = built.db
    const emails = (): string[] =>
      (opened.prepare('SELECT email FROM leads ORDER BY id').all() as { email: string }[]).map((row) => row.email)
    const edits = createImportEditStore(opened)
    // Lead 7 (eve) appears on Nov 13 and stays: deleting Nov 20, then Nov 13, removes her only then.
    edits.delete(built.ids.S3)
    expect(emails()).toContain('eve@hotmail.com')
    edits.delete(built.ids.S2)
    expect(emails()).not.toContain('eve@hotmail.com')
    // Lead 3 (cy) was absent on Nov 13 but is in Nov 6, which remains.
    expect(emails()).toEqual([
      'ann@gmail.com',
      'bob@outlook.com',
      'cy@contoso.example',
      'dee@yahoo.com',
      'dup@fabrikam.example',
      'dup@fabrikam.example',
    ])
  })

  it('renames a list, and refuses a name another list has', async () => {
    const built = await buildHistory(tempDir())
    db = built.db
    const store = createImportEditStore(db)
    expect(store.update(built.ids.S1, { listName: 'Weekly bounces' }).listName).toBe('Weekly bounces')
    expect(
      createQueries(db)
        .listImports()
        .every((item) => item.listName === 'Weekly bounces'),
    ).toBe(true)
    db.prepare("INSERT INTO lists (name) VALUES ('Other')").run()
    expect(() => store.update(built.ids.S1, { listName: 'Other' })).toThrow(/already exists/)
  })

  it('moves a snapshot whose date is corrected to its place in the list', async () => {
    const built = await buildHistory(tempDir())
    db = built.db
    const lead = leadIds(db)
    // S1 was really taken after S3: the list becomes S2, S3, S1.
    const moved = createImportEditStore(db).update(built.ids.S1, { snapshotDate: '2026-11-27' })
    expect(moved).toMatchObject({ snapshotDate: '2026-11-27', snapshotDateSource: 'user' })
    const seqs = db.prepare('SELECT id, seq FROM imports ORDER BY seq').all()
    expect(seqs).toEqual([
      { id: built.ids.S2, seq: 1 },
      { id: built.ids.S3, seq: 2 },
      { id: built.ids.S1, seq: 3 },
    ])
    // The snapshot's rows moved with it: every lead has the state its file gave it.
    const stateAt = (seq: number, id: number): unknown =>
      db
        ?.prepare('SELECT email_invalid FROM spans WHERE list_id = 1 AND lead_id = ? AND from_seq <= ? AND to_seq >= ?')
        .all(id, seq, seq)
    expect(stateAt(3, lead[1] ?? 0)).toEqual([{ email_invalid: 1 }])
    expect(stateAt(3, lead[7] ?? 0)).toEqual([])
    expect(stateAt(2, lead[1] ?? 0)).toEqual([{ email_invalid: 0 }])
    expect(stateAt(1, lead[3] ?? 0)).toEqual([])
    // S1 (now last) against S3: ann invalid again, dee still invalid, 6 recovered, eve left.
    const entries = createQueries(db).history.newlyInvalid(undefined)
    expect(entries.at(-1)).toEqual({
      importId: built.ids.S1,
      previousImportId: built.ids.S3,
      newlyInvalid: 1,
      recovered: 1,
    })
    // Moving it back gives the original history.
    createImportEditStore(db).update(built.ids.S1, { snapshotDate: '2026-11-06' })
    expect(
      createQueries(db)
        .history.newlyInvalid(undefined)
        .map((entry) => entry.newlyInvalid),
    ).toEqual([null, 2, 2])
  })
})
