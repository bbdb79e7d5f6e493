import { Worker } from 'node:worker_threads'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

/**
 * The built import worker (out/main, what the packaged app starts) must load under Node: electron-vite
 * leaves packages outside the bundle, so a package's JSON imported the ESM way fails here exactly as it
 * would in Electron at start-up, and the source-run tests cannot see it.
 */
test('the built import worker loads its modules', async () => {
  const worker = new Worker(join(import.meta.dirname, '..', '..', 'out', 'main', 'import-worker.js'))
  // Started without a job, the worker stops on its missing job data — but only after every module loaded.
  // A module that cannot load fails first, with a Node error code (ERR_IMPORT_ATTRIBUTE_MISSING,
  // ERR_MODULE_NOT_FOUND …) or a SyntaxError.
  const failure = await new Promise<(Error & { code?: string }) | null>((resolve) => {
    worker.once('error', (error) => resolve(error))
    worker.once('exit', () => resolve(null))
    setTimeout(() => resolve(null), 5_000)
  })
  await worker.terminate()
  expect(failure?.code, failure?.message).toBeUndefined()
  expect(failure?.name, failure?.message).not.toBe('SyntaxError')
})
