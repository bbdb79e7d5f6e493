import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { CLASSIFIER_VERSION, classify } from '../../shared/classify'
import { ApiError, type IpcHandlers } from '../../shared/ipc'
import { maintenanceNeeded, runMaintenance } from '../db/reclassify'
import { backfillHygiene, hygieneBackfillNeeded } from '../hygiene/lead-hygiene'
import type { Db, OpenOptions } from '../db/open'
import { openDatabaseSafely } from '../db/safe-open'
import type { ChooseSavePath, Emit, PrintToPdf } from './handler-deps'
import { createHandlers } from './handlers'
import type { StartImportWorker } from '../import/run-import-worker'
import type { Log } from './log'
import { SAMPLE_FILE_NAME } from './paths'
import type { ChooseFolder, DatabaseHost } from './handler-deps'
import { readSettings, writeSettings } from '../settings/location'
import { createWatchService, type WatchConfig, type WatchNotice, type WatchService } from '../watch/watch-service'

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
  /** The desktop app prints reports to PDF with Chromium; the preview and the CLI cannot. */
  printToPdf?: PrintToPdf
  /** The JSON file that remembers a moved database (in the app-data folder); omitted by the CLI and tests. */
  settingsFile?: string
  /** Where to move the database: the native folder dialog in the app; default: the folder the user typed. */
  chooseFolder?: ChooseFolder
  /** Shows a path in the file manager (the app's `shell`); default: cannot. */
  reveal?: (path: string, kind: 'file' | 'folder') => Promise<boolean>
  /** The desktop app copies on the Node side, because its renderer is denied clipboard permission. */
  copyText?: (text: string) => void
  log?: Log
  /**
   * Classify causes again and recount tallies after an app update in the worker, behind a notice,
   * instead of before the handlers exist: the desktop app and the preview must open at once even
   * on years of history. The CLI and tests keep it inline (default).
   */
  maintainInWorker?: boolean
  /**
   * Runs the watched folder (Settings) for this app run: the desktop app and the preview; the CLI
   * and most tests leave it out. `notify` shows desktop notifications (the app only).
   */
  watch?: {
    notify?: (notice: WatchNotice) => void
    /** Asks for the folder to watch; default: the typed path. */
    chooseFolder?: ChooseFolder
    /** Tests shorten the wait for a file to stop growing. */
    stableMs?: number
    pollMs?: number
  }
}

export interface AppContext {
  /** The current table. Settings' restore, move and erase rebuild it, so read it for every request. */
  readonly handlers: IpcHandlers
  readonly db: Db | null
  readonly dbPath: string
  readonly dbError: string | null
  /** Things the user should know about the database, e.g. that a damaged file was set aside. */
  readonly notices: string[]
  /** The watched folder, when `watch` was given. */
  readonly watch: WatchService | null
  /** Stops the watched folder and closes the database. */
  close(): void
}

interface OpenState {
  dbPath: string
  db: Db | null
  dbError: string | null
  notices: string[]
  /** What the worker still has to bring up to date (maintainInWorker), else null. */
  maintenance: { staleCauses: number; outdatedImports: number } | null
}

/** Typed folders are all the preview has; the CLI never moves the database. */
const typedFolder: ChooseFolder = async ({ typed }) => {
  if (typed === undefined)
    throw new ApiError('bad-request', 'Type the full path of the folder to move the database to.')
  return typed
}

/**
 * Opens the database and builds the handler table, and owns both: Settings swaps the file
 * through `reopen`, after which a new connection and a new table take over. A database that
 * cannot be opened does not stop the app: the handlers answer with the reason, and the UI shows it.
 */
