import { providerFromDomain } from '../../shared/classify/provider'
import {
  ApiError,
  type ExplorerPage,
  type ExplorerPageRequest,
  type ExplorerRow,
  type LeadChangeKind,
  type LeadSnapshotState,
  type LeadTimeline,
  type TimelineEntry,
} from '../../shared/ipc'
import { OTHER_PROVIDER } from './snapshot-counts'
import { bitsOf, flagsOf, HYGIENE_FLAG_NAMES } from './hygiene-store'
import { reasonsInGroup } from './reason-groups'
import type { Db } from './open'
import {
  CAUSE_COLUMNS,
  createVersionedMemo,
  FLAGGED,
  queryPlan,
  STATE_COLUMNS,
  toLeadState,
  type StateRow,
} from './span-reads'

export const DEFAULT_PAGE = 50
/** Counting stops here when the count is not known from the stored tallies. */
export const TOTAL_CAP = 10_000

/** SQL function: the provider a row is filed under (the address's, else the one its invalid cause names). */
const PROVIDER_FUNCTION = 'ba_row_provider'

interface PageRow extends StateRow {
  lead_id: number
  email: string
  domain: string
  provider: string
  hygiene_flags: number
  suggestion: string | null
}

type Binds = Record<string, string | number>

/** Keyset cursor: the sort key and lead id of the last row of a page, opaque to the renderer. */
export function explorerCursor(key: string, id: number): string {
  return JSON.stringify([key, id])
}

function decodeCursor(cursor: string): { key: string; id: number } {
  let parsed: unknown
  try {
    parsed = JSON.parse(cursor)
  } catch {
    throw new ApiError('bad-request', 'explorer:page.after: not a cursor from this app')
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[1] !== 'number' ||
    !Number.isSafeInteger(parsed[1])
  ) {
    throw new ApiError('bad-request', 'explorer:page.after: not a cursor from this app')
  }
  return { key: parsed[0], id: parsed[1] }
}

/**
 * An `@` search gathers subdomains under their registrable domain: `@acme.co.uk` finds
 * mail.acme.co.uk too. These are the domains whose registrable domain starts with the text
 * (from the hygiene step's rows, a range seek) but which do not start with it themselves.
 */
const SUBDOMAINS = `SELECT domain FROM hygiene_domains INDEXED BY hygiene_domains_by_site
  WHERE registrable_domain >= @lo AND registrable_domain < @hi AND NOT (domain >= @lo AND domain < @hi)`
/** The leads of an `@` search with such subdomains: the domain range, then each subdomain's leads. */
const SITE_LEADS = `(SELECT id FROM leads INDEXED BY leads_by_domain WHERE domain >= @lo AND domain < @hi
    UNION ALL
    SELECT s.id FROM (${SUBDOMAINS}) AS d CROSS JOIN leads AS s INDEXED BY leads_by_domain ON s.domain = d.domain) AS m
  CROSS JOIN leads AS l ON l.id = m.id`

/** An upper bound for a prefix range on a BINARY-collated column: every text starting with it sorts below. */
const prefixEnd = (prefix: string): string => `${prefix}\uffff`

/**
 * The rows of one snapshot, a page at a time, with keyset paging on (email, id) or (domain, id).
 *
 * Two plans, chosen by the filters (the SQL text is picked from fixed fragments, never built
 * from input):
 * - a flag or cause filter (invalid/suspended = true, reason, verdict, code) reads only the
 *   snapshot's flagged spans through the partial `*_flagged` indexes (about a tenth of the
 *   rows), joins their leads, sorts and takes the page;
 * - otherwise the leads are walked in index order (`leads_by_email` / `leads_by_domain`) from the
 *   cursor, each probing its span in this snapshot by primary key, until the page is full.
 */
