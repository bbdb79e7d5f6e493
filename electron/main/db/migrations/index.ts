import type { Migration } from './migration'
import { initialSchema } from './0010-initial-schema'
import { headerMappings } from './0020-header-mappings'
import { historyIndexes } from './0030-history-indexes'
import { talliesVersion } from './0050-tallies-version'
import { coveringSpanIndexes } from './0060-covering-span-indexes'
import { causesByProvider } from './0070-causes-by-provider'
import { activityEvents } from './0080-activity-events'
import { activitySettings } from './0081-activity-settings'
import { addressHygiene } from './0090-address-hygiene'
import { activityAggregates } from './0091-activity-aggregates'
import { hygieneSites } from './0092-hygiene-sites'

/** Append only: a shipped migration is never edited, a new one is added instead. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  headerMappings,
  historyIndexes,
  talliesVersion,
  coveringSpanIndexes,
  causesByProvider,
  activityEvents,
  activitySettings,
  addressHygiene,
  activityAggregates,
  hygieneSites,
]
