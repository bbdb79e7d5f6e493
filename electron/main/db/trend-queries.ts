import { providerFromDomain } from '../../shared/classify/provider'
import {
  REASON_GROUPS,
  type ReasonGroup,
  type TrendPoint,
  type TrendSeries,
  type TrendsRequest,
} from '../../shared/ipc'
import { NO_VALUE, OTHER_PROVIDER } from '../import/snapshot-counts'
import type { HistoryQueries, Transitions } from './history-queries'
import type { Db } from './open'
import { reasonGroupOf } from './reason-groups'
import {
  FACET_AFTER,
  FACET_SEPARATOR,
  facetMatches,
  parseBounceFacet,
  parseDomainFacet,
  parseTransitionKey,
  type FacetFilter,
} from './facets'
import { createVersionedMemo, queryPlan } from './span-reads'

/** Domains shown per point: a chart cannot stack thousands of company domains. */
export const TOP_DOMAINS = 10

interface ImportPoint {
  id: number
  seq: number
  snapshot_date: string
  row_count: number
  invalid_count: number
  suspended_count: number
}

interface FlaggedSpan {
  lead_id: number
  from_seq: number
  to_seq: number
  email_invalid: number
  email_suspended: number
  domain: string
  reason: string | null
  verdict: string | null
  status: string | null
  reply_code: number | null
  cause_provider: string | null
  /** For an ended Email Invalid span: the lead has a span starting right after it. */
  next_present: number
}

const emptyGroups = (): Record<ReasonGroup, number> =>
  Object.fromEntries(REASON_GROUPS.map((group) => [group, 0])) as Record<ReasonGroup, number>

/** Per-key counts over a list's snapshots, added as ranges: +n at the first seq, -n after the last. */
class RangeCounts {
  private readonly deltas = new Map<string, Int32Array>()
  constructor(private readonly maxSeq: number) {}

  add(key: string, from: number, to: number): void {
    const last = Math.min(to, this.maxSeq)
    if (last < from) return
    let deltas = this.deltas.get(key)
    if (!deltas) {
      deltas = new Int32Array(this.maxSeq + 2)
      this.deltas.set(key, deltas)
    }
    deltas[from] = (deltas[from] ?? 0) + 1
    deltas[last + 1] = (deltas[last + 1] ?? 0) - 1
  }

  /** key → count per seq (index = seq). */
  totals(): Map<string, Int32Array> {
    const result = new Map<string, Int32Array>()
    for (const [key, deltas] of this.deltas) {
      const totals = new Int32Array(this.maxSeq + 1)
      let running = 0
      for (let seq = 1; seq <= this.maxSeq; seq += 1) {
        running += deltas[seq] ?? 0
        totals[seq] = running
      }
      result.set(key, totals)
    }
    return result
  }
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)

/** A point's figures, however they were counted; rates and the first snapshot's blanks follow. */
type PointFigures = Omit<
  TrendPoint,
  'importId' | 'snapshotDate' | 'invalidRate' | 'suspendedRate' | 'newlyInvalid' | 'recovered'
> & { newlyInvalid: number; recovered: number }

function toTrendPoint(point: ImportPoint, figures: PointFigures): TrendPoint {
  // The first snapshot of a list has nothing to change from.
  const first = point.seq === 1
  return {
    importId: point.id,
    snapshotDate: point.snapshot_date,
    ...figures,
    invalidRate: rate(figures.invalid, figures.rows),
    suspendedRate: rate(figures.suspended, figures.rows),
    newlyInvalid: first ? null : figures.newlyInvalid,
    recovered: first ? null : figures.recovered,
  }
}

/**
 * Series across the snapshots of one list. Without row filters every figure comes from the
 * tallies stored at import (`import_counts`) plus the stored newly-invalid/recovered counts; a
 * provider, reason or verdict filter sums the cross-tabulated facets stored beside them; only a
 * domain filter reads spans: that domain's leads, found through `leads_by_domain`, counted for
 * all snapshots together.
 */
