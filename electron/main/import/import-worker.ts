/**
 * Worker-thread entry for one job: an import, an edit of the history, maintenance, or any other
 * kind in `JOB_KINDS`. better-sqlite3 is synchronous, so a large import on Electron's main thread
 * would freeze every window; here it has its own thread and connection.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { runJob } from './run-job'
import type { ImportWorkerData, ToImportWorker } from './worker-protocol'

const port = parentPort
if (!port) throw new Error('import-worker must run in a worker thread')
const controller = new AbortController()

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
  await runJob(workerData as ImportWorkerData, {
    signal: controller.signal,
    pollCancel,
    post: (message) => port.postMessage(message),
  })
} finally {
  port.close()
}
