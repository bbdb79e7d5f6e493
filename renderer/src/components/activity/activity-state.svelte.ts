/**
 * The Activity view's logic, apart from its markup: the policy the user edits (tiers, toggles,
 * as-of day) and the request it makes, the snapshot rule's request, and the words and figures the
 * tables show (totals, series names, a cell of the bounces over time).
 */
import type {
  ActivityBreakdown,
  ActivityTotals,
  BounceRate,
  BreakdownBy,
  BreakdownCell,
  PolicyAction,
  PolicyOptions,
  PolicyTier,
  SnapshotRule,
  TrendBucket,
} from '../../../../electron/shared/activity'
import { MAX_POLICY_TIERS } from '../../../../electron/shared/validate-activity'
import { formatNumber, formatPercent } from '../../lib/api'
import { providerShortLabel, verdictLabel } from '../../lib/labels'
import { MARKETO_CATEGORIES } from '../../../../electron/shared/marketo-categories'

export const ACTION_LABELS: Record<PolicyAction, string> = {
  review: 'Review',
  suspend: 'Suspend',
  remove: 'Remove',
}

export const LEVEL_LABELS: Record<BounceRate['level'], string> = {
  ok: '',
  'look-closer': 'Look closer',
  'data-problem': 'Data problem',
}

/** The tiers Marketo's community describes: 2 hard or 4 soft in 30 days → suspend; 6 or 12 in 90 → remove. */
export function defaultTiers(): PolicyTier[] {
  return [
    { hard: 2, soft: 4, days: 30, action: 'suspend' },
    { hard: 6, soft: 12, days: 90, action: 'remove' },
  ]
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The request for `activity:policy-preview` and `-export`. Number inputs hand over numbers (or
 * '' while being typed), so each field is read as a number; an unfinished date is left out, and
 * the Node side's as-of default (the latest event's day) applies.
 */
export function policyOptions(
  tiers: readonly PolicyTier[],
  flags: { countCategoryless: boolean; countSenderSide: boolean; asOf: string },
): PolicyOptions {
  return {
    tiers: tiers.map((tier) => ({
      hard: Number(tier.hard),
      soft: Number(tier.soft),
      days: Number(tier.days),
      action: tier.action,
    })),
    ...(flags.countCategoryless ? { countCategoryless: true } : {}),
    ...(flags.countSenderSide ? { countSenderSide: true } : {}),
    ...(ISO_DAY.test(flags.asOf) ? { asOf: flags.asOf } : {}),
  }
}

/** The policy being edited; the preview re-runs whenever `options` changes. */
export class PolicyState {
  tiers = $state<PolicyTier[]>(defaultTiers())
  countCategoryless = $state(false)
  countSenderSide = $state(false)
  /** YYYY-MM-DD, or '' for the latest event's day. */
  asOf = $state('')

  readonly options = $derived.by(() =>
    policyOptions(this.tiers, {
      countCategoryless: this.countCategoryless,
      countSenderSide: this.countSenderSide,
      asOf: this.asOf,
    }),
  )
  readonly canAddTier = $derived(this.tiers.length < MAX_POLICY_TIERS)
  readonly canRemoveTier = $derived(this.tiers.length > 1)

  addTier(): void {
    if (this.canAddTier) this.tiers.push({ hard: 1, soft: 0, days: 7, action: 'review' })
  }

  removeTier(index: number): void {
    if (this.canRemoveTier) this.tiers.splice(index, 1)
  }
}

/** The snapshot rule's request, or null while K and N do not make one (K ≥ 1, N ≥ K). */
export function snapshotRuleRequest(k: number | string, n: number | string): SnapshotRule | null {
  const [kk, nn] = [Number(k), Number(n)]
  if (!Number.isInteger(kk) || !Number.isInteger(nn) || kk < 1 || nn < kk) return null
  return { k: kk, n: nn, action: 'review' }
}

