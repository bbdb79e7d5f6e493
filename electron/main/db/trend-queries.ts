import { providerFromDomain } from '../../shared/classify/provider'
import {
  REASON_GROUPS,
  type ReasonGroup,
  type TrendPoint,
  type TrendSeries,
  type TrendsRequest,
} from '../../shared/ipc'
import type { HistoryQueries, Transitions } from './history-queries'
import type { Db } from './open'
import { reasonGroupOf } from './reason-groups'
import {
  FACET_SEPARATOR,
  domainKeyRange,
  facetMatches,
  parseBounceFacet,
  parseDomainFacet,
  parseTransitionKey,
  type BounceFacet,
  type FacetFilter,
} from './facets'
import { createVersionedMemo, queryPlan } from './span-reads'
import { createSiteGrouping, type SiteGrouping } from './site-grouping'

/** What every chart counts a bounce by, whether it came from a list-wide or a per-domain facet. */
type BounceFacetFields = Pick<BounceFacet, 'provider' | 'verdict' | 'reason' | 'reply' | 'status'>

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

const emptyGroups = (): Record<ReasonGroup, number> =>
  Object.fromEntries(REASON_GROUPS.map((group) => [group, 0])) as Record<ReasonGroup, number>

/** Per-key counts over a list's snapshots, added as ranges: +n at the first seq, -n after the last. */
class RangeCounts {
  private readonly deltas = new Map<string, Int32Array>()
  constructor(private readonly maxSeq: number) {}

