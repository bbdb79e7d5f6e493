import type { Worker } from 'node:worker_threads'
import { ApiError, type ApiErrorShape, type FileRef, type ImportOutcome, type ImportSummary } from '../../shared/ipc'
import type {
  FromImportWorker,
  HistoryEdit,
  ImportWorkerData,
  ImportWorkerProgress,
  ToImportWorker,
} from './worker-protocol'

/** Starts `import-worker.ts`; how depends on the runtime (bundled under Electron, tsx under Node). */
export type StartImportWorker = (data: ImportWorkerData) => Worker

export interface RunImportOptions {
  signal?: AbortSignal
  onProgress?: (progress: ImportWorkerProgress) => void
}

type WorkerResult = { ok: true; summary: ImportSummary } | { ok: false; error: ApiErrorShape; duplicateOf?: number }

/** Runs one job in its own thread; resolves with what it reported, never rejects. */
function runWorker(
  start: StartImportWorker,
  data: ImportWorkerData,
  what: string,
  options: RunImportOptions,
): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const worker = start(data)
    let settled = false
    const settle = (result: WorkerResult): void => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', cancel)
      resolve(result)
    }
    const cancel = (): void => worker.postMessage({ type: 'cancel' } satisfies ToImportWorker)
    if (options.signal?.aborted) cancel()
    options.signal?.addEventListener('abort', cancel)
    worker.on('message', (message: FromImportWorker) => {
      if (message.type === 'progress') options.onProgress?.(message.progress)
      else if (message.type === 'done') settle({ ok: true, summary: message.summary })
      else {
        settle({
          ok: false,
          error: message.error,
          ...(message.duplicateOf === undefined ? {} : { duplicateOf: message.duplicateOf }),
        })
      }
    })
    worker.on('error', (error) =>
      settle({ ok: false, error: { code: 'internal', message: `${what} stopped: ${error.message}` } }),
    )
    worker.on('exit', (code) =>
      settle({ ok: false, error: { code: 'internal', message: `${what} stopped unexpectedly (exit code ${code}).` } }),
    )
  })
}

type Setup = Omit<ImportWorkerData, 'file' | 'snapshotDate' | 'edit'>

/** Runs one import in its own thread; resolves with the outcome, never rejects for a bad file. */
export async function runImportWorker(
  start: StartImportWorker,
  data: Setup & { file: FileRef; snapshotDate?: string },
  options: RunImportOptions = {},
): Promise<ImportOutcome> {
  const fileName = data.file.name
  const result = await runWorker(start, data, `${fileName}: the import`, options)
  if (result.ok) return { ok: true, fileName, import: result.summary }
  return {
    ok: false,
    fileName,
    error: result.error,
    ...(result.duplicateOf === undefined ? {} : { duplicateOf: result.duplicateOf }),
  }
}

/** Applies one edit of the history in its own thread; the snapshot as it is afterwards (or as it was, once deleted). */
export async function runEditWorker(start: StartImportWorker, setup: Setup, edit: HistoryEdit): Promise<ImportSummary> {
  const result = await runWorker(start, { ...setup, edit }, `The change to import #${edit.importId}`, {})
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return result.summary
}
