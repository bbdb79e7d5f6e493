/**
 * Saving the remove and review lists, shared by every place that offers it: which channel, the
 * words for the result, and the checks a date range needs before the Node side is asked.
 */
import type { LeadListExportRequest } from '../../../electron/shared/ipc'
import { formatDay, formatNumber, invoke } from './api'
import { describeSave, type SaveResult } from './save-result'

export type LeadListKind = 'remove' | 'review'

export const LEAD_LIST_KINDS: readonly LeadListKind[] = ['remove', 'review']

const CHANNEL = { remove: 'exports:remove-list', review: 'exports:review-list' } as const
const WHAT = {
  remove: ['address to remove', 'addresses to remove'],
  review: ['lead to review', 'leads to review'],
} as const

/** Asks the Node side for the save dialog and the file; null when the user closed the dialog. */
export function saveLeadList(kind: LeadListKind, scope: LeadListExportRequest): Promise<SaveResult | null> {
  return describeSave(
    invoke(CHANNEL[kind], scope),
    (saved) => `Saved ${formatNumber(saved.rows)} ${WHAT[kind][saved.rows === 1 ? 0 : 1]} to ${saved.path}`,
  )
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * What is wrong with a range, in words, or null when it can be exported. `snapshotDates` are the
 * imported snapshots' days: a range that holds none of them would only earn an error later.
 */
export function rangeProblem(from: string, to: string, snapshotDates: readonly string[]): string | null {
  if (!ISO_DAY.test(from)) return 'Choose the first day of the range.'
  if (!ISO_DAY.test(to)) return 'Choose the last day of the range.'
  if (from > to) return `The range starts after it ends (${formatDay(from)} is after ${formatDay(to)}).`
  if (!snapshotDates.some((day) => day >= from && day <= to)) return 'No snapshot was taken in this range.'
  return null
}

/** How many of the snapshots fall in the range, both ends included. */
export function snapshotsInRange(from: string, to: string, snapshotDates: readonly string[]): number {
  return snapshotDates.filter((day) => day >= from && day <= to).length
}