export function createTrendQueries(db: Db, history: HistoryQueries) {
  const lists = db.prepare<[], { id: number; name: string }>('SELECT id, name FROM lists ORDER BY name, id')
  const newestList = db.prepare<[], { list_id: number }>(
    'SELECT list_id FROM imports ORDER BY snapshot_date DESC, id DESC LIMIT 1',
  )
  const importsOf = db.prepare<{ list: number; from: string; to: string }, ImportPoint>(`
    SELECT id, seq, snapshot_date, row_count, invalid_count, suspended_count FROM imports
    WHERE list_id = @list AND snapshot_date >= @from AND snapshot_date <= @to ORDER BY seq`)
  const maxSeqOf = db.prepare<[number], { n: number }>(
    'SELECT coalesce(max(seq), 0) AS n FROM imports WHERE list_id = ?',
  )
  const countsOf = db.prepare<[number, string], { key: string; rows: number }>(
    'SELECT key, rows FROM import_counts WHERE import_id = ? AND dimension = ?',
  )
  const countOf = db.prepare<[number, string, string], { rows: number }>(
    'SELECT rows FROM import_counts WHERE import_id = ? AND dimension = ? AND key = ?',
  )
  const topDomainsOf = db.prepare<[number, number], { key: string }>(
    "SELECT key FROM import_counts WHERE import_id = ? AND dimension = 'domain' ORDER BY rows DESC, key LIMIT ?",
  )
  // Facet keys hold each filter field between separators, so `instr` drops most keys that cannot
  // match inside SQLite; what passes is parsed and checked exactly (a domain named like a verdict
  // only costs a parse). Unset needles match everything.
  // A separator is put in front so the first field has one before it too.
  const NEEDLES = `(@provider IS NULL OR instr(char(31) || key, @provider) > 0)
    AND (@verdict IS NULL OR instr(char(31) || key, @verdict) > 0) AND (@reason IS NULL OR instr(char(31) || key, @reason) > 0)`
  type Needles = { provider: string | null; verdict: string | null; reason: string | null }
  const facetsFor = db.prepare<{ id: number } & Needles, { key: string; rows: number }>(
    `SELECT key, rows FROM import_counts WHERE import_id = @id AND dimension = 'facet' AND ${NEEDLES}`,
  )
  const domainFacetsFor = db.prepare<{ id: number; from: string; to: string } & Needles, { key: string; rows: number }>(
    `SELECT key, rows FROM import_counts
     WHERE import_id = @id AND dimension = 'domain-facet' AND key >= @from AND key < @to AND ${NEEDLES}`,
  )
  const transitionsOf = db.prepare<{ id: number } & Needles, { dimension: string; key: string; rows: number }>(
    `SELECT dimension, key, rows FROM import_counts
     WHERE import_id = @id AND dimension IN ('newly-invalid', 'recovered') AND ${NEEDLES}`,
  )
  const nextPresent = `(email_invalid = 1 AND (
      EXISTS (SELECT 1 FROM open_spans AS o WHERE o.list_id = c.list_id AND o.lead_id = c.lead_id AND o.from_seq = c.to_seq + 1)
      OR EXISTS (SELECT 1 FROM closed_spans AS n WHERE n.list_id = c.list_id AND n.lead_id = c.lead_id AND n.from_seq = c.to_seq + 1)))`
  const spanColumns = `l.domain, ci.reason, ci.verdict, ci.status, ci.reply_code, ci.provider AS cause_provider`
  // With a domain, its leads come from `leads_by_domain` and every span of theirs is read: the
  // unflagged ones are the denominator of the domain's rates. CROSS JOIN keeps the domain's
  // leads as the outer loop (without statistics SQLite would walk every span of the list).
  const domainSpans = db.prepare<{ list: number; domain: string }, FlaggedSpan>(`
    SELECT l.id AS lead_id, o.from_seq, 2147483647 AS to_seq, o.email_invalid, o.email_suspended, 0 AS next_present,
      ${spanColumns}
    FROM leads AS l INDEXED BY leads_by_domain CROSS JOIN open_spans AS o ON o.list_id = @list AND o.lead_id = l.id
    LEFT JOIN causes AS ci ON ci.id = o.invalid_cause_id
    WHERE l.domain = @domain
    UNION ALL
    SELECT l.id AS lead_id, c.from_seq, c.to_seq, c.email_invalid, c.email_suspended, ${nextPresent} AS next_present,
      ${spanColumns}
    FROM leads AS l INDEXED BY leads_by_domain CROSS JOIN closed_spans AS c INDEXED BY closed_spans_by_lead ON c.list_id = @list AND c.lead_id = l.id
    LEFT JOIN causes AS ci ON ci.id = c.invalid_cause_id
    WHERE l.domain = @domain`)

  const memo = createVersionedMemo(db)
  const providerCache = new Map<string, string | null>()
  const domainProvider = (domain: string): string | null => {
    let provider = providerCache.get(domain)
    if (provider === undefined) {
      provider = providerFromDomain(domain)
      providerCache.set(domain, provider)
    }
    return provider
  }

  const fromTallies = (points: ImportPoint[], changes: Transitions): TrendPoint[] => {
    const newest = points.at(-1)
    const topDomains = newest ? topDomainsOf.all(newest.id, TOP_DOMAINS).map((row) => row.key) : []
    return points.map((point) => {
      const tally = (dimension: string): Record<string, number> =>
        Object.fromEntries(countsOf.all(point.id, dimension).map((row) => [row.key, row.rows]))
      const byReason = tally('reason')
      const byReasonGroup = emptyGroups()
      for (const [reason, rows] of Object.entries(byReason)) byReasonGroup[reasonGroupOf(reason)] += rows
      return toTrendPoint(point, {
        rows: point.row_count,
        invalid: point.invalid_count,
        suspended: point.suspended_count,
        byReasonGroup,
        byReason,
        byProvider: tally('provider'),
        byReply: tally('reply'),
        byStatus: tally('status'),
        byDomain: Object.fromEntries(
          topDomains.map((domain) => [domain, countOf.get(point.id, 'domain', domain)?.rows ?? 0]),
        ),
        newlyInvalid: changes.newlyInvalid.get(point.seq) ?? 0,
        recovered: changes.recovered.get(point.seq) ?? 0,
      })
    })
  }

  /** Filtered by provider, verdict or reason: summed from the facets stored per import. */
  const fromFacets = (points: ImportPoint[], filter: FacetFilter): TrendPoint[] => {
    const matching = <T extends { provider: string; verdict: string; reason: string }>(
      rows: { key: string; rows: number }[],
      parse: (key: string) => T | null,
    ): { facet: T; rows: number }[] =>
      rows.flatMap((row) => {
        const facet = parse(row.key)
        return facet && facetMatches(facet, filter) ? [{ facet, rows: row.rows }] : []
      })
    const needles: Needles = {
      provider: filter.provider === undefined ? null : `${FACET_SEPARATOR}${filter.provider}${FACET_SEPARATOR}`,
      verdict: filter.verdict === undefined ? null : `${FACET_SEPARATOR}${filter.verdict}${FACET_SEPARATOR}`,
      // Last in a domain facet, so no separator after it.
      reason: filter.reason === undefined ? null : `${FACET_SEPARATOR}${filter.reason}`,
    }
    // Domains are ranked at the newest point, then each is read per point by its key prefix.
    const domainRows = (importId: number, domain = ''): { key: string; rows: number }[] =>
      domainFacetsFor.all({
        ...needles,
        id: importId,
        from: `${domain}${domain ? FACET_SEPARATOR : ''}`,
        to: domain ? `${domain}${FACET_AFTER}` : '\uffff',
      })
    const newest = points.at(-1)
    const domainTotals = new Map<string, number>()
    if (newest) {
      for (const { facet, rows } of matching(domainRows(newest.id), parseDomainFacet)) {
        domainTotals.set(facet.domain, (domainTotals.get(facet.domain) ?? 0) + rows)
      }
    }
    const topDomains = [...domainTotals]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_DOMAINS)
      .map(([domain]) => domain)
    const add = (into: Record<string, number>, key: string, rows: number): void => {
      into[key] = (into[key] ?? 0) + rows
    }
    return points.map((point) => {
      const byReasonGroup = emptyGroups()
      const byReason: Record<string, number> = {}
      const byProvider: Record<string, number> = {}
      const byReply: Record<string, number> = {}
      const byStatus: Record<string, number> = {}
      let invalid = 0
      for (const { facet, rows } of matching(facetsFor.all({ ...needles, id: point.id }), parseBounceFacet)) {
        invalid += rows
        byReasonGroup[reasonGroupOf(facet.reason)] += rows
        add(byReason, facet.reason, rows)
        add(byProvider, facet.provider, rows)
        add(byReply, facet.reply, rows)
        add(byStatus, facet.status, rows)
      }
      const byDomain: Record<string, number> = {}
      for (const domain of topDomains) {
        byDomain[domain] = matching(domainRows(point.id, domain), parseDomainFacet).reduce(
          (sum, row) => sum + row.rows,
          0,
        )
      }
      let newlyInvalid = 0
      let recovered = 0
      for (const row of transitionsOf.all({ ...needles, id: point.id })) {
        const facet = parseTransitionKey(row.key)
        if (!facet || !facetMatches(facet, filter)) continue
        if (row.dimension === 'recovered') recovered += row.rows
        else newlyInvalid += row.rows
      }
      const rows = filter.provider
        ? (countOf.get(point.id, 'leads-provider', filter.provider)?.rows ?? 0)
        : point.row_count
      const suspended = filter.provider
        ? (countOf.get(point.id, 'suspended-provider', filter.provider)?.rows ?? 0)
        : point.suspended_count
      return toTrendPoint(point, {
        rows,
        invalid,
        suspended,
        byReasonGroup,
        byReason,
        byProvider,
        byReply,
        byStatus,
        byDomain,
        newlyInvalid,
        recovered,
      })
    })
  }

  const fromRows = (listId: number, points: ImportPoint[], filter: TrendsRequest): TrendPoint[] => {
    const maxSeq = maxSeqOf.get(listId)?.n ?? 0
    // One read of the domain's spans serves every other filter until the database changes.
    const spans = memo(`domain:${listId}:${filter.domain}`, () =>
      domainSpans.all({ list: listId, domain: filter.domain ?? '' }),
    )
    const counts = new RangeCounts(maxSeq)
    // The provider a bounce is counted under, as the import's tallies count it.
    const bounceProvider = (span: FlaggedSpan): string =>
      domainProvider(span.domain) ?? span.cause_provider ?? OTHER_PROVIDER
    const addressMatches = (span: FlaggedSpan): boolean =>
      filter.provider === undefined || bounceProvider(span) === filter.provider
    // Marketo marked it invalid without a cause: counted as undefined / review, like the tallies.
    const causeMatches = (span: FlaggedSpan): boolean =>
      (filter.reason === undefined || (span.reason ?? 'undefined') === filter.reason) &&
      (filter.verdict === undefined || (span.verdict ?? 'review') === filter.verdict)

    // Spans per lead in order, so each Email Invalid span can look at its neighbours.
    spans.sort((a, b) => a.lead_id - b.lead_id || a.from_seq - b.from_seq)
    for (let index = 0; index < spans.length; index += 1) {
      const span = spans[index]
      if (!span || !addressMatches(span)) continue
      counts.add('rows', span.from_seq, span.to_seq)
      if (span.email_suspended === 1) counts.add('suspended', span.from_seq, span.to_seq)
      if (span.email_invalid !== 1 || !causeMatches(span)) continue
      const { from_seq: from, to_seq: to } = span
      counts.add('invalid', from, to)
      counts.add(`group\u0000${reasonGroupOf(span.reason ?? 'undefined')}`, from, to)
      counts.add(`reason\u0000${span.reason ?? 'undefined'}`, from, to)
      counts.add(`provider\u0000${bounceProvider(span)}`, from, to)
      counts.add(`reply\u0000${span.reply_code === null ? NO_VALUE : String(span.reply_code)}`, from, to)
      counts.add(`status\u0000${span.status ?? NO_VALUE}`, from, to)
      counts.add(`domain\u0000${span.domain}`, from, to)
      const before = spans[index - 1]
      const wasInvalid = before?.lead_id === span.lead_id && before.to_seq === from - 1 && before.email_invalid === 1
      if (from > 1 && !wasInvalid) counts.add('newly', from, from)
      if (to < maxSeq) {
        const next = spans[index + 1]
        const staysInvalid = next?.lead_id === span.lead_id && next.from_seq === to + 1 && next.email_invalid === 1
        if (!staysInvalid && span.next_present === 1) counts.add('recovered', to + 1, to + 1)
      }
    }
    const totals = counts.totals()
    const at = (key: string, seq: number): number => totals.get(key)?.[seq] ?? 0
    const keyed = (prefix: string, seq: number): Record<string, number> => {
      const result: Record<string, number> = {}
      for (const [key, values] of totals) {
        if (!key.startsWith(`${prefix}\u0000`)) continue
        const value = values[seq] ?? 0
        if (value > 0) result[key.slice(prefix.length + 1)] = value
      }
      return result
    }
    const newest = points.at(-1)
    const topDomains = newest
      ? Object.entries(keyed('domain', newest.seq))
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, TOP_DOMAINS)
          .map(([domain]) => domain)
      : []
    return points.map((point) => {
      const rows = at('rows', point.seq)
      const invalid = at('invalid', point.seq)
      const suspended = at('suspended', point.seq)
      const byReasonGroup = emptyGroups()
      for (const group of REASON_GROUPS) byReasonGroup[group] = at(`group\u0000${group}`, point.seq)
      return toTrendPoint(point, {
        rows,
        invalid,
        suspended,
        byReasonGroup,
        byReason: keyed('reason', point.seq),
        byProvider: keyed('provider', point.seq),
        byReply: keyed('reply', point.seq),
        byStatus: keyed('status', point.seq),
        byDomain: Object.fromEntries(topDomains.map((domain) => [domain, at(`domain\u0000${domain}`, point.seq)])),
        newlyInvalid: at('newly', point.seq),
        recovered: at('recovered', point.seq),
      })
    })
  }

  return {
    /** Plans of the row-level statements (tests and the benchmark look at them). */
    plans(list: number, domain: string): Record<string, string[]> {
      return {
        domainSpans: queryPlan(db, domainSpans.source, { list, domain }),
      }
    },
    series(request: TrendsRequest): TrendSeries {
      // The same chart is asked for again and again while a marketer moves between views.
      return memo(`series:${JSON.stringify(request)}`, () => computeSeries(request))
    },
  }

  function computeSeries(request: TrendsRequest): TrendSeries {
    {
      const allLists = lists.all()
      const listId = request.listId ?? newestList.get()?.list_id ?? null
      const list = allLists.find((candidate) => candidate.id === listId)
      if (listId === null || !list) {
        return { listId: null, listName: null, lists: allLists, rowLevel: false, points: [] }
      }
      const points = importsOf.all({ list: listId, from: request.from ?? '0000-00-00', to: request.to ?? '9999-99-99' })
      const rowLevel =
        request.domain !== undefined ||
        request.provider !== undefined ||
        request.reason !== undefined ||
        request.verdict !== undefined
      return {
        listId,
        listName: list.name,
        lists: allLists,
        rowLevel,
        points:
          request.domain !== undefined
            ? fromRows(listId, points, request)
            : rowLevel
              ? fromFacets(points, request)
              : fromTallies(points, history.transitions(listId)),
      }
    }
  }
}
