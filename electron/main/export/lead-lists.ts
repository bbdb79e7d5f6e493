import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import { providerFromDomain } from '../../shared/classify/provider'
import type { Verdict } from '../../shared/classify/types'
import { ApiError } from '../../shared/ipc'
import { isIsoDay } from '../../shared/validate'
import type { Db } from '../db/open'
import { createCsvWriter, type CsvCell, type CsvDelimiter } from './csv-writer'
import { HYGIENE_FLAG_LABELS, providerLabel, reasonLabel, verdictLabel } from '../../shared/labels'
import { flagsOf } from '../db/hygiene-store'

/**
 * The two lead lists a marketer leaves the app with:
 *
 * - **remove**: leads Marketo marked Email Invalid whose cause the classifier reads as a bad
 *   address (verdict `remove`), as a CSV Marketo's list import can match on Email Address.
 * - **review**: leads Marketo marked Email Invalid whose bounce was sender-side or temporary
 *   (verdict `fix-sending` or `retry`): probably valid addresses to re-check before deleting.
 *
 * Both need the Email Invalid flag: Marketo keeps the cause text after the flag is cleared (for
 * instance when the address was corrected), and an old cause says nothing about the new address.
 * This also makes the remove list of one snapshot match the overview's "remove" count.
 */

export type LeadListKind = 'remove' | 'review'

export const LEAD_LIST_KINDS: readonly LeadListKind[] = ['remove', 'review']

/** Which snapshots: one import (`importId`), a date range (`from`/`to`), or nothing for the newest. */
export interface LeadListScope {
  importId?: number
  /** YYYY-MM-DD, inclusive; without `to`, up to the newest snapshot. */
  from?: string
  /** YYYY-MM-DD, inclusive; without `from`, from the oldest snapshot. */
  to?: string
}

/** A scope checked against the database: the snapshot dates it covers and how many snapshots. */
export type ResolvedScope =
  | { kind: 'import'; importId: number; snapshotDate: string }
  | { kind: 'range'; from: string; to: string; snapshots: number }

export interface LeadListExport {
  rows: number
  path: string
}

export interface LeadListWriteOptions {
  delimiter?: CsvDelimiter
}

const VERDICTS_OF: Record<LeadListKind, readonly [Verdict, Verdict]> = {
  // The statement takes two verdicts; the remove list repeats its one.
  remove: ['remove', 'remove'],
  review: ['fix-sending', 'retry'],
}

/**
 * Address hygiene beside each row (issue 17): a likely typo on the remove list is an address to
 * fix rather than delete. Last, so the columns a Marketo import maps stay where they were.
 */
const HYGIENE_COLUMNS = ['Address Problem', 'Suggested Email Address'] as const

export const LEAD_LIST_COLUMNS: Record<LeadListKind, readonly string[]> = {
  remove: [
    'Email Address',
    'Id',
    'Email Invalid Cause',
    'Bounce Reason',
    'Verdict',
    'Snapshot Date',
    'Bounce Auditor Action',
    ...HYGIENE_COLUMNS,
  ],
  review: [
    'Email Address',
    'Id',
    'Email Invalid Cause',
    'Bounce Reason',
    'Verdict',
    'Provider',
    'Why Review',
    'Snapshot Date',
    'Bounce Auditor Action',
    ...HYGIENE_COLUMNS,
  ],
}

/**
 * The tag column's values. Fixed texts rather than per-row prose, so a Marketo admin can import
 * the list into a custom field and build a smart list on "Bounce Auditor Action is …".
 */
export const ACTION_TAGS = {
  remove: 'Remove: bad address',
  'fix-sending': 'Review: sender-side block',
  retry: 'Review: temporary bounce',
} as const

function badRequest(message: string): never {
  throw new ApiError('bad-request', message)
}

/**
 * Checks a scope's values without the database, so the CLI can report a usage mistake before
 * opening anything; the export functions check again. Throws ApiError('bad-request').
 */
