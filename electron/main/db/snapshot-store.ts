import type { Db } from './open'

/** What a snapshot says about one lead; two snapshots in a row with equal states share a span. */
export interface LeadState {
  emailInvalid: boolean
  invalidCauseId: number | null
  emailSuspended: boolean
  suspendedCauseId: number | null
  suspendedAt: string | null
}

interface SpanRow {
  from_seq: number
  to_seq: number
  email_invalid: number
  invalid_cause_id: number | null
  email_suspended: number
  suspended_cause_id: number | null
  suspended_at: string | null
}

function sameState(span: SpanRow, state: LeadState): boolean {
  return (
    span.email_invalid === (state.emailInvalid ? 1 : 0) &&
    span.invalid_cause_id === state.invalidCauseId &&
    span.email_suspended === (state.emailSuspended ? 1 : 0) &&
    span.suspended_cause_id === state.suspendedCauseId &&
    span.suspended_at === state.suspendedAt
  )
}

/**
 * `to_seq` of a span that runs to the newest snapshot of its list. A weekly import then writes
 * nothing for a lead whose state did not change: its span is already open. Readers need no
 * special case (`from_seq <= k AND to_seq >= k` still holds).
 */
export const OPEN_END = 2_147_483_647

/**
 * Makes room for a snapshot at position `seq` of a list: everything at or after it moves one
 * up. Spans that ran across the gap now cover `seq`; `SnapshotWriter.finish` cuts them where the
 * new snapshot disagrees. Values pass through negatives because the primary key includes
 * from_seq and SQLite checks uniqueness row by row.
 */
export function openGap(db: Db, listId: number, seq: number): void {
  db.prepare('UPDATE imports SET seq = seq + 1 WHERE list_id = ? AND seq >= ?').run(listId, seq)
  db.prepare(
    `UPDATE spans SET from_seq = -(from_seq + 1), to_seq = iif(to_seq = ${OPEN_END}, to_seq, to_seq + 1)
     WHERE list_id = ? AND from_seq >= ?`,
  ).run(listId, seq)
  db.prepare('UPDATE spans SET from_seq = -from_seq WHERE list_id = ? AND from_seq < 0').run(listId)
  db.prepare(
    `UPDATE spans SET to_seq = to_seq + 1 WHERE list_id = ? AND from_seq < ? AND to_seq >= ? AND to_seq <> ${OPEN_END}`,
  ).run(listId, seq, seq)
}

/**
 * Removes snapshot `seq` from a list (its imports row already gone). A span that covered it just
 * becomes one shorter: the snapshots before and after it are still contiguous once everything
 * after moves down.
 */
export function closeGap(db: Db, listId: number, seq: number): void {
  const wasLast =
    (db.prepare('SELECT count(*) AS n FROM imports WHERE list_id = ? AND seq > ?').get(listId, seq) as { n: number })
      .n === 0
  db.prepare('DELETE FROM spans WHERE list_id = ? AND from_seq = ? AND to_seq = ?').run(listId, seq, seq)
  if (wasLast)
    db.prepare(`DELETE FROM spans WHERE list_id = ? AND from_seq = ? AND to_seq = ${OPEN_END}`).run(listId, seq)
  // Spans through `seq` first, while nothing after it has moved down yet.
  db.prepare(
    `UPDATE spans SET to_seq = to_seq - 1 WHERE list_id = ? AND from_seq <= ? AND to_seq >= ? AND to_seq <> ${OPEN_END}`,
  ).run(listId, seq, seq)
  db.prepare(
    `UPDATE spans SET from_seq = -(from_seq - 1), to_seq = iif(to_seq = ${OPEN_END}, to_seq, to_seq - 1)
     WHERE list_id = ? AND from_seq > ?`,
  ).run(listId, seq)
  db.prepare('UPDATE spans SET from_seq = -from_seq WHERE list_id = ? AND from_seq < 0').run(listId)
  db.prepare('UPDATE imports SET seq = seq - 1 WHERE list_id = ? AND seq > ?').run(listId, seq)
}

/**
 * Writes one snapshot's leads as span edits. Call `openGap` first when the snapshot does not go
 * at the end of its list. One read per lead; a write only where the lead's state changed.
 */
