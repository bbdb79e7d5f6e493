import {
  ApiError,
  DIFF_KINDS,
  type DiffCounts,
  type DiffKind,
  type DiffRows,
  type DiffRowsRequest,
  type LeadSnapshotState,
} from '../../shared/ipc'
import { IMPORT_COLUMNS, IMPORTS_WITH_LISTS, toImportSummary } from './import-store'
import type { Db } from './open'
import { CAUSE_COLUMNS, createVersionedMemo, queryPlan, STATE_COLUMNS, toLeadState, type StateRow } from './span-reads'

export const DEFAULT_DIFF_PAGE = 100

type ImportRow = Parameters<typeof toImportSummary>[0] & { list_id: number; seq: number }

/**
 * A lead's flags in one snapshot packed with its id into one number, `lead * 4 + invalid + 2 *
 * suspended`: SQLite hands over one integer per span, which is several times faster than a row
 * object when a diff across a year reads tens of thousands of spans.
 */
const PACKED = 'lead_id * 4 + email_invalid + 2 * email_suspended'
const INVALID = 1
const SUSPENDED = 2

/** Each set of the diff as one bit, in DIFF_KINDS order. */
const BIT = Object.fromEntries(DIFF_KINDS.map((kind, index) => [kind, 1 << index])) as Record<DiffKind, number>

/** Which sets a lead belongs to, from its flags in A and B (undefined: not in that snapshot). */
function kindsOf(a: number | undefined, b: number | undefined): number {
  if (a === undefined && b === undefined) return 0
  if (a === undefined)
    return BIT.appeared | ((b ?? 0) & INVALID ? BIT.newlyInvalid : (b ?? 0) & SUSPENDED ? BIT.newlySuspended : 0)
  if (b === undefined) return BIT.disappeared
  let kinds = 0
  if (!(a & INVALID) && b & INVALID) kinds |= BIT.newlyInvalid
  if (a & INVALID && !(b & INVALID)) kinds |= BIT.recovered
  if (a & INVALID && b & INVALID) kinds |= BIT.stillInvalid
  if (!(a & SUSPENDED) && b & SUSPENDED) kinds |= BIT.newlySuspended
  return kinds
}

/** lead id → flags, from packed values. */
function unpack(packed: readonly number[]): Map<number, number> {
  const flags = new Map<number, number>()
  for (const value of packed) flags.set(Math.floor(value / 4), value % 4)
  return flags
}

/**
 * What changed between two snapshots. For two snapshots x < y of one list, a lead whose span
 * covers both is unchanged, so only spans that end in [x, y) or start in (x, y] are read (through
 * the `*_by_to` / `*_by_from` indexes), plus the unchanged Email Invalid spans for `stillInvalid`.
 * Snapshots of different lists share no spans: both are read whole (slower, but rare).
 *
 * `recovered` means invalid in A and present but not invalid in B; a lead that left the list is
 * `disappeared`, not recovered. A lead that appears already invalid counts in both `appeared` and
 * `newlyInvalid`.
 */
