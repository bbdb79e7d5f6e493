import type { ApiErrorShape, FileRef, ImportProgress, ImportSummary } from '../../shared/ipc'

export interface ImportWorkerData {
  dbPath: string
  nativeBinding?: string
  file: FileRef
  snapshotDate?: string
}

export type ImportWorkerProgress = Pick<ImportProgress, 'bytesRead' | 'totalBytes' | 'rows'>

export type FromImportWorker =
  | { type: 'progress'; progress: ImportWorkerProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; error: ApiErrorShape; duplicateOf?: number }

export type ToImportWorker = { type: 'cancel' }

/**
 * V8 lets garbage pile up in a large heap before it collects; an import's live data stays
 * around 30–60 MB, so a bounded heap keeps the process's memory flat without extra GC cost.
 */
export const IMPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32 } as const
