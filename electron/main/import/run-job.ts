import { openDatabase } from '../db/open'
import { toApiError } from '../core/errors'
import { createLog } from '../core/log'
import { DuplicateFileError } from './import-file'
import { JOB_KINDS, jobOf } from './job-kinds'
import type { FromImportWorker, ImportWorkerData } from './worker-protocol'

export interface JobChannel {
  /** Aborted when the user cancels. */
  signal: AbortSignal
  /** Takes a Cancel that is waiting to be delivered, during a long synchronous stretch. */
  pollCancel?: () => void
  post(message: FromImportWorker): void
}

/**
 * Runs one job of `JOB_KINDS` on its own connection and posts what it answered (or `failed`).
 * The import worker's thread runs it (`import-worker.ts`); so does the CLI, in its own thread
 * (`in-process-job.ts`), since it has no window to keep responsive.
 */
export async function runJob(data: ImportWorkerData, channel: JobChannel): Promise<void> {
  try {
    const job = jobOf(data)
    const handler = JOB_KINDS[job.kind]
    if (!handler) throw new Error(`the import worker has no job of kind '${job.kind}'`)
    const db = openDatabase(data.dbPath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {})
    try {
      channel.post(
        await handler(db, job.payload, {
          signal: channel.signal,
          ...(channel.pollCancel ? { pollCancel: channel.pollCancel } : {}),
          progress: (progress) => channel.post({ type: 'progress', progress }),
        }),
      )
    } finally {
      db.close()
    }
  } catch (error) {
    const apiError = toApiError(error)
    // A refused file (duplicate, bad file, cancelled) is the user's business; these are the app's.
    if (data.logFolder && (apiError.code === 'internal' || apiError.code === 'disk-full')) {
      createLog(data.logFolder).error('import failed in the worker', error, { code: apiError.code })
    }
    channel.post({
      type: 'failed',
      error: apiError,
      ...(error instanceof DuplicateFileError ? { duplicateOf: error.duplicateOf } : {}),
    })
  }
}