export function createExplorerQueries(db: Db) {
  const memo = createVersionedMemo(db)
  const providers = new Map<string, string | null>()
  db.function(PROVIDER_FUNCTION, { deterministic: true }, (domain: unknown, causeProvider: unknown) => {
    const key = typeof domain === 'string' ? domain : ''
    let provider = providers.get(key)
    if (provider === undefined) {
      provider = providerFromDomain(key)
      providers.set(key, provider)
    }
    return provider ?? (typeof causeProvider === 'string' ? causeProvider : OTHER_PROVIDER)
  })

  const snapshot = db.prepare<
    [number],
    { list_id: number; seq: number; row_count: number; invalid_count: number; suspended_count: number }
  >('SELECT list_id, seq, row_count, invalid_count, suspended_count FROM imports WHERE id = ?')
  const countOf = db.prepare<[number, string, string], { rows: number }>(
    'SELECT rows FROM import_counts WHERE import_id = ? AND dimension = ? AND key = ?',
  )
  const statements = new Map<string, ReturnType<typeof db.prepare<Binds, PageRow>>>()
  const counts = new Map<string, ReturnType<typeof db.prepare<Binds, { n: number }>>>()
  const prepared = <T>(cache: Map<string, T>, sql: string, make: (sql: string) => T): T => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = make(sql)
      cache.set(sql, statement)
    }
    return statement
  }

  const timelineSpans = db.prepare<{ lead: number }, StateRow & { list_id: number; from_seq: number; to_seq: number }>(`
    SELECT s.list_id, s.from_seq, s.to_seq, s.email_invalid, s.email_suspended, s.suspended_at, ${CAUSE_COLUMNS}
    FROM (
      SELECT list_id, from_seq, 2147483647 AS to_seq, ${STATE_COLUMNS} FROM open_spans
      WHERE list_id IN (SELECT id FROM lists) AND lead_id = @lead
      UNION ALL
      SELECT list_id, from_seq, to_seq, ${STATE_COLUMNS} FROM closed_spans
      WHERE list_id IN (SELECT id FROM lists) AND lead_id = @lead
    ) AS s
    LEFT JOIN causes AS ci ON ci.id = s.invalid_cause_id
    LEFT JOIN causes AS cs ON cs.id = s.suspended_cause_id`)
  const leadById = db.prepare<[number], { id: number; email: string; domain: string; marketo_id: string | null }>(
    'SELECT id, email, domain, marketo_id FROM leads WHERE id = ?',
  )
  const subdomainsOf = db.prepare<{ lo: string; hi: string }, { one: number }>(
    `SELECT 1 AS one FROM (${SUBDOMAINS}) LIMIT 1`,
  )
  const importsOfList = db.prepare<[number], { id: number; seq: number; snapshot_date: string; name: string }>(
    'SELECT i.id, i.seq, i.snapshot_date, l.name FROM imports AS i JOIN lists AS l ON l.id = i.list_id WHERE i.list_id = ? ORDER BY i.seq',
  )

  /** The page and count statements for a request; the SQL is chosen from fixed fragments only. */
  const build = (request: ExplorerPageRequest) => {
    const snap = snapshot.get(request.importId)
    if (!snap) throw new ApiError('not-found', `There is no import #${request.importId}.`)
    const limit = request.limit ?? DEFAULT_PAGE
    const sort = request.sort ?? 'email'
    const binds: Binds = { list: snap.list_id, seq: snap.seq }
    // A cause filter that names stored causes is looked up in the flagged index by cause id: its
    // matches are few, and found without walking the snapshot. Every other filter (flags,
    // provider, the no-cause `undefined`/`review` buckets) keeps more than a few rows in a
    // hundred, so walking leads in order fills a page after a few thousand probes.
    const causeConditions: string[] = []
    if (request.reason !== undefined && request.reason !== 'undefined') causeConditions.push('reason = @reason')
    if (request.verdict !== undefined && request.verdict !== 'review') causeConditions.push('verdict = @verdict')
    if (request.code !== undefined) {
      causeConditions.push(request.code.includes('.') ? 'status = @status' : 'reply_code = @reply')
    }
    const flaggedPlan = causeConditions.length > 0
    const causeIds = flaggedPlan
      ? `AND invalid_cause_id IN (SELECT id FROM causes WHERE ${causeConditions.join(' AND ')})`
      : ''

    // Column expressions of the span state, per plan.
    const invalid = flaggedPlan ? 's.email_invalid' : 'coalesce(o.email_invalid, c.email_invalid)'
    const suspended = flaggedPlan ? 's.email_suspended' : 'coalesce(o.email_suspended, c.email_suspended)'
    const where: string[] = []
    if (request.invalid !== undefined) {
      where.push(`${invalid} = @invalid`)
      binds['invalid'] = request.invalid ? 1 : 0
    }
    if (request.suspended !== undefined) {
      where.push(`${suspended} = @suspended`)
      binds['suspended'] = request.suspended ? 1 : 0
    }
    // Cause filters match Email Invalid rows, counted like the import's tallies: no cause text
    // is reason `undefined`, verdict `review`.
    if (request.reason !== undefined) {
      where.push(`${invalid} = 1 AND coalesce(ci.reason, 'undefined') = @reason`)
      binds['reason'] = request.reason
    }
    if (request.reasonGroup !== undefined) {
      // 'other' also holds reason names an older classifier stored: it is "none of the other groups".
      const other = request.reasonGroup === 'other'
      const reasons = other
        ? (['address', 'mailbox', 'reputation', 'content', 'temporary'] as const).flatMap(reasonsInGroup)
        : reasonsInGroup(request.reasonGroup)
      const names = reasons.map((reason, index) => {
        binds[`group${index}`] = reason
        return `@group${index}`
      })
      where.push(`${invalid} = 1 AND coalesce(ci.reason, 'undefined') ${other ? 'NOT IN' : 'IN'} (${names.join(', ')})`)
    }
    if (request.verdict !== undefined) {
      where.push(`${invalid} = 1 AND coalesce(ci.verdict, 'review') = @verdict`)
      binds['verdict'] = request.verdict
    }
    if (request.code !== undefined) {
      if (request.code.includes('.')) {
        where.push(`${invalid} = 1 AND ci.status = @status`)
        binds['status'] = request.code
      } else {
        where.push(`${invalid} = 1 AND ci.reply_code = @reply`)
        binds['reply'] = Number(request.code)
      }
    }
    const providerExpr = `${PROVIDER_FUNCTION}(l.domain, CASE WHEN ${invalid} = 1 THEN ci.provider END)`
    if (request.provider !== undefined) {
      where.push(`${providerExpr} = @provider`)
      binds['provider'] = request.provider
    }
    let withSubdomains = false
    if (request.search !== undefined) {
      const search = request.search.toLowerCase()
      if (search.startsWith('@')) {
        binds['lo'] = search.slice(1)
        binds['hi'] = prefixEnd(search.slice(1))
        // Without such subdomains (most searches) the plain range keeps the walk in domain order.
        withSubdomains = subdomainsOf.get({ lo: binds['lo'], hi: binds['hi'] }) !== undefined
        if (!withSubdomains) where.push('l.domain >= @lo AND l.domain < @hi')
        // The lead walk reads them as its source; the flagged plan tests each flagged lead.
        else if (flaggedPlan) where.push(`l.domain >= @lo AND l.domain < @hi OR l.domain IN (${SUBDOMAINS})`)
      } else if (search.includes('@')) {
        where.push('l.email >= @lo AND l.email < @hi')
        binds['lo'] = search
        binds['hi'] = prefixEnd(search)
      } else {
        // Matched through both indexes in the lead source below: an OR over both made SQLite
        // walk the whole email index.
        binds['lo'] = search
        binds['hi'] = prefixEnd(search)
      }
    }
    if (request.hygiene !== undefined) {
      where.push('h.flags & @hygieneBits != 0')
      binds['hygieneBits'] = bitsOf(request.hygiene === 'any' ? HYGIENE_FLAG_NAMES : [request.hygiene])
    }
    const keyColumn = sort === 'domain' ? 'l.domain' : 'l.email'
    // How the lead walk reads leads, named so the plan does not hang on statistics: the search's
    // range when there is one (then a sort of its matches), else the sort column's index in order.
    const search = request.search?.toLowerCase()
    const leadSource =
      search === undefined && request.hygiene !== undefined
        ? // Findings are few: they lead, each finding its lead by id, and the page is sorted after.
          `(SELECT lead_id AS id FROM lead_hygiene WHERE flags & @hygieneBits != 0) AS m
              CROSS JOIN leads AS l ON l.id = m.id`
        : search === undefined
          ? sort === 'domain'
            ? 'leads AS l INDEXED BY leads_by_domain'
            : 'leads AS l INDEXED BY leads_by_email'
          : search.startsWith('@')
            ? withSubdomains
              ? SITE_LEADS
              : 'leads AS l INDEXED BY leads_by_domain'
            : search.includes('@')
              ? 'leads AS l INDEXED BY leads_by_email'
              : // CROSS JOIN keeps the matches as the outer loop: each then finds its lead by id.
                `(SELECT id FROM leads INDEXED BY leads_by_email WHERE email >= @lo AND email < @hi
                UNION SELECT id FROM leads INDEXED BY leads_by_domain WHERE domain >= @lo AND domain < @hi) AS m
              CROSS JOIN leads AS l ON l.id = m.id`
    const filters = where.map((condition) => `(${condition})`).join(' AND ')
    const withKeyset = [filters, request.after === undefined ? '' : `(${keyColumn}, l.id) > (@afterKey, @afterId)`]
      .filter((part) => part !== '')
      .join(' AND ')
    if (request.after !== undefined) {
      const cursor = decodeCursor(request.after)
      binds['afterKey'] = cursor.key
      binds['afterId'] = cursor.id
    }

    const select = `SELECT l.id AS lead_id, l.email, l.domain, ${invalid} AS email_invalid, ${suspended} AS email_suspended,
        ${flaggedPlan ? 's.suspended_at' : 'coalesce(o.suspended_at, c.suspended_at)'} AS suspended_at,
        ${providerExpr} AS provider, ${CAUSE_COLUMNS}, coalesce(h.flags, 0) AS hygiene_flags, h.suggestion`
    const from = flaggedPlan
      ? `FROM (
            SELECT lead_id, ${STATE_COLUMNS} FROM open_spans INDEXED BY open_spans_flagged
            WHERE list_id = @list AND ${FLAGGED} ${causeIds} AND from_seq <= @seq
            UNION ALL
            SELECT lead_id, ${STATE_COLUMNS} FROM closed_spans INDEXED BY closed_spans_flagged
            WHERE list_id = @list AND ${FLAGGED} ${causeIds} AND from_seq <= @seq AND to_seq >= @seq
          ) AS s
          JOIN leads AS l ON l.id = s.lead_id
          LEFT JOIN causes AS ci ON ci.id = s.invalid_cause_id
          LEFT JOIN causes AS cs ON cs.id = s.suspended_cause_id
          LEFT JOIN lead_hygiene AS h ON h.lead_id = l.id`
      : `FROM ${leadSource}
          LEFT JOIN open_spans AS o ON o.list_id = @list AND o.lead_id = l.id AND o.from_seq <= @seq
          LEFT JOIN closed_spans AS c INDEXED BY closed_spans_by_lead
            ON o.lead_id IS NULL AND c.list_id = @list AND c.lead_id = l.id AND c.from_seq <= @seq AND c.to_seq >= @seq
          LEFT JOIN causes AS ci ON ci.id = coalesce(o.invalid_cause_id, c.invalid_cause_id)
          LEFT JOIN causes AS cs ON cs.id = coalesce(o.suspended_cause_id, c.suspended_cause_id)
          LEFT JOIN lead_hygiene AS h ON h.lead_id = l.id`
    const present = flaggedPlan ? '' : '(o.lead_id IS NOT NULL OR c.id IS NOT NULL)'
    const whereOf = (body: string): string => {
      const parts = [present, body].filter((part) => part !== '')
      return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : ''
    }
    const sql = `${select} ${from} ${whereOf(withKeyset)} ORDER BY ${keyColumn}, l.id LIMIT @limit`
    const countSql = `SELECT count(*) AS n FROM (SELECT 1 ${from} ${whereOf(filters)} LIMIT ${TOTAL_CAP})`
    return { snap, limit, sort, binds, flaggedPlan, sql, countSql }
  }

  return {
    /** Steps of the plan SQLite picks for this page's query (tests and the benchmark look at it). */
    plan(request: ExplorerPageRequest): string[] {
      const { sql, binds, limit } = build(request)
      return queryPlan(db, sql, { ...binds, limit })
    },
    page(request: ExplorerPageRequest): ExplorerPage {
      const { snap, limit, sort, binds, sql, countSql } = build(request)
      const rows = prepared(statements, sql, (text) => db.prepare<Binds, PageRow>(text)).all({ ...binds, limit })

      // The total: from the stored tallies where they answer it, else counted up to TOTAL_CAP.
      let total: number
      let totalExact: boolean
      const tallied = totalFromTallies(
        request,
        snap,
        (dimension, key) => countOf.get(request.importId, dimension, key)?.rows ?? 0,
      )
      if (tallied) {
        total = tallied.total
        totalExact = tallied.exact
      } else {
        const bindsForCount = Object.fromEntries(
          Object.entries(binds).filter(([key]) => key !== 'afterKey' && key !== 'afterId'),
        )
        // Counted once per filter until the database changes: the next pages reuse it.
        total = memo(`count:${countSql}:${JSON.stringify(bindsForCount)}`, () => {
          const statement = prepared(counts, countSql, (text) => db.prepare<Binds, { n: number }>(text))
          return statement.get(bindsForCount)?.n ?? 0
        })
        totalExact = total < TOTAL_CAP
      }

      const last = rows.at(-1)
      return {
        rows: rows.map(toExplorerRow),
        nextCursor:
          rows.length === limit && last
            ? explorerCursor(sort === 'domain' ? last.domain : last.email, last.lead_id)
            : null,
        total,
        totalExact,
      }
    },

    timeline(leadId: number): LeadTimeline {
      const lead = leadById.get(leadId)
      if (!lead) throw new ApiError('not-found', `There is no lead #${leadId}.`)
      const spans = timelineSpans.all({ lead: leadId })
      const entries: TimelineEntry[] = []
      const absences: LeadTimeline['absences'] = []
      for (const listId of [...new Set(spans.map((span) => span.list_id))]) {
        const mine = spans.filter((span) => span.list_id === listId)
        let previous: LeadSnapshotState | null = null
        let seen = false
        for (const snap of importsOfList.all(listId)) {
          const span = mine.find((candidate) => candidate.from_seq <= snap.seq && candidate.to_seq >= snap.seq)
          if (!span) {
            if (seen) absences.push({ importId: snap.id, listId, snapshotDate: snap.snapshot_date })
            previous = null
            continue
          }
          const state = toLeadState(span)
          entries.push({
            importId: snap.id,
            listId,
            listName: snap.name,
            snapshotDate: snap.snapshot_date,
            ...state,
            changes: changesBetween(previous, state, snap.seq > 1),
          })
          previous = state
          seen = true
        }
      }
      entries.sort((a, b) => a.snapshotDate.localeCompare(b.snapshotDate) || a.importId - b.importId)
      return {
        lead: { id: lead.id, email: lead.email, domain: lead.domain, marketoId: lead.marketo_id },
        entries,
        absences,
      }
    },
  }
}

