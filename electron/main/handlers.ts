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
  type ReportSaveRequest,
  type ReportSaveResponse,
} from '../shared/ipc'
import type { Db } from './db/open'
import { createCodeUsageQueries } from './db/code-usage-queries'
import { createDiffQueries } from './db/diff-queries'
import { createExplorerQueries } from './db/explorer-queries'
import { createImportEditStore } from './db/import-edit-store'
import { createImportStore } from './db/import-store'
import { createQueries } from './db/queries'
import { createTrendQueries } from './db/trend-queries'
import { exportLeadList, suggestLeadListFileName, type LeadListKind } from './export/lead-lists'
import { buildReport, defaultReportFileName, writeReportFile } from './export/report'
import { inspectFile } from './import/inspect'
import {
  runEditWorker,
  runImportWorker,
  runMaintenanceWorker,
  type StartImportWorker,
} from './import/run-import-worker'
import type { Log } from './log'
import { createSettingsHandlers, type DatabaseHost } from './settings/settings-handlers'

export const MAINTENANCE_NOTICE =
  'Bounce Auditor is updating the stored counts of your history for this version. Figures may be incomplete until it finishes; imports wait for it.'

export type Emit = <E extends EventName>(event: E, payload: IpcEvents[E]) => void

export interface HandlerDeps {
  /** The app's long-lived connection, or null when the database could not be opened. */
  db: Db | null
  dbPath: string
  dbError: string | null
  notices: string[]
  /** Set when the database needs its causes classified again or its tallies recounted (see app-context). */
  maintenance?: { staleCauses: number; outdatedImports: number } | null
  /** Imports run in a worker thread with their own connection; this starts one. */
  startImportWorker: StartImportWorker
  nativeBinding?: string
  emit: Emit
  sampleFile: FileRef
  version: string
  shell: 'electron' | 'web'
  /** Where to save an export: the native save dialog in the app, a fixed folder in the preview; null = cancelled. */
  chooseSavePath: ChooseSavePath
  /** Restore, move and erase reopen the database through it; absent in the CLI and some tests. */
  host?: DatabaseHost
  /** The app's log (counts, durations, errors; never lead data). */
  log?: Log
  /** Prints a report's HTML to PDF (Chromium's printToPDF in the app); absent where no Chromium runs. */
  printToPdf?: PrintToPdf
}

export type PrintToPdf = (html: string) => Promise<Uint8Array>

/** What the preview and the CLI answer to a PDF request; the HTML prints to PDF in any browser. */
export const NO_PDF_MESSAGE =
  'PDF is made by the desktop app; save the HTML report and print it to PDF from your browser.'

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
        codes: createCodeUsageQueries(deps.db),
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

  /** What every worker needs to open the same database the app has open. */
  const workerSetup = () => ({
    dbPath: deps.dbPath,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    ...(deps.log?.folder ? { logFolder: deps.log.folder } : {}),
  })

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
          { ...workerSetup(), file, ...(snapshotDate ? { snapshotDate } : {}) },
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
      running = null
    }
    const importIds = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.import.id] : []))
    if (importIds.length > 0) deps.emit('imports:changed', { importIds })
    return outcomes
  }

  function logOutcome(outcome: ImportOutcome, ms: number): void {
    if (outcome.ok) {
      const { rows, invalid, suspended, skipped } = outcome.import
      deps.log?.info('import finished', { rows, invalid, suspended, skipped, ms })
    } else if (outcome.error.code === 'internal' || outcome.error.code === 'disk-full') {
      // The worker logged the error with its stack; this line only places it among the imports.
      deps.log?.warn('import failed', { code: outcome.error.code, ms })
    } else {
      deps.log?.info('import refused', { code: outcome.error.code, ms })
    }
  }

  // Counts queued and running writes, so Settings can refuse to swap the file under one.
  let queued = 0
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    queued += 1
    const next = importQueue.then(work, work)
    importQueue = next.catch(() => undefined)
    void next.then(
      () => (queued -= 1),
      () => (queued -= 1),
    )
    return next
  }

  // A database written by an older app is brought up to date in the worker, first in the queue,
  // so imports wait for it and the window is never held up; until then app:info says so.
  let maintaining = deps.maintenance !== undefined && deps.maintenance !== null
  let maintenanceFailed: string | null = null
  if (maintaining) {
    void enqueue(() => runMaintenanceWorker(deps.startImportWorker, workerSetup()))
      .then(
        (done) => deps.log?.info('stored counts updated', done),
        (error: unknown) => {
          maintenanceFailed = `Bounce Auditor could not update the stored counts of this database: ${error instanceof Error ? error.message : String(error)}. Figures may be incomplete; see Settings › Copy diagnostics.`
          deps.log?.error('updating the stored counts failed', error)
        },
      )
      .finally(() => {
        maintaining = false
        // No ids: every view refreshes, and the app reads app:info (and its notices) again.
        deps.emit('imports:changed', { importIds: [] })
      })
  }
  const notices = (): string[] => [
    ...deps.notices,
    ...(maintaining ? [MAINTENANCE_NOTICE] : []),
    ...(maintenanceFailed ? [maintenanceFailed] : []),
  ]

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

  async function saveReport(request: ReportSaveRequest): Promise<ReportSaveResponse> {
    if (!deps.db) throw new ApiError('db-unavailable', deps.dbError ?? 'The database is not open.')
    const { format, ...scope } = request
    const printToPdf = deps.printToPdf
    if (format === 'pdf' && !printToPdf) throw new ApiError('bad-request', NO_PDF_MESSAGE)
    // Built before the dialog: a bad scope fails first, and the name can carry the list's name.
    const report = await buildReport(deps.db, scope, { appVersion: deps.version })
    const defaultName = defaultReportFileName(report.data.listName, report.data.scope, format)
    const path = await deps.chooseSavePath({
      defaultName,
      filters: [format === 'pdf' ? { name: 'PDF', extensions: ['pdf'] } : { name: 'Web page', extensions: ['html'] }],
    })
    if (path === null) return { saved: false }
    const content = format === 'pdf' && printToPdf ? await printToPdf(report.html) : report.html
    const saved = await writeReportFile(path, defaultName, content)
    return {
      saved: true,
      path: saved,
      format,
      bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength,
    }
  }

  return {
    ...createSettingsHandlers(deps, () => queued > 0 || running !== null),
    'app:info': () => ({
      version: deps.version,
      classifierVersion: CLASSIFIER_VERSION,
      dbPath: deps.dbPath,
      dbError: deps.dbError,
      notices: notices(),
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
    'reports:save': (request) => saveReport(request),
    'imports:report': ({ importId }) => {
      const report = requireQueries().importReport(importId)
      if (!report) throw new ApiError('not-found', `There is no import #${importId}.`)
      return report
    },
    'imports:update': async ({ importId, listName, snapshotDate }) => {
      requireViews()
      // Queued behind a running import: moving a snapshot rewrites its list's spans, as much work
      // as importing it, so that runs in the worker; a rename is one row and stays here.
      const updated = await enqueue(() =>
        snapshotDate === undefined
          ? Promise.resolve(requireViews().edits.update(importId, listName === undefined ? {} : { listName }))
          : runEditWorker(deps.startImportWorker, workerSetup(), {
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
      requireViews()
      // Waits for a running import: both write the same list's spans.
      const deleted = await enqueue(() =>
        runEditWorker(deps.startImportWorker, workerSetup(), { kind: 'delete', importId }),
      )
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
    'codes:usage': () => requireViews().codes.usage(),
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
