import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/main/db/open'
import { startJobInProcess } from '../../../electron/main/import/in-process-job'
import { runImportWorker } from '../../../electron/main/import/run-import-worker'
import { startImportWorkerFromSource } from '../../../electron/main/import/start-worker-node'
import { CSV_FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const FILE = {
  path: join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'),
  name: 'weekly-deliverability-2026-11-13.csv',
}

/** Every table an import writes, as rows, so two databases can be compared whole. */
function stored(dbPath: string): Record<string, unknown[]> {
  const db = openDatabase(dbPath)
  try {
    const tables = ['leads', 'open_spans', 'closed_spans', 'causes', 'import_counts', 'lead_hygiene']
    return Object.fromEntries(
      tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all()]),
    )
  } finally {
    db.close()
  }
}

describe('a job run on the calling thread (the CLI)', () => {
  it('stores exactly what the worker thread stores, and answers the same', async () => {
    const inProcess = join(tempDir(), 'in-process.db')
    const inWorker = join(tempDir(), 'worker.db')
    const here = await runImportWorker(startJobInProcess, { dbPath: inProcess, file: FILE, snapshotDate: '2026-11-13' })
    const there = await runImportWorker(startImportWorkerFromSource, {
      dbPath: inWorker,
      file: FILE,
      snapshotDate: '2026-11-13',
    })
    expect(here.ok).toBe(true)
    const withoutTime = (outcome: typeof here): unknown =>
      outcome.ok && outcome.kind === 'leads' ? { ...outcome.import, importedAt: null } : outcome
    expect(withoutTime(here)).toEqual(withoutTime(there))
    expect(stored(inProcess)).toEqual(stored(inWorker))
    expect(stored(inProcess)['leads']?.length).toBeGreaterThan(0)
  }, 60_000)

  it('refuses the same file the second time, naming the first import', async () => {
    const dbPath = join(tempDir(), 'app.db')
    const first = await runImportWorker(startJobInProcess, { dbPath, file: FILE })
    const second = await runImportWorker(startJobInProcess, { dbPath, file: FILE })
    expect(first.ok).toBe(true)
    expect(second).toMatchObject({ ok: false, error: { code: 'duplicate' }, duplicateOf: 1 })
  })

  it('leaves nothing behind when cancelled', async () => {
    const dbPath = join(tempDir(), 'app.db')
    const controller = new AbortController()
    const running = runImportWorker(startJobInProcess, { dbPath, file: FILE }, { signal: controller.signal })
    controller.abort()
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    const db = openDatabase(dbPath)
    try {
      expect(db.prepare('SELECT (SELECT count(*) FROM imports) + (SELECT count(*) FROM leads) AS n').get()).toEqual({
        n: 0,
      })
    } finally {
      db.close()
    }
  })
})
