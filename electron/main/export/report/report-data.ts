import { REASONS, type Reason, type Verdict } from '../../../shared/classify/types'
import type {
  ActionItem,
  ImportSummary,
  KeyCompared,
  OverviewComparison,
  ProviderCompared,
  ReasonCount,
  ReasonGroup,
  TrendPoint,
  TrendsRequest,
} from '../../../shared/ipc'
import { createHistoryQueries } from '../../db/history-queries'
import { IMPORT_COLUMNS, IMPORTS_WITH_LISTS, toImportSummary } from '../../db/import-store'
import { ApiError } from '../../../shared/ipc'
import type { Db } from '../../db/open'
import { createOverviewQueries } from '../../db/overview-queries'
import { createTrendQueries } from '../../db/trend-queries'
import { createLeadListQueries, type LeadListScope, type ResolvedScope } from '../lead-lists'

/** Everything one report shows, read from the database in one go. */
export interface ReportData {
  /** The snapshot or period the user asked for, with its dates resolved. */
  scope: ResolvedScope
  listName: string
  /** The snapshot the headline numbers describe: the chosen one, or the newest of the period. */
  latest: ImportSummary
  /** The snapshot before `latest` in its list; null for a list's first. */
  previous: ImportSummary | null
  comparison: OverviewComparison
  verdicts: { verdict: Verdict; latest: number; previous: number | null }[]
  reasonGroups: { group: ReasonGroup; latest: number; previous: number | null }[]
  topReasons: ReasonCount[]
  topDomains: KeyCompared[]
  topProviders: ProviderCompared[]
  actionItems: ActionItem[]
  /** The list's snapshots the charts draw: up to `latest` for one snapshot, the period's for a period. */
  trend: TrendPoint[]
  /** Other lists with snapshots in the period; the report covers one list, so it names the rest. */
  otherLists: { name: string; snapshots: number }[]
  /** The row filters the trend follows (a period's report saved from Trends); empty when none. */
  filters: ReportFilters
}

/** The Trends view's row filters. */
export type ReportFilters = Pick<TrendsRequest, 'domain' | 'provider' | 'reason' | 'verdict'>

const TOP_REASONS = 8

type ImportRow = Parameters<typeof toImportSummary>[0] & { list_id: number; seq: number }

const isReason = (value: string): value is Reason => (REASONS as readonly string[]).includes(value)

/** A report's snapshots: the lead-list exports' scope, plus the list a period is about. */
export interface ReportScope extends LeadListScope {
  /** With a date range: the list to report on (default: the list of the range's newest snapshot). */
  listId?: number
  domain?: string
  provider?: string
  reason?: Reason
  verdict?: Verdict
}

/** Reads a report's figures; the scope means what it means for the lead-list exports. */
export function readReportData(db: Db, scope: ReportScope): ReportData {
  const { listId, domain, provider, reason, verdict, ...snapshots } = scope
  const filters: ReportFilters = Object.fromEntries(
    Object.entries({ domain, provider, reason, verdict }).filter(([, value]) => value !== undefined),
  )
  const resolved = createLeadListQueries(db).resolveScope(snapshots)
  const byId = db.prepare<[number], ImportRow>(
    `SELECT ${IMPORT_COLUMNS}, i.list_id, i.seq FROM ${IMPORTS_WITH_LISTS} WHERE i.id = ?`,
  )
  // The period's newest snapshot decides the list the report is about.
  const newestIn = db.prepare<{ from: string; to: string; list: number | null }, ImportRow>(
    `SELECT ${IMPORT_COLUMNS}, i.list_id, i.seq FROM ${IMPORTS_WITH_LISTS}
     WHERE i.snapshot_date >= @from AND i.snapshot_date <= @to AND (@list IS NULL OR i.list_id = @list)
     ORDER BY i.snapshot_date DESC, i.id DESC LIMIT 1`,
  )
  const inList = db.prepare<[number, number], ImportRow>(
    `SELECT ${IMPORT_COLUMNS}, i.list_id, i.seq FROM ${IMPORTS_WITH_LISTS} WHERE i.list_id = ? AND i.seq = ?`,
  )
  const reasonsOf = db.prepare<[number], { key: string; rows: number }>(
    "SELECT key, rows FROM import_counts WHERE import_id = ? AND dimension = 'reason' ORDER BY rows DESC, key",
  )
  const otherListsIn = db.prepare<[string, string, number], { name: string; snapshots: number }>(
    `SELECT l.name, count(*) AS snapshots FROM ${IMPORTS_WITH_LISTS}
     WHERE i.snapshot_date >= ? AND i.snapshot_date <= ? AND i.list_id <> ? GROUP BY l.id ORDER BY l.name`,
  )

  if (listId !== undefined && resolved.kind === 'import') {
    throw new ApiError('bad-request', 'a list goes with a date range, not with one import')
  }
  if (Object.keys(filters).length > 0 && resolved.kind === 'import') {
    throw new ApiError('bad-request', 'filters go with a date range, not with one import')
  }
  const latestRow =
    resolved.kind === 'import'
      ? byId.get(resolved.importId)
      : newestIn.get({ from: resolved.from, to: resolved.to, list: listId ?? null })
  if (!latestRow) {
    // resolveScope found the snapshot or one in the range: only the chosen list can have none.
    const range = resolved.kind === 'range' ? ` between ${resolved.from} and ${resolved.to}` : ''
    throw new ApiError('not-found', `The chosen list has no snapshot${range}.`)
  }
  const previousRow = latestRow.seq > 1 ? (inList.get(latestRow.list_id, latestRow.seq - 1) ?? null) : null
  const latest = toImportSummary(latestRow)
  const previous = previousRow ? toImportSummary(previousRow) : null

  const history = createHistoryQueries(db)
  const extras = createOverviewQueries(db, history).extend(
    { summary: latest, listId: latestRow.list_id, seq: latestRow.seq },
    previousRow && previous ? { summary: previous, listId: previousRow.list_id, seq: previousRow.seq } : null,
  )
  const trend = createTrendQueries(db, history).series({
    listId: latestRow.list_id,
    ...(resolved.kind === 'range' ? { from: resolved.from } : {}),
    to: latest.snapshotDate,
    ...filters,
  }).points

  return {
    scope: resolved,
    listName: latest.listName,
    latest,
    previous,
    comparison: extras.comparison,
    verdicts: extras.verdicts,
    reasonGroups: extras.reasonGroups,
    topReasons: reasonsOf
      .all(latest.id)
      .flatMap((row) => (isReason(row.key) ? [{ reason: row.key, rows: row.rows }] : []))
      .slice(0, TOP_REASONS),
    topDomains: extras.topDomains,
    topProviders: extras.topProviders,
    actionItems: extras.actionItems,
    trend,
    otherLists: resolved.kind === 'range' ? otherListsIn.all(resolved.from, resolved.to, latestRow.list_id) : [],
    filters,
  }
}
