import type { ActivityImportSummary } from '../../shared/activity'
import { ApiError, type ApiErrorShape, type FileRef, type ImportOutcome, type ImportSummary } from '../../shared/ipc'
import type {
  FromImportWorker,
  HistoryEdit,
  ImportWorkerData,
  ImportWorkerProgress,
  ToImportWorker,
  WorkerJob,
} from './worker-protocol'

/**
 * What runs one job: a `Worker` thread, or anything that talks like one (the CLI runs jobs in its
 * own thread, `in-process-job.ts`).
 */
export interface JobThread {
  postMessage(message: ToImportWorker): void
  on(event: 'message', listener: (message: FromImportWorker) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'exit', listener: (exitCode: number) => void): unknown
}

/** Starts `import-worker.ts`; how depends on the runtime (bundled under Electron, tsx under Node). */
export type StartImportWorker = (data: ImportWorkerData) => JobThread

export interface RunImportOptions {
  signal?: AbortSignal
  onProgress?: (progress: ImportWorkerProgress) => void
}

type WorkerResult =
  | { ok: true; summary: ImportSummary }
  | { ok: true; maintained: { causes: number; imports: number } }
  | { ok: true; result: unknown }
  | { ok: false; error: ApiErrorShape; duplicateOf?: number }

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
      else if (message.type === 'maintained')
        settle({ ok: true, maintained: { causes: message.causes, imports: message.imports } })
      else if (message.type === 'result') settle({ ok: true, result: message.result })
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

type Setup = Omit<ImportWorkerData, 'file' | 'snapshotDate' | 'edit' | 'maintain' | 'job'>

function summaryOf(result: WorkerResult & { ok: true }, what: string): ImportSummary {
  if ('summary' in result) return result.summary
  throw new ApiError('internal', `${what} answered without a summary.`)
}

/**
 * Runs one import in its own thread; resolves with the outcome, never rejects for a bad file. The
 * worker reads the header first: a Bulk Activity Extract file answers with the activity import's
 * summary instead of a snapshot's (job-kinds.ts).
 */
export async function runImportWorker(
  start: StartImportWorker,
  data: Setup & { file: FileRef; snapshotDate?: string },
  options: RunImportOptions = {},
): Promise<ImportOutcome> {
  const fileName = data.file.name
  const what = `${fileName}: the import`
  const result = await runWorker(start, data, what, options)
  if (result.ok && 'result' in result) {
    return { ok: true, kind: 'activities', fileName, activities: result.result as ActivityImportSummary }
  }
  if (result.ok) return { ok: true, kind: 'leads', fileName, import: summaryOf(result, what) }
  return {
    ok: false,
    fileName,
    error: result.error,
    ...(result.duplicateOf === undefined ? {} : { duplicateOf: result.duplicateOf }),
  }
}

/** Applies one edit of the history in its own thread; the snapshot as it is afterwards (or as it was, once deleted). */
export async function runEditWorker(start: StartImportWorker, setup: Setup, edit: HistoryEdit): Promise<ImportSummary> {
  const what = `The change to import #${edit.importId}`
  const result = await runWorker(start, { ...setup, edit }, what, {})
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return summaryOf(result, what)
}

/** Classifies stored causes again and recounts tallies in its own thread (see runMaintenance). */
export async function runMaintenanceWorker(
  start: StartImportWorker,
  setup: Setup,
): Promise<{ causes: number; imports: number }> {
  const what = 'Updating the stored counts'
  const result = await runWorker(start, { ...setup, maintain: true }, what, {})
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  if ('maintained' in result) return result.maintained
  throw new ApiError('internal', `${what} answered with a summary.`)
}

/**
 * Runs one job of any kind in `JOB_KINDS` (job-kinds.ts) in its own thread: progress and Cancel
 * as for an import; resolves with what the job answered, rejects with its ApiError.
 */
export async function runJobWorker(
  start: StartImportWorker,
  setup: Setup,
  job: WorkerJob,
  options: RunImportOptions = {},
): Promise<unknown> {
  const what = `The ${job.kind} job`
  const result = await runWorker(start, { ...setup, job }, what, options)
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  if ('result' in result) return result.result
  if ('summary' in result) return result.summary
  return result.maintained
}
