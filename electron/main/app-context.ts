import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { CLASSIFIER_VERSION, classify } from '../shared/classify'
import type { IpcHandlers } from '../shared/ipc'
import { reclassifyStaleCauses } from './db/reclassify'
import type { Db, OpenOptions } from './db/open'
import { openDatabaseSafely } from './db/safe-open'
import { createHandlers, type ChooseSavePath, type Emit } from './handlers'
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
  chooseSavePath: ChooseSavePath
}

export interface AppContext {
  handlers: IpcHandlers
  db: Db | null
  dbError: string | null
  /** Things the user should know about the database, e.g. that a damaged file was set aside. */
  notices: string[]
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
  let notices: string[] = []
  try {
    mkdirSync(dirname(options.dbPath), { recursive: true })
    // A damaged file is set aside and a fresh one started; a migration that fails is rolled back
    // from the backup taken just before it. Both leave a notice for the user.
    ;({ db, notices } = openDatabaseSafely(options.dbPath, openOptions))
    reclassifyStaleCauses(db, CLASSIFIER_VERSION, classify)
  } catch (error) {
    dbError = `The database at ${options.dbPath} could not be opened: ${error instanceof Error ? error.message : String(error)}`
  }
  const handlers = createHandlers({
    db,
    dbPath: options.dbPath,
    dbError,
    notices,
    startImportWorker: options.startImportWorker,
    chooseSavePath: options.chooseSavePath,
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
    notices,
    close: () => db?.close(),
  }
}
