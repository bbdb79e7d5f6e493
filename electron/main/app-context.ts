import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { CLASSIFIER_VERSION, classify } from '../shared/classify'
import type { IpcHandlers } from '../shared/ipc'
import { reclassifyStaleCauses } from './db/reclassify'
import { openDatabase, type Db, type OpenOptions } from './db/open'
import { createHandlers, type Emit } from './handlers'
import type { StartImportWorker } from './import/run-import-worker'
import { SAMPLE_FILE_NAME } from './paths'

export interface AppContextOptions {
  dbPath: string
  resourcesDir: string
  version: string
  shell: 'electron' | 'web'
  emit: Emit
  nativeBinding?: string
  /** Bundled worker under Electron, TypeScript source under Node: the caller knows which. */
  startImportWorker: StartImportWorker
}

export interface AppContext {
  handlers: IpcHandlers
  db: Db | null
  dbError: string | null
  close(): void
}

/**
 * Opens the database and builds the handler table. A database that cannot be opened does not
 * stop the app: the handlers answer with the reason, and the UI shows it.
 */
export function createAppContext(options: AppContextOptions): AppContext {
  const openOptions: OpenOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  let db: Db | null = null
  let dbError: string | null = null
  try {
    mkdirSync(dirname(options.dbPath), { recursive: true })
    db = openDatabase(options.dbPath, openOptions)
    reclassifyStaleCauses(db, CLASSIFIER_VERSION, classify)
  } catch (error) {
    dbError = `The database at ${options.dbPath} could not be opened: ${error instanceof Error ? error.message : String(error)}`
  }
  const handlers = createHandlers({
    db,
    dbPath: options.dbPath,
    dbError,
    startImportWorker: options.startImportWorker,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    emit: options.emit,
    sampleFile: { path: join(options.resourcesDir, 'sample', SAMPLE_FILE_NAME), name: SAMPLE_FILE_NAME },
    version: options.version,
    shell: options.shell,
  })
  return {
    handlers,
    db,
    dbError,
    close: () => db?.close(),
  }
}
