/**
 * The Overview's two short lists of where the Email Invalid rows are — by domain and by mailbox
 * provider — as `DataTable` columns: what each cell says, what the figures sort on, and the Leads
 * filter a figure opens.
 */
import type { KeyCompared, ProviderCompared } from '../../../../electron/shared/ipc'
import { formatDelta, formatNumber, formatPoints, formatRate } from '../../../../electron/shared/format'
import type { Column } from '../../lib/data-table'
import { providerLabel } from '../../lib/labels'
import type { ExplorerLink } from './words'

export type TopBounceKind = 'domain' | 'provider'
/** A domain's row, or a provider's with its addresses and rate. */
export type TopBounceRow = KeyCompared | ProviderCompared

function isProvider(row: TopBounceRow): row is ProviderCompared {
  return 'rate' in row
}

/** The Leads view's filter behind a row's Email Invalid figure. */
export function topBounceFilter(kind: TopBounceKind, importId: number, key: string): ExplorerLink {
  return kind === 'domain' ? { importId, invalid: true, search: `@${key}` } : { importId, invalid: true, provider: key }
}

/** The change since the previous snapshot: in points for a provider's rate, else in rows (– without one). */
export function topBounceChange(row: TopBounceRow): string {
  const points = isProvider(row) ? formatPoints(row.rate.latest, row.rate.previous) : null
  return points ?? (row.previous === null ? '–' : formatDelta(row.latest - row.previous))
}

/**
 * The columns: the name, the Email Invalid figure (a link, drawn by the table's owner), a provider's
 * rate, and the change. Not sortable: the lists are short and already largest first. `previousLabel` (`Nov 13 export`) names what the change is measured against.
 */
export function topBounceColumns(kind: TopBounceKind, previousLabel: string | undefined): Column<TopBounceRow>[] {
  const columns: Column<TopBounceRow>[] = [
    {
      key: 'key',
      label: kind === 'domain' ? 'Domain' : 'Provider',
      // The provider list has a fourth column (the rate), so its names get less room.
      width: kind === 'domain' ? '44%' : '34%',
      text: (row) => (kind === 'domain' ? row.key : providerLabel(row.key)),
    },
    { key: 'invalid', label: 'Email Invalid', align: 'right' },
  ]
  if (kind === 'provider') {
    columns.push({
      key: 'rate',
      label: 'Rate',
      align: 'right',
      title: 'Email Invalid as a share of the provider’s addresses in the export',
      text: (row) => (isProvider(row) ? formatRate(row.rate.latest) : '–'),
    })
  }
  columns.push({
    key: 'change',
    label: 'Change',
    align: 'right',
    muted: true,
    title: previousLabel ? `Change since the ${previousLabel}` : undefined,
    text: topBounceChange,
  })
  return columns
}

/** The hover text of a provider's rate: the two figures it divides. */
export function rateTitle(row: TopBounceRow): string | undefined {
  return isProvider(row) ? `${formatNumber(row.latest)} of ${formatNumber(row.addresses.latest)} addresses` : undefined
}
