import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/** A fresh folder per test, removed afterwards; integration tests keep real SQLite files in it. */
export function useTempDir(): () => string {
  let dir: string | null = null
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = null
  })
  return () => {
    dir ??= mkdtempSync(join(tmpdir(), 'bounce-auditor-test-'))
    return dir
  }
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures')
export const CSV_FIXTURES = join(FIXTURES, 'csv')
