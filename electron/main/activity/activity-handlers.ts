/**
 * The activity history's channels: importing Bulk Activity Extract files, its counts, the
 * Category review list, a lead's events and the policies.
 */
import { ApiError, type ActivityChannel, type IpcHandlers } from '../../shared/ipc'
import { activityTotals, categoryDisagreements, leadEvents } from '../db/activity-queries'
import { openDatabase } from '../db/open'
import { previewPolicy, snapshotRuleLeads } from '../db/policy-queries'
import { requireDb, type FeatureContext, type HandlerDeps } from '../core/handler-deps'
import { ActivityFileError, ActivityImportCancelledError, importActivities } from './import-activities'
import { writePolicyCsv } from './policy'

export function createActivityHandlers(deps: HandlerDeps, context: FeatureContext): Pick<IpcHandlers, ActivityChannel> {
  return {
    /**
     * Runs on a connection of its own, in the queue of writes, so the app's connection never
     * sees a half-done import and two writers never meet. (Moves to the import worker as a job
     * kind once the worker takes more than lead exports.)
     */
    'activity:import': ({ file }) =>
      context.writes.enqueue(async () => {
        requireDb(deps)
        const db = openDatabase(deps.dbPath, deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {})
        try {
          const summary = await importActivities(db, file.path, { fileName: file.name })
          deps.emit('imports:changed', { importIds: [] })
          return summary
        } catch (error) {
          if (error instanceof ActivityFileError) throw new ApiError('bad-file', error.message)
          if (error instanceof ActivityImportCancelledError) throw new ApiError('cancelled', error.message)
          throw error
        } finally {
          db.close()
        }
      }),
    'activity:summary': () => activityTotals(requireDb(deps)),
    'activity:disagreements': ({ limit }) => categoryDisagreements(requireDb(deps), limit),
    'activity:lead-events': ({ leadId }) => leadEvents(requireDb(deps), leadId),
    'activity:policy-preview': (options) => previewPolicy(requireDb(deps), options),
    'activity:policy-export': async (options) => {
      const preview = previewPolicy(requireDb(deps), options)
      const path = await deps.chooseSavePath({
        defaultName: `bounce-policy-${preview.asOf ?? 'no-events'}.csv`,
        filters: [{ name: 'CSV for Excel and Marketo', extensions: ['csv'] }],
      })
      if (path === null) return { saved: false }
      const rows = await writePolicyCsv(path, preview.leads)
      return { saved: true, rows, path }
    },
    'activity:snapshot-rule': (rule) => snapshotRuleLeads(requireDb(deps), rule),
  }
}