  add(key: string, from: number, to: number, n = 1): void {
    const last = Math.min(to, this.maxSeq)
    if (last < from) return
    let deltas = this.deltas.get(key)
    if (!deltas) {
      deltas = new Int32Array(this.maxSeq + 2)
      this.deltas.set(key, deltas)
    }
    deltas[from] = (deltas[from] ?? 0) + n
    deltas[last + 1] = (deltas[last + 1] ?? 0) - n
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
  const domainTransitionsOf = db.prepare<
    { id: number; from: string; to: string } & Needles,
    { dimension: string; key: string; rows: number }
  >(
    `SELECT dimension, key, rows FROM import_counts
     WHERE import_id = @id AND dimension IN ('newly-invalid', 'recovered') AND key >= @from AND key < @to AND ${NEEDLES}`,
  )
  // A domain's rows and suspended rows per snapshot are not stored (a list has tens of thousands
  // of domains): its leads' spans are counted in SQLite, grouped by their range of snapshots, so a
  // few hundred groups come back even for gmail.com. CROSS JOIN keeps the domain's leads as the
  // outer loop (without statistics SQLite would walk every span of the list).
  const domainSpanRanges = db.prepare<
    { list: number; domain: string },
    { from_seq: number; to_seq: number; n: number; suspended: number }
  >(`
    SELECT from_seq, to_seq, count(*) AS n, sum(email_suspended) AS suspended FROM (
      SELECT o.from_seq, 2147483647 AS to_seq, o.email_suspended
      FROM leads AS l INDEXED BY leads_by_domain CROSS JOIN open_spans AS o ON o.list_id = @list AND o.lead_id = l.id
      WHERE l.domain = @domain
      UNION ALL
      SELECT c.from_seq, c.to_seq, c.email_suspended
      FROM leads AS l INDEXED BY leads_by_domain
      CROSS JOIN closed_spans AS c INDEXED BY closed_spans_by_lead ON c.list_id = @list AND c.lead_id = l.id
      WHERE l.domain = @domain
    ) GROUP BY from_seq, to_seq`)

  const memo = createVersionedMemo(db)
  const sites = createSiteGrouping(db)

  const fromTallies = (points: ImportPoint[], changes: Transitions, grouping: SiteGrouping | null): TrendPoint[] => {
    const newest = points.at(-1)
    // Grouped: the newest point's domains summed per registrable domain, then each site's
    // domains (itself and its subdomains) read per point.
    const topDomains = !newest
      ? []
      : grouping
        ? grouping.top(countsOf.all(newest.id, 'domain'), TOP_DOMAINS)
        : topDomainsOf.all(newest.id, TOP_DOMAINS).map((row) => row.key)
    const membersOf = (key: string): readonly string[] => grouping?.members(key) ?? [key]
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
          topDomains.map((key) => [
            key,
            membersOf(key).reduce((sum, domain) => sum + (countOf.get(point.id, 'domain', domain)?.rows ?? 0), 0),
          ]),
        ),
        newlyInvalid: changes.newlyInvalid.get(point.seq) ?? 0,
        recovered: changes.recovered.get(point.seq) ?? 0,
      })
    })
  }

  /** Some domains' rows and suspended rows per seq of its list, from their spans grouped by range. */
  const domainRowsPerSeq = (
    listId: number,
    domains: readonly string[],
  ): { rows: Int32Array; suspended: Int32Array } => {
    const counts = new RangeCounts(maxSeqOf.get(listId)?.n ?? 0)
    for (const domain of domains) {
      for (const range of domainSpanRanges.iterate({ list: listId, domain })) {
        counts.add('rows', range.from_seq, range.to_seq, range.n)
        counts.add('suspended', range.from_seq, range.to_seq, range.suspended)
      }
    }
    const totals = counts.totals()
    const none = new Int32Array(0)
    return { rows: totals.get('rows') ?? none, suspended: totals.get('suspended') ?? none }
  }

  /**
   * Filtered by domain, provider, reason or verdict: summed from the facets stored per import
   * (per domain when a domain is asked for), plus the stored changes; only a domain's row counts
   * are read from spans. Grouped, a domain is a registrable domain with its subdomains: each of
   * its domains is read as one domain is, and summed.
   */
  const fromFacets = (
    listId: number,
    points: ImportPoint[],
    filter: FacetFilter & { domain?: string },
    grouping: SiteGrouping | null,
  ): TrendPoint[] => {
    const { domain } = filter
    const membersOf = (key: string): readonly string[] => grouping?.members(key) ?? [key]
    // The domains the filter names: the one domain, or the site's.
    const filterDomains = domain === undefined ? undefined : membersOf(domain)
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
      // Last in a change's key, so no separator after it.
      reason: filter.reason === undefined ? null : `${FACET_SEPARATOR}${filter.reason}`,
    }
    const everyDomain = { from: '', to: '\uffff' }
    const domainRows = (importId: number, one?: string): { key: string; rows: number }[] =>
      domainFacetsFor.all({ ...needles, id: importId, ...(one === undefined ? everyDomain : domainKeyRange(one)) })
    // The facets of one point as charts count them: per domain when one is asked for.
    const bounceFacets = (importId: number): { facet: BounceFacetFields; rows: number }[] =>
      filterDomains === undefined
        ? matching(facetsFor.all({ ...needles, id: importId }), parseBounceFacet)
        : filterDomains.flatMap((one) => matching(domainRows(importId, one), parseDomainFacet))

    // Domains are ranked at the newest point, then each is read per point by its key range.
    let topDomains: string[] = domain === undefined ? [] : [domain]
    const newest = points.at(-1)
    if (domain === undefined && newest) {
      const domainTotals = new Map<string, number>()
      for (const { facet, rows } of matching(domainRows(newest.id), parseDomainFacet)) {
        const key = grouping ? grouping.siteOf(facet.domain) : facet.domain
        domainTotals.set(key, (domainTotals.get(key) ?? 0) + rows)
      }
      topDomains = [...domainTotals]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, TOP_DOMAINS)
        .map(([name]) => name)
    }
    // A domain's rows count under a provider filter only when the domain is that provider's (or
    // unknown); its bounces are filtered by the facets either way.
    const counted = (filterDomains ?? []).filter(
      (one) => filter.provider === undefined || (providerFromDomain(one) ?? filter.provider) === filter.provider,
    )
    const perSeq = filterDomains !== undefined ? domainRowsPerSeq(listId, counted) : null
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
      for (const { facet, rows } of bounceFacets(point.id)) {
        invalid += rows
        byReasonGroup[reasonGroupOf(facet.reason)] += rows
        add(byReason, facet.reason, rows)
        add(byProvider, facet.provider, rows)
        add(byReply, facet.reply, rows)
        add(byStatus, facet.status, rows)
      }
      const byDomain: Record<string, number> = {}
      if (domain !== undefined) byDomain[domain] = invalid
      else {
        for (const name of topDomains) {
          byDomain[name] = membersOf(name)
            .flatMap((one) => matching(domainRows(point.id, one), parseDomainFacet))
            .reduce((sum, row) => sum + row.rows, 0)
        }
      }
      let newlyInvalid = 0
      let recovered = 0
      const changes =
        filterDomains === undefined
          ? transitionsOf.all({ ...needles, id: point.id })
          : filterDomains.flatMap((one) =>
              domainTransitionsOf.all({ ...needles, id: point.id, ...domainKeyRange(one) }),
            )
      for (const row of changes) {
        const facet = parseTransitionKey(row.key)
        if (!facet || !facetMatches(facet, filter)) continue
        if (row.dimension === 'recovered') recovered += row.rows
        else newlyInvalid += row.rows
      }
      const rows =
        domain !== undefined
          ? (perSeq?.rows[point.seq] ?? 0)
          : filter.provider
            ? (countOf.get(point.id, 'leads-provider', filter.provider)?.rows ?? 0)
            : point.row_count
      const suspended =
        domain !== undefined
          ? (perSeq?.suspended[point.seq] ?? 0)
          : filter.provider
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

  return {
    /** Plans of the row-level statements (tests and the benchmark look at them). */
    plans(list: number, domain: string): Record<string, string[]> {
      return {
        domainSpanRanges: queryPlan(db, domainSpanRanges.source, { list, domain }),
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
      // By default a subdomain counts under its registrable domain (mail.acme.co.uk under acme.co.uk).
      const grouping = request.exactDomains ? null : sites()
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
        points: rowLevel
          ? fromFacets(listId, points, request, grouping)
          : fromTallies(points, history.transitions(listId), grouping),
      }
    }
  }
}
