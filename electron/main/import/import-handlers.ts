/**
 * The channels that write: imports (one file after another, in the worker, cancellable), the
 * sample, and the snapshot edits (rename, new date, delete). All of them wait in the one write
 * queue the table's builder hands in.
 */
import { type FileRef, type ImportOutcome, type IpcHandlers } from '../../shared/ipc'
import { createImportEditStore } from '../db/import-edit-store'
import { createImportStore } from '../db/import-store'
import { requireDb, workerSetup, type FeatureContext, type HandlerDeps } from '../core/handler-deps'
import { inspectFile } from './inspect'
import { runEditWorker, runImportWorker } from './run-import-worker'

export type ImportChannel =
  'imports:run' | 'imports:sample' | 'imports:cancel' | 'imports:inspect' | 'imports:update' | 'imports:delete'

export function createImportHandlers(
  deps: HandlerDeps,
  { writes, cancels }: FeatureContext,
): Pick<IpcHandlers, ImportChannel> {
  // Prepared on first use: most tables are rebuilt (Settings) before anyone renames a snapshot.
  let edits: ReturnType<typeof createImportEditStore> | null = null
  const editStore = (): ReturnType<typeof createImportEditStore> => (edits ??= createImportEditStore(requireDb(deps)))
  async function runImports(files: FileRef[], snapshotDate?: string): Promise<ImportOutcome[]> {
    requireDb(deps)
    const outcomes: ImportOutcome[] = []
    const controller = cancels.take()
    const startedAt = Date.now()
    try {
      for (const [fileIndex, file] of files.entries()) {
        if (controller.signal.aborted) {
          outcomes.push({
            ok: false,
            fileName: file.name,
            error: { code: 'cancelled', message: `${file.name}: not imported; the import was cancelled.` },
          })
          continue
        }
        const outcome = await runImportWorker(
          deps.startImportWorker,
          { ...workerSetup(deps), file, ...(snapshotDate ? { snapshotDate } : {}) },
          {
            signal: controller.signal,
            onProgress: (progress) =>
              deps.emit('imports:progress', {
                fileName: file.name,
                fileIndex,
                fileCount: files.length,
                elapsedMs: Date.now() - startedAt,
                ...progress,
              }),
          },
        )
        outcomes.push(outcome)
        logOutcome(outcome, Date.now() - startedAt)
      }
    } finally {
      cancels.release(controller)
    }
    const importIds = outcomes.flatMap((outcome) => (outcome.ok && outcome.kind === 'leads' ? [outcome.import.id] : []))
    // Activity files make no snapshot; their views re-read on the event all the same.
    const activities = outcomes.some((outcome) => outcome.ok && outcome.kind === 'activities')
    if (importIds.length > 0 || activities) deps.emit('imports:changed', { importIds })
    return outcomes
  }

  function logOutcome(outcome: ImportOutcome, ms: number): void {
    if (outcome.ok && outcome.kind === 'activities') {
      const { events, newEvents, ignored } = outcome.activities
      deps.log?.info('activity import finished', { events, newEvents, ignored, ms })
    } else if (outcome.ok) {
      const { rows, invalid, suspended, skipped } = outcome.import
      deps.log?.info('import finished', { rows, invalid, suspended, skipped, ms })
    } else if (outcome.error.code === 'internal' || outcome.error.code === 'disk-full') {
      // The worker logged the error with its stack; this line only places it among the imports.
      deps.log?.warn('import failed', { code: outcome.error.code, ms })
    } else {
      deps.log?.info('import refused', { code: outcome.error.code, ms })
    }
  }

  return {
    'imports:run': (request) => writes.enqueue(() => runImports(request.files, request.snapshotDate)),
    'imports:sample': async () => {
      const [outcome] = await writes.enqueue(() => runImports([deps.sampleFile]))
      if (!outcome) throw new Error('the sample import produced no outcome')
      return outcome
    },
    // Stops a lead or an activity import alike (both hold the one cancel slot).
    'imports:cancel': () => ({ cancelled: cancels.cancel() }),
    'imports:inspect': ({ file }) => inspectFile(file, createImportStore(requireDb(deps))),
    'imports:update': async ({ importId, listName, snapshotDate }) => {
      requireDb(deps)
      // Queued behind a running import: moving a snapshot rewrites its list's spans, as much work
      // as importing it, so that runs in the worker; a rename is one row and stays here.
      const updated = await writes.enqueue(() =>
        snapshotDate === undefined
          ? Promise.resolve(editStore().update(importId, listName === undefined ? {} : { listName }))
          : runEditWorker(deps.startImportWorker, workerSetup(deps), {
              kind: 'update',
              importId,
              snapshotDate,
              ...(listName === undefined ? {} : { listName }),
            }),
      )
      deps.emit('imports:changed', { importIds: [importId] })
      return updated
    },
    'imports:delete': async ({ importId }) => {
      requireDb(deps)
      // Waits for a running import: both write the same list's spans.
      const deleted = await writes.enqueue(() =>
        runEditWorker(deps.startImportWorker, workerSetup(deps), { kind: 'delete', importId }),
      )
      deps.emit('imports:changed', { importIds: [importId] })
      return { deleted }
    },
  }
}