export function createDiffQueries(db: Db) {
  const importRow = db.prepare<[number], ImportRow>(
    `SELECT ${IMPORT_COLUMNS}, i.list_id, i.seq FROM ${IMPORTS_WITH_LISTS} WHERE i.id = ?`,
  )
  const endingBetween = db
    .prepare<{ list: number; x: number; y: number }, number>(
      `
    SELECT ${PACKED} FROM closed_spans INDEXED BY closed_spans_by_to
    WHERE list_id = @list AND to_seq >= @x AND to_seq < @y AND from_seq <= @x`,
    )
    .pluck()
  const startingBetween = db
    .prepare<{ list: number; x: number; y: number }, number>(
      `
    SELECT ${PACKED} FROM open_spans INDEXED BY open_spans_by_from WHERE list_id = @list AND from_seq > @x AND from_seq <= @y
    UNION ALL
    SELECT ${PACKED} FROM closed_spans INDEXED BY closed_spans_by_from
    WHERE list_id = @list AND from_seq > @x AND from_seq <= @y AND to_seq >= @y`,
    )
    .pluck()
  const invalidAcross = db.prepare<{ list: number; x: number; y: number }, { lead_id: number }>(`
    SELECT lead_id FROM open_spans INDEXED BY open_spans_flagged WHERE list_id = @list AND email_invalid = 1 AND from_seq <= @x
    UNION ALL
    SELECT lead_id FROM closed_spans INDEXED BY closed_spans_flagged
    WHERE list_id = @list AND email_invalid = 1 AND from_seq <= @x AND to_seq >= @y`)
  const invalidAcrossCount = db.prepare<{ list: number; x: number; y: number }, { n: number }>(`
    SELECT (SELECT count(*) FROM open_spans INDEXED BY open_spans_flagged
            WHERE list_id = @list AND email_invalid = 1 AND from_seq <= @x)
         + (SELECT count(*) FROM closed_spans INDEXED BY closed_spans_flagged
            WHERE list_id = @list AND email_invalid = 1 AND from_seq <= @x AND to_seq >= @y) AS n`)
  const wholeSnapshot = db
    .prepare<{ list: number; seq: number }, number>(
      `
    SELECT ${PACKED} FROM open_spans WHERE list_id = @list AND from_seq <= @seq
    UNION ALL
    SELECT ${PACKED} FROM closed_spans WHERE list_id = @list AND from_seq <= @seq AND to_seq >= @seq`,
    )
    .pluck()
  const leadState = db.prepare<{ list: number; seq: number; lead: number }, StateRow>(`
    SELECT s.email_invalid, s.email_suspended, s.suspended_at, ${CAUSE_COLUMNS} FROM (
      SELECT ${STATE_COLUMNS} FROM open_spans WHERE list_id = @list AND lead_id = @lead AND from_seq <= @seq
      UNION ALL
      SELECT ${STATE_COLUMNS} FROM closed_spans INDEXED BY closed_spans_by_lead
      WHERE list_id = @list AND lead_id = @lead AND from_seq <= @seq AND to_seq >= @seq
    ) AS s
    LEFT JOIN causes AS ci ON ci.id = s.invalid_cause_id
    LEFT JOIN causes AS cs ON cs.id = s.suspended_cause_id
    LIMIT 1`)
  const leadById = db.prepare<[number], { email: string; domain: string }>(
    'SELECT email, domain FROM leads WHERE id = ?',
  )

  const mustGet = (importId: number): ImportRow => {
    const row = importRow.get(importId)
    if (!row) throw new ApiError('not-found', `There is no import #${importId}.`)
    return row
  }

  const memo = createVersionedMemo(db)
  /** Leads of unchanged Email Invalid spans: ids only when a page of them is asked for, else the count. */
  const unchanged = (list: number, x: number, y: number, ids: boolean): number[] | number =>
    ids ? invalidAcross.all({ list, x, y }).map((row) => row.lead_id) : (invalidAcrossCount.get({ list, x, y })?.n ?? 0)
  /** Every lead that is in some set, with the sets it is in as bits; `stillInvalid` leads of unchanged spans come separately. */
  const changed = (
    a: ImportRow,
    b: ImportRow,
    ids: boolean,
  ): { kinds: Map<number, number>; unchangedInvalid: number[] | number } => {
    const kinds = new Map<number, number>()
    const put = (flagsA: Map<number, number>, flagsB: Map<number, number>): void => {
      for (const [lead, flags] of flagsA) {
        const found = kindsOf(flags, flagsB.get(lead))
        if (found !== 0) kinds.set(lead, found)
      }
      for (const [lead, flags] of flagsB) {
        if (flagsA.has(lead)) continue
        const found = kindsOf(undefined, flags)
        if (found !== 0) kinds.set(lead, found)
      }
    }
    if (a.list_id !== b.list_id) {
      const read = (row: ImportRow): Map<number, number> =>
        unpack(wholeSnapshot.all({ list: row.list_id, seq: row.seq }))
      put(read(a), read(b))
      return { kinds, unchangedInvalid: [] }
    }
    if (a.seq === b.seq) return { kinds, unchangedInvalid: unchanged(a.list_id, a.seq, a.seq, ids) }
    const x = Math.min(a.seq, b.seq)
    const y = Math.max(a.seq, b.seq)
    const range = { list: a.list_id, x, y }
    const atX = unpack(endingBetween.all(range))
    const atY = unpack(startingBetween.all(range))
    if (a.seq === x) put(atX, atY)
    else put(atY, atX)
    return { kinds, unchangedInvalid: unchanged(a.list_id, x, y, ids) }
  }

  const stateAt = (row: ImportRow, lead: number): LeadSnapshotState | null => {
    const found = leadState.get({ list: row.list_id, seq: row.seq, lead })
    return found ? toLeadState(found) : null
  }

  return {
    /** Plans of the same-list statements (tests and the benchmark look at them). */
    plans(list: number, x: number, y: number): Record<string, string[]> {
      const range = { list, x, y }
      return {
        endingBetween: queryPlan(db, endingBetween.source, range),
        startingBetween: queryPlan(db, startingBetween.source, range),
        invalidAcross: queryPlan(db, invalidAcross.source, range),
        invalidAcrossCount: queryPlan(db, invalidAcrossCount.source, range),
        leadState: queryPlan(db, leadState.source, { list, seq: y, lead: 1 }),
      }
    },
    counts(importA: number, importB: number): DiffCounts {
      const a = mustGet(importA)
      const b = mustGet(importB)
      const { kinds, unchangedInvalid } = memo(`diff:${a.id}:${b.id}:counts`, () => changed(a, b, false))
      const totals = Object.fromEntries(DIFF_KINDS.map((kind) => [kind, 0])) as Record<DiffKind, number>
      for (const found of kinds.values()) for (const kind of DIFF_KINDS) if (found & BIT[kind]) totals[kind] += 1
      totals.stillInvalid += typeof unchangedInvalid === 'number' ? unchangedInvalid : unchangedInvalid.length
      return { ...totals, importA: toImportSummary(a), importB: toImportSummary(b) }
    },
    rows(request: DiffRowsRequest): DiffRows {
      const a = mustGet(request.importA)
      const b = mustGet(request.importB)
      // The set's ids, sorted, kept until the database changes: paging through a set re-reads nothing.
      const ids = memo(`diff:${a.id}:${b.id}:${request.kind}`, () => {
        const { kinds, unchangedInvalid } = changed(a, b, request.kind === 'stillInvalid')
        const found: number[] = []
        for (const [lead, leadKinds] of kinds) if (leadKinds & BIT[request.kind]) found.push(lead)
        if (typeof unchangedInvalid !== 'number') found.push(...unchangedInvalid)
        return found.sort((left, right) => left - right)
      })
      const limit = request.limit ?? DEFAULT_DIFF_PAGE
      const after = request.after ?? 0
      // Keyset on lead id: the first id above the cursor, found by binary search.
      let start = 0
      let end = ids.length
      while (start < end) {
        const middle = (start + end) >>> 1
        if ((ids[middle] ?? 0) <= after) start = middle + 1
        else end = middle
      }
      const page = ids.slice(start, start + limit)
      return {
        rows: page.map((lead) => {
          const info = leadById.get(lead)
          return {
            leadId: lead,
            email: info?.email ?? '',
            domain: info?.domain ?? '',
            before: stateAt(a, lead),
            after: stateAt(b, lead),
          }
        }),
        nextCursor: start + limit < ids.length ? (page.at(-1) ?? null) : null,
        total: ids.length,
      }
    },
  }
}