export function validateLeadListScope(scope: LeadListScope): void {
  const { importId, from, to } = scope
  if (importId !== undefined) {
    if (!Number.isSafeInteger(importId) || importId < 1) {
      badRequest(`import: expected an import number (a positive whole number), got ${String(importId)}`)
    }
    if (from !== undefined || to !== undefined) {
      badRequest('choose either one import or a date range (from/to), not both')
    }
  }
  if (from !== undefined && !isIsoDay(from)) badRequest(`from: expected a date as YYYY-MM-DD, got '${from}'`)
  if (to !== undefined && !isIsoDay(to)) badRequest(`to: expected a date as YYYY-MM-DD, got '${to}'`)
  if (from !== undefined && to !== undefined && from > to) {
    badRequest(`from (${from}) is after to (${to}); the range would be empty`)
  }
}

interface LeadListRow {
  n: number
  email: string
  marketo_id: string | null
  domain: string
  cause: string
  reason: string
  verdict: string
  cause_provider: string | null
  snapshot_date: string
  hygiene_flags: number
  suggestion: string | null
}

/** Rows are read back from the staging table this many at a time. */
const PAGE_ROWS = 1000

/** Unique staging-table names for exports running at once on one connection. */
let stagingCounter = 0

/**
 * The statement that fills a staging table with one list, sorted by address. Named parameters:
 * `from`, `to` (inclusive snapshot dates), `importId` (or null for every import in the range),
 * `verdictA`, `verdictB`.
 *
 * A lead may be in several chosen snapshots (and lists); it is counted once, in the state of the
 * newest chosen snapshot it is in — its latest cause. It is listed only when *that* state
 * qualifies: an address that was bad in week 1 and cleared in week 2 is no longer on the list.
 */
function fillStagingSql(table: string): string {
  return `
    INSERT INTO temp.${table}
      (n, lead_id, email, marketo_id, domain, cause, reason, verdict, cause_provider, snapshot_date, hygiene_flags,
       suggestion)
    WITH chosen AS MATERIALIZED (
      SELECT id, list_id, seq, snapshot_date FROM imports
      WHERE snapshot_date >= @from AND snapshot_date <= @to AND (@importId IS NULL OR id = @importId)
    ),
    bounds AS MATERIALIZED (
      SELECT list_id, min(seq) AS lo, max(seq) AS hi FROM chosen GROUP BY list_id
    ),
    -- Each span that overlaps the chosen snapshots of its list, at the newest chosen snapshot it
    -- covers: a lead unchanged over ten weekly snapshots is one span, not ten rows.
    states AS (
      SELECT s.lead_id, s.list_id, s.email_invalid, s.invalid_cause_id,
             (SELECT max(c.seq) FROM chosen c
              WHERE c.list_id = s.list_id AND c.seq >= s.from_seq AND c.seq <= s.to_seq) AS at_seq
      FROM bounds b
      JOIN spans s ON s.list_id = b.list_id AND s.from_seq <= b.hi AND s.to_seq >= b.lo
    ),
    ranked AS (
      SELECT st.lead_id, st.email_invalid, st.invalid_cause_id, c.snapshot_date,
             row_number() OVER (PARTITION BY st.lead_id ORDER BY c.snapshot_date DESC, c.id DESC) AS recency
      FROM states st
      JOIN chosen c ON c.list_id = st.list_id AND c.seq = st.at_seq
    )
    SELECT row_number() OVER (ORDER BY l.email, l.id), l.id, l.email, l.marketo_id, l.domain,
           ca.text, ca.reason, ca.verdict, ca.provider, r.snapshot_date, coalesce(h.flags, 0), h.suggestion
    FROM ranked r
    JOIN leads l ON l.id = r.lead_id
    JOIN causes ca ON ca.id = r.invalid_cause_id
    LEFT JOIN lead_hygiene h ON h.lead_id = l.id
    WHERE r.recency = 1 AND r.email_invalid = 1 AND ca.verdict IN (@verdictA, @verdictB)`
}