interface SnapshotTotals {
  row_count: number
  invalid_count: number
  suspended_count: number
}

/**
 * The number of rows a filter keeps, when the import's tallies know it: the flags alone, one
 * cause filter (the tallies count Email Invalid rows by cause), or a provider. A provider
 * without `invalid: true` is only estimated: the tallies file every row by its address's
 * provider, bounces also by the provider their cause names. Null: count the rows.
 */
export function totalFromTallies(
  request: ExplorerPageRequest,
  snap: SnapshotTotals,
  tally: (dimension: string, key: string) => number,
): { total: number; exact: boolean } | null {
  if (request.search !== undefined) return null
  // Address findings are not in the tallies: counted by the query (they are few).
  if (request.hygiene !== undefined) return null
  // A reason group is counted by the query (its reasons' tallies would miss older names filed under 'other').
  if (request.reasonGroup !== undefined) return null
  const causeFilters = [request.reason, request.verdict, request.code].filter((value) => value !== undefined)
  const { invalid, suspended, provider } = request
  if (causeFilters.length === 0 && provider === undefined) {
    if (invalid === undefined && suspended === undefined) return { total: snap.row_count, exact: true }
    if (suspended === undefined) {
      return { total: invalid ? snap.invalid_count : snap.row_count - snap.invalid_count, exact: true }
    }
    if (invalid === undefined) {
      return { total: suspended ? snap.suspended_count : snap.row_count - snap.suspended_count, exact: true }
    }
    return null
  }
  if (suspended !== undefined || invalid === false) return null
  if (causeFilters.length === 1 && provider === undefined) {
    if (request.reason !== undefined) return { total: tally('reason', request.reason), exact: true }
    if (request.verdict !== undefined) return { total: tally('verdict', request.verdict), exact: true }
    const code = request.code ?? ''
    return { total: tally(code.includes('.') ? 'status' : 'reply', code), exact: true }
  }
  if (causeFilters.length === 0 && provider !== undefined) {
    return invalid
      ? { total: tally('provider', provider), exact: true }
      : { total: tally('leads-provider', provider), exact: false }
  }
  return null
}

