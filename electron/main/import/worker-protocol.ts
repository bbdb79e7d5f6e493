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
