/**
 * The one wiring file: it builds the handler table from each feature's factory. Features never
 * import this file (the dependency check in `npm run lint` says so); what they need from the
 * wiring is in handler-deps.ts.
 */
import { CLASSIFIER_VERSION } from '../../shared/classify'
import { CHANNELS, type IpcHandlers } from '../../shared/ipc'
import { createActivityHandlers } from '../activity/activity-handlers'
import { createExportHandlers } from '../export/export-handlers'
import { createHistoryHandlers } from '../history/history-handlers'
import { createHygieneHandlers } from '../hygiene/hygiene-handlers'
import { createImportHandlers } from '../import/import-handlers'
import { runMaintenanceWorker } from '../import/run-import-worker'
import { createSettingsHandlers } from '../settings/settings-handlers'
import { createWatchHandlers } from '../watch/watch-handlers'
import { createCancelSlot, workerSetup, type FeatureContext, type HandlerDeps } from './handler-deps'
import { createWriteQueue, type WriteQueue } from './write-queue'

export const MAINTENANCE_NOTICE =
  'Bounce Auditor is updating the stored counts of your history for this version. Figures may be incomplete until it finishes; imports wait for it.'

/** The handler table: plain Node, no Electron, shared by the desktop app, the browser preview and tests. */
export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const context: FeatureContext = { writes: createWriteQueue(), cancels: createCancelSlot() }
  const notices = startMaintenance(deps, context.writes)
  const features = [
    {
      'app:info': () => ({
        version: deps.version,
        classifierVersion: CLASSIFIER_VERSION,
        dbPath: deps.dbPath,
        dbError: deps.dbError,
        notices: notices(),
        shell: deps.shell,
      }),
    },
    createHistoryHandlers(deps),
    createImportHandlers(deps, context),
    createExportHandlers(deps),
    createSettingsHandlers(deps, context),
    createActivityHandlers(deps, context),
    createWatchHandlers(deps),
    createHygieneHandlers(deps),
  ] as const
  const [app, history, imports, exports, settings, activity, watch, hygiene] = features
  assertEachChannelOnce(features)
  return {
    ...app,
    ...history,
    ...imports,
    ...exports,
    ...settings,
    ...activity,
    ...watch,
    ...hygiene,
  } satisfies IpcHandlers
}

/**
 * A database written by an older app is brought up to date in the worker, first in the queue,
 * so imports wait for it and the window is never held up; until then app:info says so.
 * Returns the notices app:info shows.
 */
function startMaintenance(deps: HandlerDeps, writes: WriteQueue): () => string[] {
  let maintaining = deps.maintenance !== undefined && deps.maintenance !== null
  let failed: string | null = null
  if (maintaining) {
    void writes
      .enqueue(() => runMaintenanceWorker(deps.startImportWorker, workerSetup(deps)))
      .then(
        (done) => deps.log?.info('stored counts updated', done),
        (error: unknown) => {
          failed = `Bounce Auditor could not update the stored counts of this database: ${error instanceof Error ? error.message : String(error)}. Figures may be incomplete; see Settings › Copy diagnostics.`
          deps.log?.error('updating the stored counts failed', error)
        },
      )
      .finally(() => {
        maintaining = false
        // No ids: every view refreshes, and the app reads app:info (and its notices) again.
        deps.emit('imports:changed', { importIds: [] })
      })
  }
  return () => [...deps.notices, ...(maintaining ? [MAINTENANCE_NOTICE] : []), ...(failed ? [failed] : [])]
}

/** A spread would let a second feature silently replace another's channel; this refuses it. */
function assertEachChannelOnce(features: readonly object[]): void {
  const seen = new Set<string>()
  for (const feature of features) {
    for (const channel of Object.keys(feature)) {
      if (seen.has(channel)) throw new Error(`two features register the channel ${channel}`)
      seen.add(channel)
    }
  }
  const missing = CHANNELS.filter((channel) => !seen.has(channel))
  if (missing.length > 0) throw new Error(`no feature registers ${missing.join(', ')}`)
}
