import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeExport } from '../../../bench/generate-export'
import { openDatabase } from '../../../electron/main/db/open'
import { importFile } from '../../../electron/main/import/import-file'
import { REPO_ROOT } from '../../../electron/main/core/repo-paths'
import { CSV_FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()

const tableSizes = (dbPath: string): Record<string, number> => {
  const db = openDatabase(dbPath)
  try {
    const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    return Object.fromEntries(
      ['imports', 'lists', 'leads', 'causes', 'spans', 'import_counts'].map((t) => [t, count(t)]),
    )
  } finally {
    db.close()
  }
}

/**
 * Runs the CLI import of `file` in its own process, kills it with SIGKILL while rows are being written
 * inside the open transaction, and checks the database is healthy and exactly as it was.
 */
async function expectKilledImportLeavesNoTrace(
  file: string,
  dbPath: string,
  before: ReturnType<typeof tableSizes>,
): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'electron/cli/index.ts'), 'import', file, '--db', dbPath, '--progress'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  const killedMidway = await new Promise<boolean>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (/progress .*: [1-9]\d{4,} rows/.test(stderr) && child.exitCode === null) child.kill('SIGKILL')
    })
    child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL'))
  })
  expect(killedMidway, `the import finished before it could be killed:\n${stderr}`).toBe(true)

  const db = openDatabase(dbPath)
  try {
    expect(db.pragma('quick_check', { simple: true })).toBe('ok')
  } finally {
    db.close()
  }
  expect(tableSizes(dbPath)).toEqual(before)
}

describe('an import killed with SIGKILL', () => {
  it('leaves a healthy database with no trace of itself and the earlier history intact', async () => {
    const dbPath = join(tempDir(), 'app.db')
    const earlier = openDatabase(dbPath)
    await importFile(earlier, { path: join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'), name: 'weekly.csv' })
    earlier.close()
    const before = tableSizes(dbPath)

    const big = join(tempDir(), 'deliverability-2026-11-20.csv')
    writeExport(big, { rows: 300_000 })
    await expectKilledImportLeavesNoTrace(big, dbPath, before)
  }, 60_000)

  it('leaves no trace of a later weekly snapshot killed while it is staged and merged', async () => {
    const dbPath = join(tempDir(), 'weekly.db')
    // A list with one snapshot already: the next export of it goes through the staging table.
    const first = join(tempDir(), 'deliverability-2026-11-13.csv')
    writeExport(first, { rows: 20_000 })
    const earlier = openDatabase(dbPath)
    await importFile(earlier, { path: first, name: 'deliverability-2026-11-13.csv' })
    earlier.close()
    const before = tableSizes(dbPath)

    const later = join(tempDir(), 'deliverability-2026-11-20.csv')
    writeExport(later, { rows: 300_000, snapshot: 1, churn: 0.01 })
    await expectKilledImportLeavesNoTrace(later, dbPath, before)
  }, 120_000)
})
