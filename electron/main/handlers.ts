import { CLASSIFIER_VERSION } from '../shared/classify'
import {
  ApiError,
  type EventName,
  type FileRef,
  type ImportOutcome,
  type IpcEvents,
  type IpcHandlers,
  type LeadListExportRequest,
  type LeadListExportResponse,
} from '../shared/ipc'
import type { Db } from './db/open'
import { createDiffQueries } from './db/diff-queries'
import { createExplorerQueries } from './db/explorer-queries'
import { createImportEditStore } from './db/import-edit-store'
import { createImportStore } from './db/import-store'
import { createQueries } from './db/queries'
import { createTrendQueries } from './db/trend-queries'
import { exportLeadList, suggestLeadListFileName, type LeadListKind } from './export/lead-lists'
import { inspectFile } from './import/inspect'
import { runImportWorker, type StartImportWorker } from './import/run-import-worker'

export type Emit = <E extends EventName>(event: E, payload: IpcEvents[E]) => void

export interface HandlerDeps {
  /** The app's long-lived connection, or null when the database could not be opened. */
  db: Db | null
  dbPath: string
  dbError: string | null
  notices: string[]
  /** Imports run in a worker thread with their own connection; this starts one. */
  startImportWorker: StartImportWorker
  nativeBinding?: string
  emit: Emit
  sampleFile: FileRef
  version: string
  shell: 'electron' | 'web'
  /** Where to save an export: the native save dialog in the app, a fixed folder in the preview; null = cancelled. */
  chooseSavePath: ChooseSavePath
}

export type ChooseSavePath = (suggestion: {
  defaultName: string
  filters: { name: string; extensions: string[] }[]
}) => Promise<string | null>

/** The handler table: plain Node, no Electron, shared by the desktop app, the browser preview and tests. */
export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const queries = deps.db ? createQueries(deps.db) : null
  const requireQueries = (): NonNullable<typeof queries> => {
    if (!queries) throw new ApiError('db-unavailable', deps.dbError ?? 'The database is not open.')
    return queries
  }
  // The history views' queries, prepared once per connection like `queries`.
  const views = deps.db
    ? {
        trends: queries ? createTrendQueries(deps.db, queries.history) : null,
        explorer: createExplorerQueries(deps.db),
        diff: createDiffQueries(deps.db),
        edits: createImportEditStore(deps.db),
      }
    : null
  const requireViews = (): NonNullable<typeof views> => {
    if (!views) throw new ApiError('db-unavailable', deps.dbError ?? 'The database is not open.')
    return views
  }

  // Imports run one at a time: two writers would only queue on SQLite's lock anyway.
  let importQueue: Promise<unknown> = Promise.resolve()
  let running: AbortController | null = null

  async function runImports(files: FileRef[], snapshotDate?: string): Promise<ImportOutcome[]> {
    requireQueries()
    const outcomes: ImportOutcome[] = []
    const controller = new AbortController()
    running = controller
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
          {
            dbPath: deps.dbPath,
            file,
            ...(snapshotDate ? { snapshotDate } : {}),
            ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
          },
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
      }
    } finally {
      running = null
    }
    const importIds = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.import.id] : []))
    if (importIds.length > 0) deps.emit('imports:changed', { importIds })
    return outcomes
  }

  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = importQueue.then(work, work)
    importQueue = next.catch(() => undefined)
    return next
  }

  async function exportList(kind: LeadListKind, scope: LeadListExportRequest): Promise<LeadListExportResponse> {
    if (!deps.db) throw new ApiError('db-unavailable', deps.dbError ?? 'The database is not open.')
    // Resolving the name first checks the scope, so a bad request fails before a dialog opens.
    const defaultName = suggestLeadListFileName(deps.db, kind, scope)
    const path = await deps.chooseSavePath({
      defaultName,
      filters: [{ name: 'CSV for Excel and Marketo', extensions: ['csv'] }],
    })
    if (path === null) return { saved: false }
    const { rows } = await exportLeadList(deps.db, kind, scope, path)
    return { saved: true, rows, path }
  }

  return {
    'app:info': () => ({
      version: deps.version,
      classifierVersion: CLASSIFIER_VERSION,
      dbPath: deps.dbPath,
      dbError: deps.dbError,
      notices: deps.notices,
      shell: deps.shell,
    }),
    'imports:list': () => requireQueries().listImports(),
    'overview:get': () => requireQueries().overview(),
    'imports:run': (request) => enqueue(() => runImports(request.files, request.snapshotDate)),
    'imports:inspect': ({ file }) => {
      if (!deps.db) throw new ApiError('db-unavailable', deps.dbError ?? 'The database is not open.')
      return inspectFile(file, createImportStore(deps.db))
    },
    'exports:remove-list': (scope) => exportList('remove', scope),
    'exports:review-list': (scope) => exportList('review', scope),
    'imports:report': ({ importId }) => {
      const report = requireQueries().importReport(importId)
      if (!report) throw new ApiError('not-found', `There is no import #${importId}.`)
      return report
    },
    'imports:update': async ({ importId, listName, snapshotDate }) => {
      // Queued behind a running import: moving a snapshot rewrites its list's spans.
      const updated = await enqueue(() =>
        Promise.resolve(
          requireViews().edits.update(importId, {
            ...(listName === undefined ? {} : { listName }),
            ...(snapshotDate === undefined ? {} : { snapshotDate }),
          }),
        ),
      )
      deps.emit('imports:changed', { importIds: [importId] })
      return updated
    },
    'imports:delete': async ({ importId }) => {
      // Waits for a running import: both write the same list's spans.
      const deleted = await enqueue(() => Promise.resolve(requireViews().edits.delete(importId)))
      deps.emit('imports:changed', { importIds: [importId] })
      return { deleted }
    },
    'history:newly-invalid': ({ listId }) => requireQueries().history.newlyInvalid(listId),
    'history:counts': () => requireQueries().history.counts(),
    'trends:series': (request) => {
      const trends = requireViews().trends
      if (!trends) throw new ApiError('db-unavailable', deps.dbError ?? 'The database is not open.')
      return trends.series(request)
    },
    'explorer:page': (request) => requireViews().explorer.page(request),
    'leads:timeline': ({ leadId }) => requireViews().explorer.timeline(leadId),
    'diff:get': ({ importA, importB }) => requireViews().diff.counts(importA, importB),
    'diff:rows': (request) => requireViews().diff.rows(request),
    'imports:cancel': () => {
      const wasRunning = running !== null
      running?.abort()
      return { cancelled: wasRunning }
    },
    'imports:sample': async () => {
      const [outcome] = await enqueue(() => runImports([deps.sampleFile]))
      if (!outcome) throw new Error('the sample import produced no outcome')
      return outcome
    },
  }
}