/** Queries behind the lead-list exports; only this module and db/ contain SQL. */
export function createLeadListQueries(db: Db) {
  const importById = db.prepare<[number], { id: number; snapshot_date: string }>(
    'SELECT id, snapshot_date FROM imports WHERE id = ?',
  )
  const newestImport = db.prepare<[], { id: number; snapshot_date: string }>(
    'SELECT id, snapshot_date FROM imports ORDER BY snapshot_date DESC, id DESC LIMIT 1',
  )
  const snapshotSpan = db.prepare<[], { first: string | null; last: string | null }>(
    'SELECT min(snapshot_date) AS first, max(snapshot_date) AS last FROM imports',
  )
  const snapshotsBetween = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM imports WHERE snapshot_date >= ? AND snapshot_date <= ?',
  )

  return {
    /** Validates a scope and checks it against the database; throws ApiError with a clear message. */
    resolveScope(scope: LeadListScope): ResolvedScope {
      validateLeadListScope(scope)
      if (scope.importId !== undefined) {
        const row = importById.get(scope.importId)
        if (!row) throw new ApiError('not-found', `There is no import #${scope.importId}.`)
        return { kind: 'import', importId: row.id, snapshotDate: row.snapshot_date }
      }
      if (scope.from === undefined && scope.to === undefined) {
        const row = newestImport.get()
        if (!row) throw new ApiError('not-found', 'No snapshot has been imported yet, so there is nothing to export.')
        return { kind: 'import', importId: row.id, snapshotDate: row.snapshot_date }
      }
      const known = snapshotSpan.get()
      if (!known?.first || !known.last) {
        throw new ApiError('not-found', 'No snapshot has been imported yet, so there is nothing to export.')
      }
      // An open end becomes the oldest or newest snapshot, so names and messages show real dates.
      const from = scope.from ?? known.first
      const to = scope.to ?? known.last
      if (from > to) badRequest(`from (${from}) is after the newest snapshot (${to})`)
      const snapshots = snapshotsBetween.get(from, to)?.n ?? 0
      if (snapshots === 0) throw new ApiError('not-found', `No snapshot was taken between ${from} and ${to}.`)
      return { kind: 'range', from, to, snapshots }
    },

    /**
     * Materialises the list in a TEMP staging table with one statement, then hands it out in
     * pages. Why not one long `.iterate()`: the export awaits the disk between pages, and an open
     * iterator would keep this connection busy, so every other query the app makes meanwhile
     * would fail; the single statement also gives a consistent snapshot even if an import
     * commits halfway through a large export. The staging table is dropped when iteration ends.
     */
    async *rows(kind: LeadListKind, scope: ResolvedScope): AsyncGenerator<LeadListRow[], void, void> {
      const table = `lead_list_export_${++stagingCounter}`
      db.exec(`CREATE TEMP TABLE ${table} (
        n INTEGER PRIMARY KEY, lead_id INTEGER NOT NULL, email TEXT NOT NULL, marketo_id TEXT,
        domain TEXT NOT NULL, cause TEXT NOT NULL, reason TEXT NOT NULL, verdict TEXT NOT NULL,
        cause_provider TEXT, snapshot_date TEXT NOT NULL, hygiene_flags INTEGER NOT NULL, suggestion TEXT)`)
      try {
        const [verdictA, verdictB] = VERDICTS_OF[kind]
        db.prepare(fillStagingSql(table)).run({
          from: scope.kind === 'import' ? scope.snapshotDate : scope.from,
          to: scope.kind === 'import' ? scope.snapshotDate : scope.to,
          importId: scope.kind === 'import' ? scope.importId : null,
          verdictA,
          verdictB,
        })
        const page = db.prepare<[number, number], LeadListRow>(
          `SELECT n, email, marketo_id, domain, cause, reason, verdict, cause_provider, snapshot_date,
                  hygiene_flags, suggestion
           FROM temp.${table} WHERE n > ? ORDER BY n LIMIT ?`,
        )
        let after = 0
        for (;;) {
          const rows = page.all(after, PAGE_ROWS)
          if (rows.length === 0) return
          yield rows
          after = rows[rows.length - 1]?.n ?? after
        }
      } finally {
        if (db.open) db.exec(`DROP TABLE IF EXISTS temp.${table}`)
      }
    },
  }
}

export type LeadListQueries = ReturnType<typeof createLeadListQueries>

