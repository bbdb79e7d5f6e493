/**
 * What every feature's handlers are given. Feature modules (history/, import/, export/,
 * settings/) import these types and export a factory for their own channels; core/handlers.ts
 * composes the factories into the one table. Nothing here imports a feature, so the wiring
 * depends on the features and never the other way round.
 */
import { ApiError, type EventName, type FileRef, type IpcEvents } from '../../shared/ipc'
import type { Db } from '../db/open'
import type { StartImportWorker } from '../import/run-import-worker'
import type { Log } from './log'
import type { WatchService } from '../watch/watch-service'
import type { WriteQueue } from './write-queue'

export type Emit = <E extends EventName>(event: E, payload: IpcEvents[E]) => void

export type PrintToPdf = (html: string) => Promise<Uint8Array>

export type ChooseSavePath = (suggestion: {
  defaultName: string
  filters: { name: string; extensions: string[] }[]
}) => Promise<string | null>

/** Asks where to move the database: the native folder dialog in the app; the typed folder in the preview. */
export type ChooseFolder = (request: { typed: string | undefined; current: string }) => Promise<string | null>

/** What only the shell running the app can do; the app context provides it. */
export interface DatabaseHost {
  /**
   * Closes the app's connection, runs `whileClosed` (file work that needs it closed), opens
   * `dbPath` and rebuilds the handler table. Returns why the database could not be opened, or
   * null. When `whileClosed` throws, the previous file is reopened and the error rethrown.
   */
  reopen(dbPath: string, whileClosed?: () => void): string | null
  /** The JSON file that remembers a moved database; null where nothing is remembered (tests). */
  settingsFile: string | null
  chooseFolder: ChooseFolder
  /** Shows a file (selected in its folder) or opens a folder in the file manager; false where there is none (the preview). */
  reveal: (path: string, kind: 'file' | 'folder') => Promise<boolean>
  /** Writes to the system clipboard from the Node side; null where the renderer copies instead. */
  copyText: ((text: string) => void) | null
}

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
  /** The watched folder, which outlives the table (the app context owns it); absent in the CLI. */
  watch?: WatchService
}

/**
 * The run the user's Cancel (`imports:cancel`) stops. Every import waits in the one write queue,
 * so at most one holds it; a lead import and an activity import take it alike.
 */
export interface CancelSlot {
  /** A fresh controller for the run that starts now; hand it back with `release`. */
  take(): AbortController
  release(controller: AbortController): void
  /** Aborts the run that holds the slot; false when none does. */
  cancel(): boolean
}

export function createCancelSlot(): CancelSlot {
  let running: AbortController | null = null
  return {
    take() {
      running = new AbortController()
      return running
    },
    release(controller) {
      if (running === controller) running = null
    },
    cancel() {
      if (!running) return false
      running.abort()
      return true
    },
  }
}

/** What the table's builder hands each feature besides the deps: the one queue of writes and the Cancel. */
export interface FeatureContext {
  writes: WriteQueue
  cancels: CancelSlot
}

/** The typed error every channel answers while the database is not open. */
export function dbUnavailable(deps: Pick<HandlerDeps, 'dbError'>): ApiError {
  return new ApiError('db-unavailable', deps.dbError ?? 'The database is not open.')
}

/** The connection, or that error. */
export function requireDb(deps: Pick<HandlerDeps, 'db' | 'dbError'>): Db {
  if (!deps.db) throw dbUnavailable(deps)
  return deps.db
}

/** What every worker needs to open the same database the app has open. */
export function workerSetup(deps: HandlerDeps): { dbPath: string; nativeBinding?: string; logFolder?: string } {
  return {
    dbPath: deps.dbPath,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    ...(deps.log?.folder ? { logFolder: deps.log.folder } : {}),
  }
}