/** What changed for a lead since the previous snapshot of the list (`before` null: it was not in it). */
function changesBetween(
  before: LeadSnapshotState | null,
  after: LeadSnapshotState,
  hadEarlier: boolean,
): LeadChangeKind[] {
  if (before === null) return hadEarlier ? ['appeared'] : []
  const changes: LeadChangeKind[] = []
  if (!before.invalid && after.invalid) changes.push('became-invalid')
  if (before.invalid && !after.invalid) changes.push('recovered')
  if (before.invalid && after.invalid && before.causeText !== after.causeText) changes.push('cause-changed')
  if (!before.suspended && after.suspended) changes.push('became-suspended')
  if (before.suspended && !after.suspended) changes.push('unsuspended')
  return changes
}

function toExplorerRow(row: PageRow): ExplorerRow {
  const state = toLeadState(row)
  return {
    leadId: row.lead_id,
    email: row.email,
    domain: row.domain,
    invalid: state.invalid,
    suspended: state.suspended,
    suspendedAt: state.suspendedAt,
    causeText: state.causeText,
    reason: state.reason,
    verdict: state.verdict,
    status: state.status,
    replyCode: state.replyCode,
    hardBounce: state.hardBounce,
    provider: row.provider,
    suspendedCauseText: state.suspendedCauseText,
    hygiene: flagsOf(row.hygiene_flags),
    suggestion: row.suggestion,
  }
}
