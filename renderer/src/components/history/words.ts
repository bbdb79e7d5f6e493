/**
 * Words and number formats the history views (Overview, Imports, Trends) share: reason-group
 * names, rates as percentages, and the explorer filter a click-through opens.
 */
import type { ExplorerFilters, ReasonGroup } from '../../../../electron/shared/ipc'
import type { Router } from '../../lib/router.svelte'

export const REASON_GROUP_LABELS: Record<ReasonGroup, string> = {
  address: 'Bad address',
  mailbox: 'Mailbox unavailable',
  reputation: 'Sender reputation',
  content: 'Content or policy',
  temporary: 'Temporary',
  other: 'Other',
}

/** What each group asks of the marketer, for a title or a legend's hover. */
export const REASON_GROUP_MEANING: Record<ReasonGroup, string> = {
  address: 'The mailbox or its domain does not exist: remove the address.',
  mailbox: 'The address exists but cannot take mail now (full, disabled, over its limit).',
  reputation: 'The receiving server refused the sender: blocklists, authentication, reverse DNS.',
  content: 'The message was refused for what it contained or the receiver’s policy.',
  temporary: 'A passing problem on the way: rate limits, time-outs, server errors.',
  other: 'Causes that fit none of the groups above.',
}

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
