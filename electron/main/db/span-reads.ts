import type { LeadSnapshotState } from '../../shared/ipc'
import { isReason, isVerdict } from './reason-groups'
import type { Db } from './open'

/**
 * SQL fragments and row mapping shared by the history, trend, diff and explorer queries. Every
 * fragment is a constant; values are always bound.
 */

/** Matches the partial `*_flagged` indexes of migration 0030 term for term, so SQLite can use them. */
export const FLAGGED = '(email_invalid = 1 OR email_suspended = 1)'

export const STATE_COLUMNS = 'email_invalid, invalid_cause_id, email_suspended, suspended_cause_id, suspended_at'

/** The columns `toLeadState` reads; the query must LEFT JOIN `causes AS ci` (invalid) and `causes AS cs` (suspended). */
export const CAUSE_COLUMNS = `ci.text AS cause_text, ci.reason AS cause_reason, ci.verdict AS cause_verdict,
  ci.status AS cause_status, ci.reply_code AS cause_reply, ci.hard_bounce AS cause_hard, ci.provider AS cause_provider,
  cs.text AS suspended_cause_text`

export interface StateRow {
  email_invalid: number
  email_suspended: number
  suspended_at: string | null
  cause_text: string | null
  cause_reason: string | null
  cause_verdict: string | null
  cause_status: string | null
  cause_reply: number | null
  cause_hard: number | null
  cause_provider: string | null
  suspended_cause_text: string | null
}

export function toLeadState(row: StateRow): LeadSnapshotState {
  return {
    invalid: row.email_invalid === 1,
    suspended: row.email_suspended === 1,
    suspendedAt: row.suspended_at,
    causeText: row.cause_text,
    reason: isReason(row.cause_reason) ? row.cause_reason : null,
    verdict: isVerdict(row.cause_verdict) ? row.cause_verdict : null,
    status: row.cause_status,
    replyCode: row.cause_reply,
    hardBounce: row.cause_hard === null ? null : row.cause_hard === 1,
    suspendedCauseText: row.suspended_cause_text,
  }
}

export interface SnapshotRef {
  importId: number
  listId: number
  seq: number
  snapshotDate: string
}

export function createSnapshotRefs(db: Db) {
  const byId = db.prepare<[number], { id: number; list_id: number; seq: number; snapshot_date: string }>(
    'SELECT id, list_id, seq, snapshot_date FROM imports WHERE id = ?',
  )
  const bySeq = db.prepare<[number, number], { id: number; list_id: number; seq: number; snapshot_date: string }>(
    'SELECT id, list_id, seq, snapshot_date FROM imports WHERE list_id = ? AND seq = ?',
  )
  const toRef = (row: { id: number; list_id: number; seq: number; snapshot_date: string }): SnapshotRef => ({
    importId: row.id,
    listId: row.list_id,
    seq: row.seq,
    snapshotDate: row.snapshot_date,
  })
  return {
    get(importId: number): SnapshotRef | null {
      const row = byId.get(importId)
      return row ? toRef(row) : null
    },
    /** The snapshot before this one in its list, by snapshot date. */
    previous(ref: SnapshotRef): SnapshotRef | null {
      const row = bySeq.get(ref.listId, ref.seq - 1)
      return row ? toRef(row) : null
    },
  }
}

/**
 * The plan SQLite picks for a statement, one line per step; the `EXPLAIN QUERY PLAN` tests assert
 * that hot queries search an index instead of scanning a table.
 */
export function queryPlan(db: Db, sql: string, binds: Record<string, string | number | null>): string[] {
  return db
    .prepare<Record<string, string | number | null>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(binds)
    .map((row) => row.detail)
}

/**
 * Remembers per-list results until the database changes. `data_version` moves when another
 * connection (the import worker) commits, `total_changes()` when this one writes (an edit or a
 * delete), so nothing has to remember to invalidate. Snapshots change weekly and are read many
 * times in between: the history views pay for a whole-list pass once per change.
 */
export function createVersionedMemo(db: Db) {
  const version = db.prepare<[], { v: number; c: number }>(
    'SELECT (SELECT data_version FROM pragma_data_version) AS v, total_changes() AS c',
  )
  let stamp = ''
  const values = new Map<string, unknown>()
  return function memo<T>(key: string, compute: () => T): T {
    const row = version.get()
    const now = `${row?.v ?? 0}:${row?.c ?? 0}`
    if (now !== stamp) {
      values.clear()
      stamp = now
    }
    if (values.has(key)) return values.get(key) as T
    const value = compute()
    values.set(key, value)
    return value
  }
}
