/**
 * Worker-thread entry for one job: an import, an edit of the history, maintenance, or any other
 * kind in `JOB_KINDS`. better-sqlite3 is synchronous, so a large import on Electron's main thread
 * would freeze every window; here it has its own thread and connection.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../db/open'
import { toApiError } from '../core/errors'
import { createLog } from '../core/log'
import { DuplicateFileError } from './import-file'
import { JOB_KINDS, jobOf } from './job-kinds'
import type { FromImportWorker, ImportWorkerData, ToImportWorker } from './worker-protocol'

const port = parentPort
if (!port) throw new Error('import-worker must run in a worker thread')
const data = workerData as ImportWorkerData
const controller = new AbortController()
const post = (message: FromImportWorker): void => port.postMessage(message)

port.on('message', (message: ToImportWorker) => {
  if (message.type === 'cancel') controller.abort()
})

// The listener above runs only when the event loop turns; the end of an import (closing spans, tallies,
// indexes, COMMIT) is one synchronous stretch, so a Cancel clicked during "saving…" is taken off the
// queue here, right before the last check.
const pollCancel = (): void => {
  for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port)) {
    if ((received.message as ToImportWorker).type === 'cancel') controller.abort()
  }
}

try {
  const job = jobOf(data)
  const handler = JOB_KINDS[job.kind]
  if (!handler) throw new Error(`the import worker has no job of kind '${job.kind}'`)
  const db = openDatabase(data.dbPath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {})
  try {
    post(
      await handler(db, job.payload, {
        signal: controller.signal,
        pollCancel,
        progress: (progress) => post({ type: 'progress', progress }),
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
  post({
    type: 'failed',
    error: apiError,
    ...(error instanceof DuplicateFileError ? { duplicateOf: error.duplicateOf } : {}),
  })
} finally {
  port.close()
}
