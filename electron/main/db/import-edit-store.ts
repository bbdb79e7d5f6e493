import { ApiError, type ImportSummary } from '../../shared/ipc'
import { IMPORT_COLUMNS, IMPORTS_WITH_LISTS, toImportSummary } from './import-store'
import type { Db } from './open'
import { createTransitionCounter } from './transition-counts'
import { closeGap, createSnapshotWriter, openGap, type LeadState } from './snapshot-store'
import { STATE_COLUMNS } from './span-reads'

type ImportRow = Parameters<typeof toImportSummary>[0] & { list_id: number; seq: number }

interface SpanStateRow {
  lead_id: number
  email_invalid: number
  invalid_cause_id: number | null
  email_suspended: number
  suspended_cause_id: number | null
  suspended_at: string | null
}

/**
 * Corrections a user makes to the history: rename a list, correct a snapshot date, delete a
 * snapshot. Each runs in one transaction, so the spans of a list always describe exactly its
 * imports.
 */
export function createImportEditStore(db: Db) {
  const getRow = db.prepare<[number], ImportRow>(
    `SELECT ${IMPORT_COLUMNS}, i.list_id, i.seq FROM ${IMPORTS_WITH_LISTS} WHERE i.id = ?`,
  )
  const listByName = db.prepare<[string], { id: number }>('SELECT id FROM lists WHERE name = ?')
  const renameList = db.prepare('UPDATE lists SET name = ? WHERE id = ?')
  // Where the snapshot goes among the other snapshots of its list, as an import places it:
  // after every snapshot of the same day or earlier.
  const positionAmongOthers = db.prepare<[number, string, number], { seq: number }>(
    'SELECT count(*) + 1 AS seq FROM imports WHERE list_id = ? AND snapshot_date <= ? AND id != ?',
  )
  const setDate = db.prepare("UPDATE imports SET snapshot_date = ?, snapshot_date_source = 'user' WHERE id = ?")
  const setSeq = db.prepare('UPDATE imports SET seq = ? WHERE id = ?')
  const statesAt = db.prepare<{ list: number; seq: number }, SpanStateRow>(`
    SELECT lead_id, ${STATE_COLUMNS} FROM open_spans WHERE list_id = @list AND from_seq <= @seq
    UNION ALL
    SELECT lead_id, ${STATE_COLUMNS} FROM closed_spans WHERE list_id = @list AND from_seq <= @seq AND to_seq >= @seq`)
  const deleteImportRow = db.prepare('DELETE FROM imports WHERE id = ?')
  // Leads seen in this snapshot only (of its list): their one span starts and ends here. An open
  // span covers the newest snapshot onwards, so it qualifies only when this is the newest.
  const onlyHere = db.prepare<{ list: number; seq: number }, { lead_id: number }>(`
    SELECT lead_id FROM open_spans INDEXED BY open_spans_by_from
    WHERE list_id = @list AND from_seq = @seq AND @seq = (SELECT max(seq) FROM imports WHERE list_id = @list)
    UNION ALL
    SELECT lead_id FROM closed_spans INDEXED BY closed_spans_by_from
    WHERE list_id = @list AND from_seq = @seq AND to_seq = @seq`)
  // After the snapshot is gone: a lead with no span in any list is removed, address and all, so
  // deleting an export also deletes the people only it brought in.
  const deleteOrphanLead = db.prepare<{ lead: number }>(`
    DELETE FROM leads WHERE id = @lead
      AND NOT EXISTS (SELECT 1 FROM lists AS l CROSS JOIN open_spans AS o ON o.list_id = l.id AND o.lead_id = @lead)
      AND NOT EXISTS (SELECT 1 FROM lists AS l CROSS JOIN closed_spans AS c INDEXED BY closed_spans_by_lead
                      ON c.list_id = l.id AND c.lead_id = @lead)`)
  const deleteEmptyList = db.prepare(
    'DELETE FROM lists WHERE id = @list AND NOT EXISTS (SELECT 1 FROM imports WHERE list_id = @list)',
  )

  // Moving or deleting a snapshot changes what its neighbours are compared with; the list is
  // recounted whole because that reads only the spans that start somewhere (the churn).
  const transitions = createTransitionCounter(db)

  const mustGet = (importId: number): ImportRow => {
    const row = getRow.get(importId)
    if (!row) throw new ApiError('not-found', `There is no import #${importId}.`)
    return row
  }

  /**
   * Moves a snapshot from `from` to `to` in its list: its leads' states are read, the snapshot
   * is cut out (closeGap), a gap is opened at the new place (openGap) and the states are written
   * back there with the same writer an import uses. Costs about one import of the snapshot.
   */
  const move = (row: ImportRow, to: number): void => {
    const states: [number, LeadState][] = statesAt.all({ list: row.list_id, seq: row.seq }).map((span) => [
      span.lead_id,
      {
        emailInvalid: span.email_invalid === 1,
        invalidCauseId: span.invalid_cause_id,
        emailSuspended: span.email_suspended === 1,
        suspendedCauseId: span.suspended_cause_id,
        suspendedAt: span.suspended_at,
      },
    ])
    // seq 0 is outside every list's 1..n, so the snapshot counts for neither gap operation.
    setSeq.run(0, row.id)
    closeGap(db, row.list_id, row.seq)
    openGap(db, row.list_id, to)
    setSeq.run(to, row.id)
    const writer = createSnapshotWriter(db, row.list_id, to)
    for (const [leadId, state] of states) writer.add(leadId, state)
    writer.finish()
  }

  const update = db.transaction((importId: number, listName: string | undefined, snapshotDate: string | undefined) => {
    const row = mustGet(importId)
    if (listName !== undefined && listName !== row.list_name) {
      const other = listByName.get(listName)
      // Two lists under one name would have to be merged snapshot by snapshot: not offered.
      if (other && other.id !== row.list_id) {
        throw new ApiError('bad-request', `A list named '${listName}' already exists; lists cannot be merged.`)
      }
      renameList.run(listName, row.list_id)
    }
    if (snapshotDate !== undefined && snapshotDate !== row.snapshot_date) {
      const to = positionAmongOthers.get(row.list_id, snapshotDate, row.id)?.seq ?? 1
      if (to !== row.seq) {
        move(row, to)
        transitions.recount(row.list_id)
      }
      setDate.run(snapshotDate, row.id)
    }
  })

  const remove = db.transaction((importId: number): ImportSummary => {
    const row = mustGet(importId)
    // The tallies go with the row (ON DELETE CASCADE); the spans lose this snapshot.
    const candidates = onlyHere.all({ list: row.list_id, seq: row.seq }).map((span) => span.lead_id)
    deleteImportRow.run(importId)
    closeGap(db, row.list_id, row.seq)
    for (const lead of candidates) deleteOrphanLead.run({ lead })
    transitions.recount(row.list_id)
    deleteEmptyList.run({ list: row.list_id })
    return toImportSummary(row)
  })

  return {
    update(importId: number, changes: { listName?: string; snapshotDate?: string }): ImportSummary {
      update(importId, changes.listName, changes.snapshotDate)
      return toImportSummary(mustGet(importId))
    },
    delete(importId: number): ImportSummary {
      return remove(importId)
    },
  }
}
