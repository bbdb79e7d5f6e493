import type { Db } from './open'

/** What a snapshot says about one lead; two snapshots in a row with equal states share a span. */
export interface LeadState {
  emailInvalid: boolean
  invalidCauseId: number | null
  emailSuspended: boolean
  suspendedCauseId: number | null
  suspendedAt: string | null
}

/**
 * `to_seq` of a span that runs to the newest snapshot of its list (a row of `open_spans`). A
 * weekly import then writes nothing for a lead whose state did not change. Readers need no
 * special case: `from_seq <= k AND to_seq >= k` still holds in the `spans` view.
 */
export const OPEN_END = 2_147_483_647

/** Rows per multi-row INSERT on a list's first snapshot (8 parameters each, far below SQLite's limit). */
const FIRST_SNAPSHOT_BATCH = 64

const STATE_COLUMNS = 'email_invalid, invalid_cause_id, email_suspended, suspended_cause_id, suspended_at'

interface SpanRow {
  /** Row id in `closed_spans`; null for the lead's open span. */
  id: number | null
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

function stateOf(span: SpanRow): LeadState {
  return {
    emailInvalid: span.email_invalid === 1,
    invalidCauseId: span.invalid_cause_id,
    emailSuspended: span.email_suspended === 1,
    suspendedCauseId: span.suspended_cause_id,
    suspendedAt: span.suspended_at,
  }
}

function isNewest(db: Db, listId: number, seq: number): boolean {
  return (
    (db.prepare('SELECT count(*) AS n FROM imports WHERE list_id = ? AND seq > ?').get(listId, seq) as { n: number })
      .n === 0
  )
}

/**
 * Makes room for a snapshot at position `seq` of a list: everything at or after it moves one
 * up. Spans that ran across the gap now cover `seq`; `SnapshotWriter.finish` cuts them where the
 * new snapshot disagrees.
 */
export function openGap(db: Db, listId: number, seq: number): void {
  db.prepare('UPDATE imports SET seq = seq + 1 WHERE list_id = ? AND seq >= ?').run(listId, seq)
  db.prepare('UPDATE open_spans SET from_seq = from_seq + 1 WHERE list_id = ? AND from_seq >= ?').run(listId, seq)
  // One statement per table, so the from <= to check sees each row only in its final state.
  db.prepare(
    'UPDATE closed_spans SET from_seq = iif(from_seq >= ?, from_seq + 1, from_seq), to_seq = to_seq + 1 WHERE list_id = ? AND to_seq >= ?',
  ).run(seq, listId, seq)
}

/**
 * Removes snapshot `seq` from a list (its imports row already gone). A span that covered it just
 * becomes one shorter: the snapshots before and after it are still contiguous once everything
 * after moves down.
 */
export function closeGap(db: Db, listId: number, seq: number): void {
  if (isNewest(db, listId, seq))
    db.prepare('DELETE FROM open_spans WHERE list_id = ? AND from_seq = ?').run(listId, seq)
  db.prepare('DELETE FROM closed_spans WHERE list_id = ? AND from_seq = ? AND to_seq = ?').run(listId, seq, seq)
  db.prepare(
    'UPDATE closed_spans SET from_seq = iif(from_seq > ?, from_seq - 1, from_seq), to_seq = to_seq - 1 WHERE list_id = ? AND to_seq >= ?',
  ).run(seq, listId, seq)
  db.prepare('UPDATE open_spans SET from_seq = from_seq - 1 WHERE list_id = ? AND from_seq > ?').run(listId, seq)
  db.prepare('UPDATE imports SET seq = seq - 1 WHERE list_id = ? AND seq > ?').run(listId, seq)
}

/**
 * Writes one snapshot's leads as span edits. Call `openGap` first when the snapshot does not go
 * at the end of its list. One read per lead; a write only where the lead's state changed.
 */
export function createSnapshotWriter(db: Db, listId: number, seq: number) {
  const isLast = isNewest(db, listId, seq)
  // A span that starts here runs on to later snapshots only if there are none yet.
  const newEnd = isLast ? OPEN_END : seq
  const listIsEmpty =
    db.prepare('SELECT 1 FROM open_spans WHERE list_id = ? LIMIT 1').get(listId) === undefined &&
    db.prepare('SELECT 1 FROM closed_spans WHERE list_id = ? LIMIT 1').get(listId) === undefined

  const openOf = db.prepare<[number, number], SpanRow>(
    `SELECT NULL AS id, from_seq, ${OPEN_END} AS to_seq, ${STATE_COLUMNS} FROM open_spans WHERE list_id = ? AND lead_id = ?`,
  )
  const closedNear = db.prepare<[number, number, number, number], SpanRow>(
    `SELECT id, from_seq, to_seq, ${STATE_COLUMNS} FROM closed_spans
     WHERE list_id = ? AND lead_id = ? AND from_seq <= ? AND to_seq >= ?`,
  )
  const insertOpen = db.prepare<[number, number, number, number, number | null, number, number | null, string | null]>(
    `INSERT INTO open_spans (list_id, lead_id, from_seq, ${STATE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertClosed = db.prepare<
    [number, number, number, number, number, number | null, number, number | null, string | null]
  >(
    `INSERT INTO closed_spans (list_id, lead_id, from_seq, to_seq, ${STATE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const deleteOpen = db.prepare('DELETE FROM open_spans WHERE list_id = ? AND lead_id = ?')
  const deleteClosed = db.prepare('DELETE FROM closed_spans WHERE id = ?')
  const setOpenFrom = db.prepare('UPDATE open_spans SET from_seq = ? WHERE list_id = ? AND lead_id = ?')
  const setClosed = db.prepare('UPDATE closed_spans SET from_seq = ?, to_seq = ? WHERE id = ?')
  const covering = db.prepare<[number, number, number, number, number], SpanRow & { lead_id: number }>(
    `SELECT NULL AS id, lead_id, from_seq, ${OPEN_END} AS to_seq, ${STATE_COLUMNS} FROM open_spans
     WHERE list_id = ? AND from_seq <= ?
     UNION ALL
     SELECT id, lead_id, from_seq, to_seq, ${STATE_COLUMNS} FROM closed_spans
     WHERE list_id = ? AND from_seq <= ? AND to_seq >= ?`,
  )
  const seen = new LeadSet()

  // A list's first snapshot only appends open spans, in lead order: written BATCH rows per
  // statement, which crosses into SQLite and steps the B-tree cursor far fewer times.
  const pending: (number | string | null)[] = []
  const batchSql = `INSERT INTO open_spans (list_id, lead_id, from_seq, ${STATE_COLUMNS}) VALUES ${Array.from(
    { length: FIRST_SNAPSHOT_BATCH },
    () => '(?, ?, ?, ?, ?, ?, ?, ?)',
  ).join(', ')}`
  const insertOpenBatch = listIsEmpty ? db.prepare(batchSql) : null
  const flush = (): void => {
    if (insertOpenBatch && pending.length === FIRST_SNAPSHOT_BATCH * 8) insertOpenBatch.run(pending)
    else
      for (let at = 0; at < pending.length; at += 8)
        insertOpen.run(...(pending.slice(at, at + 8) as Parameters<typeof insertOpen.run>))
    pending.length = 0
  }

  const insertSpan = (leadId: number, fromSeq: number, toSeq: number, state: LeadState): void => {
    const values = [
      state.emailInvalid ? 1 : 0,
      state.invalidCauseId,
      state.emailSuspended ? 1 : 0,
      state.suspendedCauseId,
      state.suspendedAt,
    ] as const
    if (toSeq === OPEN_END) insertOpen.run(listId, leadId, fromSeq, ...values)
    else insertClosed.run(listId, leadId, fromSeq, toSeq, ...values)
  }
  const removeSpan = (leadId: number, span: SpanRow): void => {
    if (span.id === null) deleteOpen.run(listId, leadId)
    else deleteClosed.run(span.id)
  }
  /** Moves a span's ends; a span crossing between open and closed changes table. */
  const reshape = (leadId: number, span: SpanRow, fromSeq: number, toSeq: number): void => {
    const wasOpen = span.id === null
    if (wasOpen && toSeq === OPEN_END) setOpenFrom.run(fromSeq, listId, leadId)
    else if (!wasOpen && toSeq !== OPEN_END) setClosed.run(fromSeq, toSeq, span.id)
    else {
      removeSpan(leadId, span)
      insertSpan(leadId, fromSeq, toSeq, stateOf(span))
    }
  }
  const spansNear = (leadId: number): SpanRow[] => {
    const near = closedNear.all(listId, leadId, seq + 1, seq - 1)
    const open = openOf.get(listId, leadId)
    if (open && open.from_seq <= seq + 1) near.push(open)
    return near
  }

  return {
    /**
     * Whether `createSnapshotMerge` can write this snapshot: it goes after every other snapshot of
     * a list that has some, so only open spans can change (see snapshot-merge.ts).
     */
    mergeable: isLast && !listIsEmpty,
    /** Returns false when this lead is already in the snapshot (a repeated row in the file). */
    add(leadId: number, state: LeadState): boolean {
      if (seen.has(leadId)) return false
      seen.add(leadId)
      if (listIsEmpty) {
        if (newEnd !== OPEN_END) {
          insertSpan(leadId, seq, newEnd, state)
          return true
        }
        pending.push(
          listId,
          leadId,
          seq,
          state.emailInvalid ? 1 : 0,
          state.invalidCauseId,
          state.emailSuspended ? 1 : 0,
          state.suspendedCauseId,
          state.suspendedAt,
        )
        if (pending.length === FIRST_SNAPSHOT_BATCH * 8) flush()
        return true
      }
      // The weekly case: the lead's open span already covers the newest snapshot.
      const open = isLast ? openOf.get(listId, leadId) : undefined
      if (open && open.from_seq < seq) {
        if (sameState(open, state)) return true
        reshape(leadId, open, open.from_seq, seq - 1)
        insertSpan(leadId, seq, OPEN_END, state)
        return true
      }
      const spans = spansNear(leadId)
      const cover = spans.find((span) => span.from_seq <= seq && span.to_seq >= seq)
      if (cover) {
        if (sameState(cover, state)) return true
        // A span that ran across the new snapshot, with another state here: cut it in three
        // (in two when this snapshot is the newest: the open span just closes before it).
        reshape(leadId, cover, cover.from_seq, seq - 1)
        insertSpan(leadId, seq, newEnd, state)
        if (!isLast) insertSpan(leadId, seq + 1, cover.to_seq, stateOf(cover))
        return true
      }
      const before = spans.find((span) => span.to_seq === seq - 1)
      const after = isLast ? undefined : spans.find((span) => span.from_seq === seq + 1)
      if (before && sameState(before, state)) {
        if (after && sameState(after, state)) {
          // The new snapshot joins two spans with the same state into one.
          removeSpan(leadId, after)
          reshape(leadId, before, before.from_seq, after.to_seq)
        } else {
          reshape(leadId, before, before.from_seq, newEnd)
        }
      } else if (after && sameState(after, state)) {
        reshape(leadId, after, seq, after.to_seq)
      } else {
        insertSpan(leadId, seq, newEnd, state)
      }
      return true
    },
    /**
     * `finish` for a merged snapshot: the leads the merge found missing from it (a set operation
     * over the open spans instead of a walk over every span) close their open span before it.
     */
    finishWithout(absentLeadIds: readonly number[]): void {
      for (const leadId of absentLeadIds) {
        const open = openOf.get(listId, leadId)
        if (!open || open.from_seq >= seq) throw new Error(`lead ${leadId} has no open span before snapshot ${seq}`)
        reshape(leadId, open, open.from_seq, seq - 1)
      }
    },
    /** Leads not in this snapshot lose it from the span that covered it. */
    finish(): void {
      // A list's first snapshot has nothing earlier to close.
      if (listIsEmpty) return flush()
      // Collected first: a connection cannot write while a SELECT on it is still being stepped.
      const absent: (SpanRow & { lead_id: number })[] = []
      for (const span of covering.iterate(listId, seq, listId, seq, seq)) {
        if (!seen.has(span.lead_id)) absent.push(span)
      }
      for (const span of absent) {
        if (span.from_seq === seq || span.to_seq === seq) {
          throw new Error(
            `span of lead ${span.lead_id} starts or ends at the new snapshot ${seq} but the lead is not in it`,
          )
        }
        reshape(span.lead_id, span, span.from_seq, seq - 1)
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
