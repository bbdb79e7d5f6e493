import type { Worker } from 'node:worker_threads'
import type { ImportOutcome } from '../../shared/ipc'
import type { FromImportWorker, ImportWorkerData, ImportWorkerProgress, ToImportWorker } from './worker-protocol'

/** Starts `import-worker.ts`; how depends on the runtime (bundled under Electron, tsx under Node). */
export type StartImportWorker = (data: ImportWorkerData) => Worker

export interface RunImportOptions {
  signal?: AbortSignal
  onProgress?: (progress: ImportWorkerProgress) => void
}

/** Runs one import in its own thread; resolves with the outcome, never rejects for a bad file. */
export function runImportWorker(
  start: StartImportWorker,
  data: ImportWorkerData,
  options: RunImportOptions = {},
): Promise<ImportOutcome> {
  const fileName = data.file.name
  return new Promise((resolve) => {
    const worker = start(data)
    let settled = false
    const settle = (outcome: ImportOutcome): void => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', cancel)
      resolve(outcome)
    }
    const cancel = (): void => worker.postMessage({ type: 'cancel' } satisfies ToImportWorker)
    if (options.signal?.aborted) cancel()
    options.signal?.addEventListener('abort', cancel)
    worker.on('message', (message: FromImportWorker) => {
      if (message.type === 'progress') options.onProgress?.(message.progress)
      else if (message.type === 'done') settle({ ok: true, fileName, import: message.summary })
      else {
        settle({
          ok: false,
          fileName,
          error: message.error,
          ...(message.duplicateOf === undefined ? {} : { duplicateOf: message.duplicateOf }),
        })
      }
    })
    worker.on('error', (error) =>
      settle({
        ok: false,
        fileName,
        error: { code: 'internal', message: `${fileName}: the import stopped: ${error.message}` },
      }),
    )
    worker.on('exit', (code) =>
      settle({
        ok: false,
        fileName,
        error: { code: 'internal', message: `${fileName}: the import stopped unexpectedly (exit code ${code}).` },
      }),
    )
  })
}
