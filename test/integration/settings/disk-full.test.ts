import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { toApiError } from '../../../electron/main/core/errors'
import { importFile } from '../../../electron/main/import/import-file'
import { SAMPLE_FILE_NAME } from '../../../electron/main/core/paths'
import { RESOURCES_DIR } from '../../../electron/main/core/repo-paths'
import { DiskFullError, copyConsistently, dataCounts } from '../../../electron/main/settings/data-files'
import { CSV_FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const SAMPLE = { path: join(RESOURCES_DIR, 'sample', SAMPLE_FILE_NAME), name: SAMPLE_FILE_NAME }
const WEEKLY = {
  path: join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'),
  name: 'weekly-deliverability-2026-11-13.csv',
}

function quickCheck(db: Db): string {
  return (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check).join('; ')
}

// A tiny loop-mounted file system needs root and a kernel that allows it; SQLite's own size cap
// fails a write the same way a full disk does (SQLITE_FULL), on a real file.
describe('a full disk', () => {
  it('an import that runs out of room fails with a clear message and leaves earlier history intact', async () => {
    const path = join(tempDir(), 'app.db')
    const db = openDatabase(path)
    try {
      await importFile(db, WEEKLY)
      const before = dataCounts(db)
      db.pragma('wal_checkpoint(TRUNCATE)')
      const pages = db.pragma('page_count', { simple: true }) as number
      db.pragma(`max_page_count = ${pages + 2}`)

      const failure = await importFile(db, SAMPLE).then(
        () => null,
        (error: unknown) => error,
      )
      expect(failure).not.toBeNull()
      const shape = toApiError(failure)
      expect(shape.code).toBe('disk-full')
      expect(shape.message).toMatch(/^The disk is full/)
      expect(shape.message).toContain('Everything imported before is intact')

      expect(db.inTransaction).toBe(false)
      expect(dataCounts(db)).toEqual(before)
      expect(quickCheck(db)).toBe('ok')
    } finally {
      db.close()
    }
    // And the file opens again as it was, with room for the import once there is space.
    const reopened = openDatabase(path)
    try {
      expect(dataCounts(reopened).imports).toBe(1)
      expect(quickCheck(reopened)).toBe('ok')
      await importFile(reopened, SAMPLE)
      expect(dataCounts(reopened).imports).toBe(2)
    } finally {
      reopened.close()
    }
  })

  it('a backup into a full place fails with a clear message and the database is untouched', async () => {
    const path = join(tempDir(), 'app.db')
    const db = openDatabase(path)
    try {
      await importFile(db, SAMPLE)
      const before = dataCounts(db)
      // /dev/full accepts the open and answers every write with ENOSPC.
      let caught: unknown = null
      try {
        copyConsistently(db, '/dev/full')
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(DiskFullError)
      expect(toApiError(caught)).toMatchObject({
        code: 'disk-full',
        message: expect.stringMatching(/^The disk is full/) as unknown as string,
      })
      expect((caught as Error).message).toContain('Nothing was changed')
      // The device itself is never "cleaned up" as a partial copy.
      expect(existsSync('/dev/full')).toBe(true)
      expect(dataCounts(db)).toEqual(before)
      expect(quickCheck(db)).toBe('ok')
    } finally {
      db.close()
    }
  })
})
