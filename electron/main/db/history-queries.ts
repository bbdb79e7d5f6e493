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
 * Changes between consecutive snapshots of a list, for every snapshot at once. A lead's state
 * only changes where one of its spans starts, so only Email Invalid spans are read (from the
 * covering partial `*_flagged` indexes); a recovery also needs one probe for the span after.
 * Spans are compared by state, not by position: deleting a snapshot can leave two spans with the
 * same state side by side. Results are kept until the database changes.
 */
export function createHistoryQueries(db: Db) {
  // Every flagged span of the list, from the covering partial indexes: an invalid span is newly
  // invalid unless the lead's span just before it (also flagged, if invalid) was invalid.
  const invalidSpans = db.prepare<{ list: number }, { lead_id: number; from_seq: number; to_seq: number }>(`
    SELECT lead_id, from_seq, 2147483647 AS to_seq FROM open_spans INDEXED BY open_spans_flagged
    WHERE list_id = @list AND email_invalid = 1
    UNION ALL
    SELECT lead_id, from_seq, to_seq FROM closed_spans INDEXED BY closed_spans_flagged
    WHERE list_id = @list AND email_invalid = 1`)
  // An Email Invalid span that ended: recovered if the lead's next span starts right after and is not invalid.
  const recovered = db.prepare<{ list: number }, { seq: number; n: number }>(`
    SELECT s.to_seq + 1 AS seq, count(*) AS n FROM closed_spans AS s INDEXED BY closed_spans_flagged
    WHERE s.list_id = @list AND s.email_invalid = 1 AND (
      EXISTS (SELECT 1 FROM open_spans AS o
              WHERE o.list_id = @list AND o.lead_id = s.lead_id AND o.from_seq = s.to_seq + 1 AND o.email_invalid = 0)
      OR EXISTS (SELECT 1 FROM closed_spans AS c INDEXED BY closed_spans_by_lead
                 WHERE c.list_id = @list AND c.lead_id = s.lead_id AND c.from_seq = s.to_seq + 1 AND c.email_invalid = 0))
    GROUP BY s.to_seq`)
  const importsOf = db.prepare<{ list: number | null }, { id: number; list_id: number; seq: number }>(
    'SELECT id, list_id, seq FROM imports WHERE @list IS NULL OR list_id = @list ORDER BY list_id, seq',
  )
  const counts = db.prepare<[], { import_id: number; dimension: string; key: string; rows: number }>(
    `SELECT import_id, dimension, key, rows FROM import_counts WHERE dimension IN ('reason', 'verdict')
     ORDER BY import_id, dimension, rows DESC, key`,
  )

  const memo = createVersionedMemo(db)
  const countNewlyInvalid = (listId: number): Map<number, number> => {
    const spans = invalidSpans.all({ list: listId })
    spans.sort((a, b) => a.lead_id - b.lead_id || a.from_seq - b.from_seq)
    const counts = new Map<number, number>()
    spans.forEach((span, index) => {
      const before = spans[index - 1]
      const continues = before?.lead_id === span.lead_id && before.to_seq === span.from_seq - 1
      if (span.from_seq > 1 && !continues) counts.set(span.from_seq, (counts.get(span.from_seq) ?? 0) + 1)
    })
    return counts
  }
  const transitions = (listId: number): Transitions =>
    memo(`transitions:${listId}`, () => ({
      newlyInvalid: countNewlyInvalid(listId),
      recovered: new Map(recovered.all({ list: listId }).map((row) => [row.seq, row.n])),
    }))

  return {
    /** Plans of the transition statements (tests and the benchmark look at them). */
    plans(list: number): Record<string, string[]> {
      return {
        invalidSpans: queryPlan(db, invalidSpans.source, { list }),
        recovered: queryPlan(db, recovered.source, { list }),
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
