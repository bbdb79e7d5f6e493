import { CLASSIFIER_VERSION } from '../shared/classify'
import {
  ApiError,
  type EventName,
  type FileRef,
  type ImportOutcome,
  type IpcEvents,
  type IpcHandlers,
} from '../shared/ipc'
import type { Db } from './db/open'
import { createQueries } from './db/queries'
import { toApiError } from './errors'
import { DuplicateFileError, importFile } from './import/import-file'

export type Emit = <E extends EventName>(event: E, payload: IpcEvents[E]) => void

export interface HandlerDeps {
  /** The app's long-lived connection, or null when the database could not be opened. */
  db: Db | null
  dbPath: string
  dbError: string | null
  /** Opens a separate connection for one import, so its open transaction is never seen by queries. */
  openImportConnection: () => Db
  emit: Emit
  sampleFile: FileRef
  version: string
  shell: 'electron' | 'web'
}

/** The handler table: plain Node, no Electron, shared by the desktop app, the browser preview and tests. */
export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const queries = deps.db ? createQueries(deps.db) : null
  const requireQueries = (): NonNullable<typeof queries> => {
    if (!queries) throw new ApiError('db-unavailable', deps.dbError ?? 'The database is not open.')
    return queries
  }

  // Imports run one at a time: two writers would only queue on SQLite's lock anyway.
  let importQueue: Promise<unknown> = Promise.resolve()

  async function runImports(files: FileRef[], snapshotDate?: string): Promise<ImportOutcome[]> {
    requireQueries()
    const outcomes: ImportOutcome[] = []
    const connection = deps.openImportConnection()
    try {
      for (const [fileIndex, file] of files.entries()) {
        try {
          const summary = await importFile(connection, file, {
            ...(snapshotDate ? { snapshotDate } : {}),
            onProgress: (progress) =>
              deps.emit('imports:progress', { fileName: file.name, fileIndex, fileCount: files.length, ...progress }),
          })
          outcomes.push({ ok: true, fileName: file.name, import: summary })
        } catch (error) {
          const duplicateOf = error instanceof DuplicateFileError ? { duplicateOf: error.duplicateOf } : {}
          outcomes.push({ ok: false, fileName: file.name, error: toApiError(error), ...duplicateOf })
        }
      }
    } finally {
      connection.close()
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

  return {
    'app:info': () => ({
      version: deps.version,
      classifierVersion: CLASSIFIER_VERSION,
      dbPath: deps.dbPath,
      dbError: deps.dbError,
      shell: deps.shell,
    }),
    'imports:list': () => requireQueries().listImports(),
    'overview:get': () => requireQueries().overview(),
    'imports:run': (request) => enqueue(() => runImports(request.files, request.snapshotDate)),
    'imports:sample': async () => {
      const [outcome] = await enqueue(() => runImports([deps.sampleFile]))
      if (!outcome) throw new Error('the sample import produced no outcome')
      return outcome
    },
  }
}
