/**
 * Number formats the history views (Overview, Imports, Trends) share: rates as percentages and
 * their changes in points, and the explorer filter a click-through opens. Reason-group names are
 * in electron/shared/labels.ts (through lib/labels.ts), shared with the HTML report.
 */
import type { ExplorerFilters } from '../../../../electron/shared/ipc'
import type { Router } from '../../lib/router.svelte'

const rateFormat = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
})
const pointsFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** A 0..1 rate as `3.1%`; a dash without one. */
export function formatRate(rate: number | null): string {
  return rate === null ? '–' : rateFormat.format(rate)
}

/** The change between two rates in percentage points: `+2.9 pts`, `−0.4 pts`, `no change`. */
export function formatPoints(now: number | null, before: number | null): string | null {
  if (now === null || before === null) return null
  const points = Math.round((now - before) * 1000) / 10
  if (points === 0) return 'no change'
  return `${points > 0 ? '+' : '\u2212'}${pointsFormat.format(Math.abs(points))} pts`
}

/** The hash detail of the Leads view for a filter (see ExplorerView). */
export type ExplorerLink = ExplorerFilters & { importId: number }

export function openExplorer(router: Router, filter: ExplorerLink): void {
  router.navigate('explorer', JSON.stringify(filter))
}