/** One sentence on what is stored, or how to start when nothing is. */
export function totalsSentence(totals: ActivityTotals): string {
  if (totals.events === 0) {
    return 'No activity yet. Export Email Bounced, Email Bounced Soft, Send Email and Email Delivered activities with Marketo’s Bulk Activity Extract and import the file here (or drop it anywhere in the window); overlapping date windows are fine.'
  }
  const files = `${formatNumber(totals.files)} ${totals.files === 1 ? 'file' : 'files'}`
  return (
    `${formatNumber(totals.events)} events from ${files}, ${totals.from} to ${totals.to}: ` +
    `${formatNumber(totals.bounced)} Email Bounced, ${formatNumber(totals.bouncedSoft)} Email Bounced Soft, ` +
    `${formatNumber(totals.send)} sends and ${formatNumber(totals.delivered)} deliveries for ` +
    `${formatNumber(totals.leads)} leads.`
  )
}

export const BREAKDOWN_LABELS: Record<BreakdownBy, string> = {
  verdict: 'our verdict',
  category: 'Marketo Category',
  provider: 'provider',
  domain: 'domain',
}

/** A series' column title: a verdict's or provider's name, a Category's number and name. */
export function seriesLabel(by: BreakdownBy, key: string): string {
  if (key === 'other') return by === 'provider' ? 'Other providers' : 'Other'
  if (key === '(unknown)') return 'Address unknown'
  if (key === '(no text)') return 'No bounce text'
  if (by === 'verdict') return verdictLabel(key)
  if (by === 'provider') return providerShortLabel(key)
  if (by === 'category') {
    const category = key === 'none' ? null : Number(key)
    const info = MARKETO_CATEGORIES.find((entry) => entry.category === category)
    return category === null ? 'No category' : `${category} ${info?.name ?? 'Other category'}`
  }
  return key
}

/**
 * One cell of the bounces over time: the count, and for a provider or domain with sends the
 * hard-bounce rate (hard bounces per send, as in the rate table). Empty for nothing at all.
 */
export function cellText(cell: BreakdownCell, withRate: boolean): string {
  if (cell.bounces === 0 && (!withRate || cell.sends === 0)) return ''
  const count = formatNumber(cell.bounces)
  return withRate && cell.sends > 0 ? `${count} · ${formatPercent(cell.hard, cell.sends)} hard` : count
}

/** Whether the cells carry a rate: a provider or domain split, with sends imported. */
export function showsRate(breakdown: Pick<ActivityBreakdown, 'by' | 'withSends'>): boolean {
  return (breakdown.by === 'provider' || breakdown.by === 'domain') && breakdown.withSends
}

export function periodLabel(bucket: TrendBucket): string {
  return bucket === 'week' ? 'Week of' : 'Day'
}

export type BreakdownPoint = ActivityBreakdown['points'][number]

/**
 * The part of DataTable's `Column` these columns use. Declared here, not imported from
 * DataTable.svelte, so the Node-side typecheck (which reads the unit test) needs no Svelte plugin;
 * it fits `Column<BreakdownPoint>` as it is.
 */
export interface BreakdownColumn {
  key: string
  label: string
  width?: string
  align?: 'left' | 'right'
  text: (point: BreakdownPoint) => string
}

/** The period, one column per series, and the period's total of bounces. */
export function breakdownColumns(breakdown: ActivityBreakdown, bucket: TrendBucket): BreakdownColumn[] {
  const withRate = showsRate(breakdown)
  return [
    { key: 'period', label: periodLabel(bucket), width: '120px', text: (point) => point.period },
    ...breakdown.keys.map((key, index): BreakdownColumn => ({
      key: `series-${index}`,
      label: seriesLabel(breakdown.by, key),
      align: 'right',
      text: (point) => {
        const cell = point.cells[index]
        return cell ? cellText(cell, withRate) : ''
      },
    })),
    { key: 'total', label: 'All bounces', width: '110px', align: 'right', text: (point) => formatNumber(point.total) },
  ]
}