export function createAppContext(options: AppContextOptions): AppContext {
  const openOptions: OpenOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  const log = options.log

  function open(dbPath: string): OpenState {
    let db: Db | null = null
    let dbError: string | null = null
    let notices: string[] = []
    let maintenance: OpenState['maintenance'] = null
    try {
      mkdirSync(dirname(dbPath), { recursive: true })
      // A damaged file is set aside and a fresh one started; a migration that fails is rolled back
      // from the backup taken just before it. Both leave a notice for the user.
      const opened = openDatabaseSafely(dbPath, openOptions)
      ;({ db, notices } = opened)
      if (opened.migrated) log?.info('database updated', { from: opened.migrated.from, to: opened.migrated.to })
      if (notices.length > 0) log?.warn('database notices on open', { notices: notices.length })
      if (options.maintainInWorker) {
        const needed = maintenanceNeeded(db, CLASSIFIER_VERSION)
        // Address hygiene for a database from before it existed is part of the same pass (issue 17).
        if (needed.staleCauses > 0 || needed.outdatedImports > 0 || hygieneBackfillNeeded(db)) maintenance = needed
      } else {
        runMaintenance(db, CLASSIFIER_VERSION, classify)
        backfillHygiene(db)
      }
    } catch (error) {
      dbError = `The database at ${dbPath} could not be opened: ${error instanceof Error ? error.message : String(error)}`
      log?.error('the database could not be opened', error)
    }
    return { dbPath, db, dbError, notices, maintenance }
  }

  const host: DatabaseHost = {
    reopen(dbPath, whileClosed) {
      const previous = state.dbPath
      state.db?.close()
      try {
        whileClosed?.()
      } catch (error) {
        state = open(previous)
        handlers = build()
        throw error
      }
      state = open(dbPath)
      handlers = build()
      return state.dbError
    },
    settingsFile: options.settingsFile ?? null,
    chooseFolder: options.chooseFolder ?? typedFolder,
    reveal: options.reveal ?? (async () => false),
    copyText: options.copyText ?? null,
  }

  function build(): IpcHandlers {
    return createHandlers({
      db: state.db,
      dbPath: state.dbPath,
      dbError: state.dbError,
      notices: state.notices,
      maintenance: state.maintenance,
      startImportWorker: options.startImportWorker,
      chooseSavePath: options.chooseSavePath,
      ...(options.printToPdf ? { printToPdf: options.printToPdf } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(log ? { log } : {}),
      host,
      ...(watch ? { watch } : {}),
      emit: options.emit,
      sampleFile: { path: join(options.resourcesDir, 'sample', SAMPLE_FILE_NAME), name: SAMPLE_FILE_NAME },
      version: options.version,
      shell: options.shell,
    })
  }

  // Kept across reopen: it reads `handlers` for every file, so it follows a moved database.
  const watch = options.watch ? createFolderWatch(options, () => handlers) : null
  let state = open(options.dbPath)
  let handlers = build()
  if (watch) {
    void watch.start().catch((error: unknown) => log?.error('the watched folder could not be started', error))
  }
  return {
    get handlers() {
      return handlers
    },
    get db() {
      return state.db
    },
    get dbPath() {
      return state.dbPath
    },
    get dbError() {
      return state.dbError
    },
    get notices() {
      return state.notices
    },
    get watch() {
      return watch
    },
    close: () => {
      // The watcher's handles close at once; an import it started is rolled back with the process.
      void watch?.stop()
      state.db?.close()
    },
  }
}

function createFolderWatch(options: AppContextOptions, handlers: () => IpcHandlers): WatchService {
  const settings = options.settingsFile
  // Without a settings file (tests, a preview on another database) the choice lasts this run only.
  let remembered: WatchConfig | null = settings ? (readSettings(settings).watch ?? null) : null
  const chooseFolder = options.watch?.chooseFolder ?? typedFolder
  return createWatchService({
    handlers,
    load: () => remembered,
    save: (config) => {
      remembered = config
      if (settings) writeSettings(settings, { ...readSettings(settings), watch: config })
    },
    chooseFolder: ({ typed, current }) => chooseFolder({ typed, current: current ?? '' }),
    changed: (status) => options.emit('watch:changed', status),
    ...(options.watch?.notify ? { notify: options.watch.notify } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.watch?.stableMs === undefined ? {} : { stableMs: options.watch.stableMs }),
    ...(options.watch?.pollMs === undefined ? {} : { pollMs: options.watch.pollMs }),
  })
}
