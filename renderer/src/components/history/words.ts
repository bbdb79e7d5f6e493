/**
 * The explorer filter a click-through of the history views opens. Rates and points are formatted by
 * electron/shared/format.ts (re-exported here), shared with the HTML report. Reason-group names are
 * in electron/shared/labels.ts (through lib/labels.ts), shared with the HTML report.
 */
import type { ExplorerFilters } from '../../../../electron/shared/ipc'
import type { Router } from '../../lib/router.svelte'

export { formatPoints, formatRate } from '../../../../electron/shared/format'

/** The hash detail of the Leads view for a filter (see ExplorerView). */
export type ExplorerLink = ExplorerFilters & { importId: number }

export function openExplorer(router: Router, filter: ExplorerLink): void {
  router.navigate('explorer', JSON.stringify(filter))
}
