/**
 * Snapshots (imports) in the order the views list them, and the one line that names one in a menu.
 * Every view that picks or lists snapshots sorts with these, so "newest" means the same everywhere.
 */
import type { ImportSummary } from '../../../electron/shared/ipc'
import { formatDay } from '../../../electron/shared/format'

/** Newest snapshot first; among exports of the same day, the latest import first. */
export function newestFirst(a: ImportSummary, b: ImportSummary): number {
  return b.snapshotDate.localeCompare(a.snapshotDate) || b.importedAt.localeCompare(a.importedAt) || b.id - a.id
}

/** Oldest snapshot first (the order of a chart's x-axis). */
export function oldestFirst(a: ImportSummary, b: ImportSummary): number {
  return -newestFirst(a, b)
}

/** A copy of the list, newest first (the list itself may be a query's value: never sorted in place). */
export function byNewest(list: readonly ImportSummary[] | undefined): ImportSummary[] {
  return list ? [...list].sort(newestFirst) : []
}

/** `Nov 20, 2026 · Weekly bounces · export.csv`: a snapshot in a menu. */
export function snapshotLabel(item: ImportSummary): string {
  return `${formatDay(item.snapshotDate)} · ${item.listName} · ${item.fileName}`
}
