import type { ApiErrorShape, FileRef, ImportProgress, ImportSummary } from '../../shared/ipc'

/**
 * A correction to the history. Moving or deleting a snapshot rewrites its list's spans (about
 * the cost of importing it again), so it runs in the worker too instead of freezing the app.
 */
export type HistoryEdit =
  { kind: 'update'; importId: number; listName?: string; snapshotDate?: string } | { kind: 'delete'; importId: number }

interface WorkerSetup {
  dbPath: string
  nativeBinding?: string
  /** The app's log folder: the worker writes its own errors there, with the stack the parent never sees. */
  logFolder?: string
}

/**
 * What one worker does: import a file, apply an edit to the history, or bring a database opened
 * by a newer app up to date (classify causes again, recount tallies), which can take a minute on
 * years of history and so must not hold up the window.
 */
export type ImportWorkerData = WorkerSetup &
  (
    | { file: FileRef; snapshotDate?: string }
    | { edit: HistoryEdit }
    | { maintain: true }
    /** Any kind in `JOB_KINDS` (job-kinds.ts); the payload must survive structured cloning. */
    | { job: WorkerJob }
  )

export interface WorkerJob {
  kind: string
  payload: unknown
}

export type ImportWorkerProgress = Pick<ImportProgress, 'bytesRead' | 'totalBytes' | 'rows'>

export type FromImportWorker =
  | { type: 'progress'; progress: ImportWorkerProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'maintained'; causes: number; imports: number }
  | { type: 'result'; result: unknown }
  | { type: 'failed'; error: ApiErrorShape; duplicateOf?: number }

export type ToImportWorker = { type: 'cancel' }

/**
 * V8 lets garbage pile up in a large heap before it collects; an import's live data stays
 * around 30–60 MB, so a bounded heap keeps the process's memory flat without extra GC cost.
 */
export const IMPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32 } as const