export function createSnapshotWriter(db: Db, listId: number, seq: number) {
  const isLast =
    (db.prepare('SELECT count(*) AS n FROM imports WHERE list_id = ? AND seq > ?').get(listId, seq) as { n: number })
      .n === 0
  // A span that starts here runs on to later snapshots only if there are none yet.
  const newEnd = isLast ? OPEN_END : seq
  const nearby = db.prepare<[number, number, number, number], SpanRow>(
    `SELECT from_seq, to_seq, email_invalid, invalid_cause_id, email_suspended, suspended_cause_id, suspended_at
     FROM spans WHERE list_id = ? AND lead_id = ? AND from_seq <= ? AND to_seq >= ?`,
  )
  const insert = db.prepare<
    [number, number, number, number, number, number | null, number, number | null, string | null]
  >(
    `INSERT INTO spans (list_id, lead_id, from_seq, to_seq, email_invalid, invalid_cause_id, email_suspended, suspended_cause_id, suspended_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const setTo = db.prepare('UPDATE spans SET to_seq = ? WHERE list_id = ? AND lead_id = ? AND from_seq = ?')
  const setFrom = db.prepare('UPDATE spans SET from_seq = ? WHERE list_id = ? AND lead_id = ? AND from_seq = ?')
  const crossing = db.prepare<[number, number, number], SpanRow & { lead_id: number }>(
    `SELECT lead_id, from_seq, to_seq, email_invalid, invalid_cause_id, email_suspended, suspended_cause_id, suspended_at
     FROM spans WHERE list_id = ? AND to_seq >= ? AND from_seq <= ?`,
  )
  const seen = new LeadSet()
  // The first snapshot of a list has nothing to extend: skip the per-lead lookup.
  const listIsEmpty = db.prepare('SELECT 1 FROM spans WHERE list_id = ? LIMIT 1').get(listId) === undefined

  const insertSpan = (leadId: number, fromSeq: number, toSeq: number, state: LeadState): void => {
    insert.run(
      listId,
      leadId,
      fromSeq,
      toSeq,
      state.emailInvalid ? 1 : 0,
      state.invalidCauseId,
      state.emailSuspended ? 1 : 0,
      state.suspendedCauseId,
      state.suspendedAt,
    )
  }
  const stateOf = (span: SpanRow): LeadState => ({
    emailInvalid: span.email_invalid === 1,
    invalidCauseId: span.invalid_cause_id,
    emailSuspended: span.email_suspended === 1,
    suspendedCauseId: span.suspended_cause_id,
    suspendedAt: span.suspended_at,
  })

  return {
    /** Returns false when this lead is already in the snapshot (a repeated row in the file). */
    add(leadId: number, state: LeadState): boolean {
      if (seen.has(leadId)) return false
      seen.add(leadId)
      if (listIsEmpty) {
        insertSpan(leadId, seq, newEnd, state)
        return true
      }
      const spans = nearby.all(listId, leadId, seq + 1, seq - 1)
      const covering = spans.find((span) => span.from_seq <= seq && span.to_seq >= seq)
      if (covering) {
        if (sameState(covering, state)) return true
        // A span that ran across the new snapshot, with another state here: cut it in three
        // (in two when this snapshot is the newest: the open span just closes before it).
        setTo.run(seq - 1, listId, leadId, covering.from_seq)
        insertSpan(leadId, seq, newEnd, state)
        if (!isLast) insertSpan(leadId, seq + 1, covering.to_seq, stateOf(covering))
        return true
      }
      const before = spans.find((span) => span.to_seq === seq - 1)
      const after = isLast ? undefined : spans.find((span) => span.from_seq === seq + 1)
      if (before && sameState(before, state)) {
        if (after && sameState(after, state)) {
          // The new snapshot joins two spans with the same state into one.
          db.prepare('DELETE FROM spans WHERE list_id = ? AND lead_id = ? AND from_seq = ?').run(
            listId,
            leadId,
            seq + 1,
          )
          setTo.run(after.to_seq, listId, leadId, before.from_seq)
        } else {
          setTo.run(newEnd, listId, leadId, before.from_seq)
        }
      } else if (after && sameState(after, state)) {
        setFrom.run(seq, listId, leadId, after.from_seq)
      } else {
        insertSpan(leadId, seq, newEnd, state)
      }
      return true
    },
    /** Leads not in this snapshot lose it from the span that covered it. */
    finish(): void {
      // A list's first snapshot has nothing earlier to close.
      if (listIsEmpty) return
      // Collected first: a connection cannot write while a SELECT on it is still being stepped.
      const absent: (SpanRow & { lead_id: number })[] = []
      for (const span of crossing.iterate(listId, seq, seq)) {
        if (!seen.has(span.lead_id)) absent.push(span)
      }
      for (const span of absent) {
        if (span.from_seq === seq || span.to_seq === seq) {
          throw new Error(
            `span of lead ${span.lead_id} starts or ends at the new snapshot ${seq} but the lead is not in it`,
          )
        }
        setTo.run(seq - 1, listId, span.lead_id, span.from_seq)
        if (!isLast) insertSpan(span.lead_id, seq + 1, span.to_seq, stateOf(span))
      }
    },
  }
}

export type SnapshotWriter = ReturnType<typeof createSnapshotWriter>

/**
 * Lead ids are dense integers, so one bit each: 3,000,000 leads take 375 kB, where a Set of
 * numbers took tens of megabytes.
 */
class LeadSet {
  private bits = new Uint8Array(1 << 16)

  has(id: number): boolean {
    return ((this.bits[id >>> 3] ?? 0) & (1 << (id & 7))) !== 0
  }

  add(id: number): void {
    const index = id >>> 3
    if (index >= this.bits.length) {
      const grown = new Uint8Array(Math.max(index + 1, this.bits.length * 2))
      grown.set(this.bits)
      this.bits = grown
    }
    this.bits[index] = (this.bits[index] ?? 0) | (1 << (id & 7))
  }
}
