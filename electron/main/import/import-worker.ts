/**
 * Worker-thread entry for one import. better-sqlite3 is synchronous, so a large import on
 * Electron's main thread would freeze every window; here it has its own thread and connection.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../db/open'
import { toApiError } from '../errors'
import { DuplicateFileError, importFile } from './import-file'
import type { FromImportWorker, ImportWorkerData, ToImportWorker } from './worker-protocol'

const port = parentPort
if (!port) throw new Error('import-worker must run in a worker thread')
const data = workerData as ImportWorkerData
const controller = new AbortController()
const post = (message: FromImportWorker): void => port.postMessage(message)

port.on('message', (message: ToImportWorker) => {
  if (message.type === 'cancel') controller.abort()
})

try {
  const db = openDatabase(data.dbPath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {})
  try {
    const summary = await importFile(db, data.file, {
      ...(data.snapshotDate ? { snapshotDate: data.snapshotDate } : {}),
      ...(data.file.mapping ? { mapping: data.file.mapping } : {}),
      ...(data.file.dateOrder ? { dateOrder: data.file.dateOrder } : {}),
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
    })
    post({ type: 'done', summary })
  } finally {
    db.close()
  }
} catch (error) {
  post({
    type: 'failed',
    error: toApiError(error),
    ...(error instanceof DuplicateFileError ? { duplicateOf: error.duplicateOf } : {}),
  })
} finally {
  port.close()
}
