/**
 * Worker-thread entry for one import or one edit of the history. better-sqlite3 is synchronous,
 * so a large import on Electron's main thread would freeze every window; here it has its own
 * thread and connection.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { FileRef, ImportSummary } from '../../shared/ipc'
import { CLASSIFIER_VERSION, classify } from '../../shared/classify'
import { createImportEditStore } from '../db/import-edit-store'
import { runMaintenance } from '../db/reclassify'
import { openDatabase, type Db } from '../db/open'
import { toApiError } from '../core/errors'
import { createLog } from '../core/log'
import { DuplicateFileError, importFile } from './import-file'
import type { FromImportWorker, HistoryEdit, ImportWorkerData, ToImportWorker } from './worker-protocol'

const port = parentPort
if (!port) throw new Error('import-worker must run in a worker thread')
const data = workerData as ImportWorkerData
const controller = new AbortController()
const post = (message: FromImportWorker): void => port.postMessage(message)

async function runImport(db: Db, job: { file: FileRef; snapshotDate?: string }): Promise<ImportSummary> {
  return importFile(db, job.file, {
    ...(job.snapshotDate ? { snapshotDate: job.snapshotDate } : {}),
    ...(job.file.mapping ? { mapping: job.file.mapping } : {}),
    ...(job.file.dateOrder ? { dateOrder: job.file.dateOrder } : {}),
    ...(job.file.allowPartial ? { allowPartial: true } : {}),
    signal: controller.signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
  })
}

function applyEdit(db: Db, edit: HistoryEdit): ImportSummary {
  const edits = createImportEditStore(db)
  if (edit.kind === 'delete') return edits.delete(edit.importId)
  return edits.update(edit.importId, {
    ...(edit.listName === undefined ? {} : { listName: edit.listName }),
    ...(edit.snapshotDate === undefined ? {} : { snapshotDate: edit.snapshotDate }),
  })
}

port.on('message', (message: ToImportWorker) => {
  if (message.type === 'cancel') controller.abort()
})

try {
  const db = openDatabase(data.dbPath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {})
  try {
    if ('maintain' in data) post({ type: 'maintained', ...runMaintenance(db, CLASSIFIER_VERSION, classify) })
    else post({ type: 'done', summary: 'edit' in data ? applyEdit(db, data.edit) : await runImport(db, data) })
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
