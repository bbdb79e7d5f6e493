import { EventEmitter } from 'node:events'
import { runJob } from './run-job'
import type { JobThread, StartImportWorker } from './run-import-worker'
import type { FromImportWorker, ImportWorkerData, ToImportWorker } from './worker-protocol'

/**
 * Runs a job on the calling thread instead of a worker: for the CLI, which has no window to keep
 * responsive. A second thread would load every module of an import again, with its own heap and
 * its own TypeScript loader (~1 s of CPU and ~100 MB more per `cli import`; bench/README.md,
 * issue 14). The job's connection is still its own, and everything else is as in the worker:
 * one transaction, the same messages, Cancel between batches.
 */
class InProcessJob extends EventEmitter implements JobThread {
  private readonly controller = new AbortController()

  constructor(data: ImportWorkerData) {
    super()
    // After the caller has attached its listeners, as a worker's first message would be.
    setImmediate(() => {
      runJob(data, {
        signal: this.controller.signal,
        post: (message: FromImportWorker) => this.emit('message', message),
      }).catch((error: unknown) => this.emit('error', error instanceof Error ? error : new Error(String(error))))
    })
  }

  postMessage(message: ToImportWorker): void {
    if (message.type === 'cancel') this.controller.abort()
  }
}

export const startJobInProcess: StartImportWorker = (data) => new InProcessJob(data)
