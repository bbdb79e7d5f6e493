import { Worker } from 'node:worker_threads'
import type { StartImportWorker } from './run-import-worker'
import { IMPORT_WORKER_LIMITS } from './worker-protocol'

const WORKER_SOURCE = new URL('./import-worker.ts', import.meta.url).href

/**
 * Under plain Node (CLI, browser preview, tests) the worker runs from TypeScript source: a tiny
 * bootstrap registers tsx's loader inside the new thread, then imports the real entry. (A
 * `--import tsx` execArgv does not reach worker threads on Node 20.) The Electron build bundles
 * the worker instead; see electron/main/index.ts.
 */
export const startImportWorkerFromSource: StartImportWorker = (workerData) =>
  new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_SOURCE)}) })`,
    { eval: true, workerData, resourceLimits: IMPORT_WORKER_LIMITS },
  )
