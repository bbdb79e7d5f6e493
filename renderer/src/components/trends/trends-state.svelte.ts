/**
 * The Trends view's logic: the form's filters as a `trends:series` request, the menus' choices from
 * the unfiltered series, the four charts' datasets, and what a click on a point opens in Leads.
 * Pure over the series the view reads; the view keeps the queries and the router.
 */
import type {
  ExplorerFilters,
  ReasonGroup,
  TrendPoint,
  TrendSeries,
  TrendsRequest,
} from '../../../../electron/shared/ipc'
import { REASON_GROUPS } from '../../../../electron/shared/ipc'
import { REASONS, VERDICTS, type Reason, type Verdict } from '../../../../electron/shared/classify/types'
import { providerLabel, REASON_GROUP_LABELS } from '../../lib/labels'
import type { ExplorerLink } from '../history/words'
import { NO_FILTERS, type TrendDataset, type TrendFilterValues } from './trend-values'

/** Series drawn per breakdown before the rest is summed as "N more". */
export const TOP_KEYS = 5
const PALETTE = ['--accent', '--verdict-fix-sending', '--verdict-retry', '--success', '--verdict-remove'] as const
const GROUP_COLOR: Record<ReasonGroup, string> = {
  address: '--verdict-remove',
  mailbox: '--success',
  reputation: '--verdict-fix-sending',
  content: '--accent',
  temporary: '--verdict-retry',
  other: '--verdict-review',
}

export type Breakdown = 'byProvider' | 'byDomain' | 'byReply' | 'byStatus'
export const BREAKDOWNS: readonly { key: Breakdown; label: string }[] = [
  { key: 'byProvider', label: 'Provider' },
  { key: 'byDomain', label: 'Domain' },
  { key: 'byReply', label: 'Reply code' },
  { key: 'byStatus', label: 'Enhanced code' },
]

/** The menus offer at most this many domains (the commonest). */
const DOMAIN_OPTIONS = 200

function isReason(value: string): value is Reason {
  return (REASONS as readonly string[]).includes(value)
}

function isVerdict(value: string): value is Verdict {
  return (VERDICTS as readonly string[]).includes(value)
}

/** The request for the form's values; without filters, only the list (what the menus offer). */
export function trendsRequest(values: TrendFilterValues, withFilters: boolean): TrendsRequest {
  const listId = Number(values.listId)
  const base: TrendsRequest = {
    ...(Number.isInteger(listId) && listId > 0 ? { listId } : {}),
    // The menus offer what the charts count by: registrable domains, or domains as written.
    ...(values.subdomains === 'exact' ? { exactDomains: true } : {}),
  }
  if (!withFilters) return base
  return {
    ...base,
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
    ...(values.domain ? { domain: values.domain } : {}),
    ...(values.provider ? { provider: values.provider } : {}),
    ...(isReason(values.reason) ? { reason: values.reason } : {}),
    ...(isVerdict(values.verdict) ? { verdict: values.verdict } : {}),
  }
}

/** The keys of one breakdown, most rows (over every snapshot) first, then by name. */
export function keysOf(field: 'byReason' | Breakdown, from: readonly TrendPoint[]): string[] {
  const totals: Record<string, number> = {}
  for (const point of from) {
    for (const [key, rows] of Object.entries(point[field])) totals[key] = (totals[key] ?? 0) + rows
  }
  return Object.entries(totals)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key]) => key)
}

/** A menu's keys, with the chosen one kept even when the data no longer holds it. */
export function withSelected(keys: string[], selected: string): string[] {
  return selected === '' || keys.includes(selected) ? keys : [...keys, selected]
}

export function rateSets(points: readonly TrendPoint[]): TrendDataset[] {
  return [
    { key: 'invalid', label: 'Email Invalid', color: '--verdict-remove', data: points.map((p) => p.invalidRate) },
    { key: 'suspended', label: 'Email Suspended', color: '--verdict-retry', data: points.map((p) => p.suspendedRate) },
  ]
}

/** One stacked series per reason group that has any rows. */
export function groupSets(points: readonly TrendPoint[]): TrendDataset[] {
  return REASON_GROUPS.filter((group) => points.some((p) => p.byReasonGroup[group] > 0)).map((group) => ({
    key: group,
    label: REASON_GROUP_LABELS[group],
    color: GROUP_COLOR[group],
    data: points.map((p) => p.byReasonGroup[group]),
  }))
}

