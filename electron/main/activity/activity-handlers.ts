/**
 * The activity history's channels: importing Bulk Activity Extract files, its counts, the
 * Category review list, a lead's events and the policies.
 */
import type { ActivityImportSummary } from '../../shared/activity'
import type { ActivityChannel, IpcHandlers } from '../../shared/ipc'
import { activityTotals, categoryDisagreements, leadEvents } from '../db/activity-queries'
import { previewPolicy, snapshotRuleLeads } from '../db/policy-queries'
import { activityBreakdown, activityTrends, bounceRates, readThresholds, saveThresholds } from '../db/activity-trends'
import { providerFromDomain } from '../../shared/classify/provider'
import { requireDb, workerSetup, type FeatureContext, type HandlerDeps } from '../core/handler-deps'
import { runJobWorker } from '../import/run-import-worker'
import type { ActivityJobPayload } from './activity-job'
import { writePolicyCsv } from './policy'

export function createActivityHandlers(deps: HandlerDeps, context: FeatureContext): Pick<IpcHandlers, ActivityChannel> {
  return {
    /** In the import worker, in the queue of writes: the app's connection never sees a half-done import. */
    'activity:import': ({ file }) =>
      context.writes.enqueue(async () => {
        requireDb(deps)
        const started = performance.now()
        const payload: ActivityJobPayload = { path: file.path, name: file.name }
        // imports:cancel reaches it as it reaches a lead import; the worker rolls the file back.
        const controller = context.cancels.take()
        try {
          const summary = (await runJobWorker(
            deps.startImportWorker,
            workerSetup(deps),
            { kind: 'activities', payload },
            {
              signal: controller.signal,
              onProgress: (progress) =>
                deps.emit('imports:progress', {
                  fileName: file.name,
                  fileIndex: 0,
                  fileCount: 1,
                  ...progress,
                  elapsedMs: performance.now() - started,
                }),
            },
          )) as ActivityImportSummary
          deps.emit('imports:changed', { importIds: [] })
          return summary
        } finally {
          context.cancels.release(controller)
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
    'activity:trends': ({ bucket }) => activityTrends(requireDb(deps), bucket),
    'activity:bounce-rates': ({ group }) => bounceRates(requireDb(deps), group, providerFromDomain),
    'activity:breakdown': ({ bucket, by }) => activityBreakdown(requireDb(deps), bucket, by, providerFromDomain),
    'activity:thresholds': () => readThresholds(requireDb(deps)),
    'activity:set-thresholds': (thresholds) =>
      context.writes.enqueue(async () => saveThresholds(requireDb(deps), thresholds)),
  }
}