/** One plain sentence for the review list: why this "invalid" address is probably fine. */
export function whyReview(verdict: string, reason: string, provider: string | null): string {
  const what = provider === null ? reasonLabel(reason) : `${reasonLabel(reason)}; ${providerLabel(provider)}`
  if (verdict === 'retry') {
    return `Marketo marked this address invalid, but the bounce was temporary (${what}). The address probably works: clear Email Invalid and let a later send retry before deleting the lead.`
  }
  return `Marketo marked this address invalid, but the server refused the sender, not the address (${what}). The address is probably valid: fix the sending problem, then clear Email Invalid instead of deleting the lead.`
}

function hygieneCells(row: LeadListRow): CsvCell[] {
  const flags = flagsOf(row.hygiene_flags)
  return [flags.map((flag) => HYGIENE_FLAG_LABELS[flag]).join('; '), row.suggestion]
}

function cellsOf(kind: LeadListKind, row: LeadListRow): CsvCell[] {
  const common = [row.email, row.marketo_id, row.cause, reasonLabel(row.reason), verdictLabel(row.verdict)]
  if (kind === 'remove') return [...common, row.snapshot_date, ACTION_TAGS.remove, ...hygieneCells(row)]
  // The provider the text names (a blocklist such as Spamhaus) says more than the domain's.
  const provider = row.cause_provider ?? providerFromDomain(row.domain)
  return [
    ...common,
    provider === null ? null : providerLabel(provider),
    whyReview(row.verdict, row.reason, provider),
    row.snapshot_date,
    row.verdict === 'retry' ? ACTION_TAGS.retry : ACTION_TAGS['fix-sending'],
    ...hygieneCells(row),
  ]
}

/** `bounce-auditor-remove-2026-11-20.csv`, or `…-2026-11-01-to-2026-11-20.csv` for a range. */
export function defaultLeadListFileName(kind: LeadListKind, scope: ResolvedScope): string {
  const dates = scope.kind === 'import' || scope.from === scope.to ? endDate(scope) : `${scope.from}-to-${scope.to}`
  return `bounce-auditor-${kind}-${dates}.csv`
}

function endDate(scope: ResolvedScope): string {
  return scope.kind === 'import' ? scope.snapshotDate : scope.to
}

/** The default file name for a scope as the user gave it (for a save dialog's suggestion). */
export function suggestLeadListFileName(db: Db, kind: LeadListKind, scope: LeadListScope = {}): string {
  return defaultLeadListFileName(kind, createLeadListQueries(db).resolveScope(scope))
}

/**
 * Writes one list as CSV to `target` (a file path or any Writable). A path naming an existing
 * folder gets the default file name inside it. Returns the data rows written (header not
 * counted) and the path written ('' for a Writable). On failure nothing is left at the path.
 */
export async function exportLeadList(
  db: Db,
  kind: LeadListKind,
  scope: LeadListScope,
  target: string | Writable,
  options: LeadListWriteOptions = {},
): Promise<LeadListExport> {
  const queries = createLeadListQueries(db)
  const resolved = queries.resolveScope(scope)
  let path = ''
  if (typeof target === 'string') {
    path = (await isFolder(target)) ? join(target, defaultLeadListFileName(kind, resolved)) : target
  }
  const writer = createCsvWriter(typeof target === 'string' ? path : target, {
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  })
  let rows = 0
  try {
    await writer.writeRow(LEAD_LIST_COLUMNS[kind])
    for await (const page of queries.rows(kind, resolved)) {
      for (const row of page) {
        await writer.writeRow(cellsOf(kind, row))
        rows++
      }
    }
    await writer.end()
  } catch (error) {
    await writer.abort()
    throw error
  }
  return { rows, path }
}

export function exportRemoveList(
  db: Db,
  scope: LeadListScope,
  target: string | Writable,
  options?: LeadListWriteOptions,
): Promise<LeadListExport> {
  return exportLeadList(db, 'remove', scope, target, options)
}

export function exportReviewList(
  db: Db,
  scope: LeadListScope,
  target: string | Writable,
  options?: LeadListWriteOptions,
): Promise<LeadListExport> {
  return exportLeadList(db, 'review', scope, target, options)
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