/** The commonest keys of a breakdown, one series each, and the rest summed (key '') as "N more". */
export function breakdownSets(points: readonly TrendPoint[], breakdown: Breakdown): TrendDataset[] {
  const ranked = keysOf(breakdown, points)
  const top = ranked.slice(0, TOP_KEYS)
  const sets: TrendDataset[] = top.map((key, index) => ({
    key,
    label: breakdown === 'byProvider' ? providerLabel(key) : key,
    color: PALETTE[index % PALETTE.length] ?? '--accent',
    data: points.map((p) => p[breakdown][key] ?? 0),
  }))
  if (ranked.length > TOP_KEYS) {
    sets.push({
      key: '',
      label: `${ranked.length - TOP_KEYS} more`,
      color: '--verdict-review',
      data: points.map((p) => {
        const shown = top.reduce((sum, key) => sum + (p[breakdown][key] ?? 0), 0)
        return Object.values(p[breakdown]).reduce((sum, rows) => sum + rows, 0) - shown
      }),
    })
  }
  return sets
}

export function changeSets(points: readonly TrendPoint[]): TrendDataset[] {
  return [
    { key: 'newlyInvalid', label: 'Newly invalid', color: '--verdict-remove', data: points.map((p) => p.newlyInvalid) },
    { key: 'recovered', label: 'Recovered', color: '--success', data: points.map((p) => p.recovered) },
  ]
}

/** The Leads filters for what the trends are filtered by (from/to pick the snapshot instead). */
export function rowFilters(values: TrendFilterValues): ExplorerFilters {
  const request = trendsRequest(values, true)
  return {
    ...(request.domain ? { search: `@${request.domain}` } : {}),
    ...(request.provider ? { provider: request.provider } : {}),
    ...(request.reason ? { reason: request.reason } : {}),
    ...(request.verdict ? { verdict: request.verdict } : {}),
  }
}

/** What a point of the breakdown chart opens: its Email Invalid rows with that key ('' is "the rest"). */
export function breakdownFilters(breakdown: Breakdown, key: string): ExplorerFilters {
  if (key === '') return { invalid: true }
  if (breakdown === 'byProvider') return { invalid: true, provider: key }
  if (breakdown === 'byDomain') return { invalid: true, search: `@${key}` }
  return { invalid: true, code: key }
}

export class TrendsState {
  filters = $state<TrendFilterValues>({ ...NO_FILTERS })
  breakdown = $state<Breakdown>('byProvider')

  /**
   * @param series the figures under the filters (`trends:series`)
   * @param unfiltered the same list without filters: what the menus offer
   */
  constructor(
    private readonly series: () => TrendSeries | undefined,
    private readonly unfiltered: () => TrendSeries | undefined,
  ) {}

  readonly points = $derived.by(() => this.series()?.points ?? [])
  readonly options = $derived.by(() => this.unfiltered()?.points ?? [])
  readonly providerOptions = $derived(withSelected(keysOf('byProvider', this.options), this.filters.provider))
  readonly reasonOptions = $derived(withSelected(keysOf('byReason', this.options), this.filters.reason))
  readonly domainOptions = $derived(keysOf('byDomain', this.options).slice(0, DOMAIN_OPTIONS))

  readonly rateSets = $derived(rateSets(this.points))
  readonly groupSets = $derived(groupSets(this.points))
  readonly breakdownSets = $derived(breakdownSets(this.points, this.breakdown))
  readonly changeSets = $derived(changeSets(this.points))
  readonly breakdownLabel = $derived(BREAKDOWNS.find((entry) => entry.key === this.breakdown)?.label ?? '')

  readonly first = $derived(this.points[0])
  readonly latest = $derived(this.points.at(-1))

  /** The request for the charts (and the report): the form's filters. */
  request(): TrendsRequest {
    return trendsRequest(this.filters, true)
  }

  /** The Leads filters for a point: its snapshot, the trends' filters and what the chart adds. */
  pick(index: number, extra: ExplorerFilters): ExplorerLink | null {
    const point = this.points[index]
    return point ? { importId: point.importId, ...rowFilters(this.filters), ...extra } : null
  }

  pickBreakdown(index: number, key: string): ExplorerLink | null {
    return this.pick(index, breakdownFilters(this.breakdown, key))
  }
}
