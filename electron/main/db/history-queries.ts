import type { ImportCounts, NewlyInvalidEntry } from '../../shared/ipc'
import type { Db } from './open'
import { createVersionedMemo, queryPlan } from './span-reads'

export interface Transitions {
  /** seq → leads Email Invalid there and not in seq - 1 (absent counts as not invalid). */
  newlyInvalid: Map<number, number>
  /** seq → leads Email Invalid in seq - 1, present in seq and not invalid. */
  recovered: Map<number, number>
}

/**
 * Changes between consecutive snapshots of a list, for every snapshot at once, summed from the
 * counts stored whenever spans change (./transition-counts.ts). Kept until the database changes.
 */
export function createHistoryQueries(db: Db) {
  const storedTransitions = db.prepare<{ list: number }, { seq: number; dimension: string; n: number }>(`
    SELECT i.seq, c.dimension, sum(c.rows) AS n FROM imports AS i
    CROSS JOIN import_counts AS c ON c.import_id = i.id AND c.dimension IN ('newly-invalid', 'recovered')
    WHERE i.list_id = @list GROUP BY i.seq, c.dimension`)
  const importsOf = db.prepare<{ list: number | null }, { id: number; list_id: number; seq: number }>(
    'SELECT id, list_id, seq FROM imports WHERE @list IS NULL OR list_id = @list ORDER BY list_id, seq',
  )
  const counts = db.prepare<[], { import_id: number; dimension: string; key: string; rows: number }>(
    // From imports, so each snapshot's two dimensions are found by primary key: import_counts
    // also holds thousands of per-domain rows per snapshot that a scan would wade through.
    `SELECT c.import_id, c.dimension, c.key, c.rows FROM imports AS i
     CROSS JOIN import_counts AS c ON c.import_id = i.id AND c.dimension IN ('reason', 'verdict')
     ORDER BY c.import_id, c.dimension, c.rows DESC, c.key`,
  )

  const memo = createVersionedMemo(db)
  const transitions = (listId: number): Transitions =>
    memo(`transitions:${listId}`, () => {
      const result: Transitions = { newlyInvalid: new Map(), recovered: new Map() }
      for (const row of storedTransitions.all({ list: listId })) {
        ;(row.dimension === 'recovered' ? result.recovered : result.newlyInvalid).set(row.seq, row.n)
      }
      return result
    })

  return {
    /** Plans of the statements that read tallies across snapshots (tests look at them). */
    plans(list: number): Record<string, string[]> {
      return {
        storedTransitions: queryPlan(db, storedTransitions.source, { list }),
        counts: queryPlan(db, counts.source, {}),
      }
    },
    transitions,
    newlyInvalid(listId: number | undefined): NewlyInvalidEntry[] {
      const byList = new Map<number, Transitions>()
      const entries: NewlyInvalidEntry[] = []
      let previous: { id: number; list_id: number } | null = null
      for (const row of importsOf.all({ list: listId ?? null })) {
        let changes = byList.get(row.list_id)
        if (!changes) {
          changes = transitions(row.list_id)
          byList.set(row.list_id, changes)
        }
        const first = row.seq === 1
        entries.push({
          importId: row.id,
          previousImportId: !first && previous?.list_id === row.list_id ? previous.id : null,
          newlyInvalid: first ? null : (changes.newlyInvalid.get(row.seq) ?? 0),
          recovered: first ? null : (changes.recovered.get(row.seq) ?? 0),
        })
        previous = row
      }
      return entries
    },
    /** Per-import tallies by reason and verdict, as stored at import (Email Invalid rows). */
    counts(): ImportCounts[] {
      const byImport = new Map<number, ImportCounts>()
      for (const row of counts.all()) {
        let entry = byImport.get(row.import_id)
        if (!entry) {
          entry = { importId: row.import_id, byReason: {}, byVerdict: {} }
          byImport.set(row.import_id, entry)
        }
        if (row.dimension === 'reason') entry.byReason[row.key] = row.rows
        else entry.byVerdict[row.key] = row.rows
      }
      return [...byImport.values()]
    },
  }
}

export type HistoryQueries = ReturnType<typeof createHistoryQueries>
