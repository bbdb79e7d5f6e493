import {
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { NewerDatabaseError, schemaVersion } from '../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import type { Migration } from '../../../electron/main/db/migrations/migration'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import {
  BACKUPS_KEPT,
  MigrationRestoredError,
  backupsFolder,
  listBackups,
  openDatabaseSafely,
} from '../../../electron/main/db/safe-open'
import { importFile } from '../../../electron/main/import/import-file'
import { SAMPLE_FILE_NAME } from '../../../electron/main/core/paths'
import { RESOURCES_DIR } from '../../../electron/main/core/repo-paths'
import { seededRandom } from '../../helpers/seeded-random'
import { useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const LATEST = MIGRATIONS.at(-1)?.version ?? 0
const NOW = new Date('2025-03-04T05:06:07.089Z')

const count = (db: Db, table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

/** A database at the latest schema holding the sample import, closed so its WAL is folded in. */
async function sampleDatabase(): Promise<{ path: string; leads: number; imports: number }> {
  const path = join(tempDir(), 'app.db')
  const db = openDatabase(path)
  await importFile(db, { path: join(RESOURCES_DIR, 'sample', SAMPLE_FILE_NAME), name: SAMPLE_FILE_NAME })
  const result = { path, leads: count(db, 'leads'), imports: count(db, 'imports') }
  db.close()
  return result
}

/** Overwrites everything from page 2 up to the last page with seeded garbage, as a failing disk might. */
function corrupt(path: string): void {
  const pageSize = 4096
  const size = statSync(path).size
  expect(size).toBeGreaterThan(pageSize * 4)
  const random = seededRandom(7)
  const garbage = Buffer.from(Array.from({ length: size - 2 * pageSize }, () => Math.floor(random() * 256)))
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, garbage, 0, garbage.length, pageSize)
  } finally {
    closeSync(fd)
  }
}

const siblings = (path: string, marker: string): string[] =>
  readdirSync(join(path, '..')).filter((name) => name.startsWith(`${basename(path)}.${marker}`))

describe('openDatabaseSafely: damaged files', () => {
  it('sets a corrupted database aside with its bytes, starts a fresh one and says where the old one is', async () => {
    const { path } = await sampleDatabase()
    corrupt(path)
    const damagedBytes = readFileSync(path)

    const { db, notices } = openDatabaseSafely(path, { now: NOW })
    try {
      const movedTo = `${path}.damaged-2025-03-04T05-06-07-089Z`
      expect(readFileSync(movedTo).equals(damagedBytes)).toBe(true)
      expect(notices).toHaveLength(1)
      expect(notices[0]).toContain(movedTo)
      expect(notices[0]).toMatch(/not deleted/)
      expect(schemaVersion(db)).toBe(LATEST)
      expect(count(db, 'leads')).toBe(0)
      expect(db.pragma('quick_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
  })

  it('sets aside a file that is not a database at all, together with its sidecar files', () => {
    const path = join(tempDir(), 'app.db')
    const text = 'this is not an SQLite file, just text that happens to be long enough '.repeat(100)
    writeFileSync(path, text)
    writeFileSync(`${path}-wal`, 'stale wal')

    const { db, notices } = openDatabaseSafely(path, { now: NOW })
    db.close()

    const movedTo = `${path}.damaged-2025-03-04T05-06-07-089Z`
    expect(readFileSync(movedTo, 'utf8')).toBe(text)
    // The WAL keeps its suffix so the damaged set can still be opened together for recovery.
    expect(readFileSync(`${movedTo}-wal`, 'utf8')).toBe('stale wal')
    expect(notices.join(' ')).toMatch(/file is not a database/)
    expect(notices.join(' ')).toContain(movedTo)
  })

  it('never overwrites an earlier damaged copy', () => {
    const path = join(tempDir(), 'app.db')
    writeFileSync(path, 'first damage '.repeat(100))
    openDatabaseSafely(path, { now: NOW }).db.close()
    writeFileSync(path, 'second damage '.repeat(100))
    const { db, notices } = openDatabaseSafely(path, { now: NOW })
    db.close()
    expect(readFileSync(`${path}.damaged-2025-03-04T05-06-07-089Z`, 'utf8')).toMatch(/^first damage/)
    expect(readFileSync(`${path}.damaged-2025-03-04T05-06-07-089Z-2`, 'utf8')).toMatch(/^second damage/)
    expect(notices[0]).toContain('-089Z-2')
  })

  it('refuses a database written by a newer version and leaves it where it is', () => {
    const path = join(tempDir(), 'app.db')
    const newer = new Database(path)
    newer.exec('CREATE TABLE from_the_future (x)')
    newer.pragma('user_version = 9990')
    newer.close()
    const before = readFileSync(path)

    expect(() => openDatabaseSafely(path, { now: NOW })).toThrow(NewerDatabaseError)
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(siblings(path, 'damaged')).toEqual([])
    expect(existsSync(backupsFolder(path))).toBe(false)
  })

  it('does not treat a folder in the way as damage', () => {
    const path = join(tempDir(), 'app.db')
    mkdirSync(path)
    expect(() => openDatabaseSafely(path)).toThrow()
    expect(statSync(path).isDirectory()).toBe(true)
    expect(siblings(path, 'damaged')).toEqual([])
  })
})

describe('openDatabaseSafely: healthy files', () => {
  it('opens a healthy, current database with no notices and no backup', async () => {
    const { path, leads } = await sampleDatabase()
    const { db, notices } = openDatabaseSafely(path)
    try {
      expect(notices).toEqual([])
      expect(count(db, 'leads')).toBe(leads)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(existsSync(backupsFolder(path))).toBe(false)
    } finally {
      db.close()
    }
  })

  it('creates a new database without a backup, since there is nothing to keep', () => {
    const path = join(tempDir(), 'app.db')
    const { db, notices } = openDatabaseSafely(path)
    expect(schemaVersion(db)).toBe(LATEST)
    db.close()
    expect(notices).toEqual([])
    expect(existsSync(backupsFolder(path))).toBe(false)
  })
})

describe('openDatabaseSafely: migrations', () => {
  const marker = (version: number): Migration => ({
    version,
    name: `marker ${version}`,
    up: (db) => db.exec(`CREATE TABLE marker_${version} (x)`),
  })

  it('backs up before migrating, naming the schema version, and migrates', async () => {
    const { path, leads } = await sampleDatabase()
    const { db, notices } = openDatabaseSafely(path, { now: NOW }, [...MIGRATIONS, marker(9000)])
    try {
      expect(notices).toEqual([])
      expect(schemaVersion(db)).toBe(9000)
      expect(count(db, 'marker_9000')).toBe(0)
    } finally {
      db.close()
    }
    const backups = listBackups(path)
    expect(backups.map((file) => basename(file))).toEqual([`app.db.2025-03-04T05-06-07-089Z.schema-${LATEST}.bak`])
    const [backupFile = ''] = backups
    const copy = new Database(backupFile, { readonly: true })
    try {
      expect(schemaVersion(copy)).toBe(LATEST)
      expect(count(copy, 'leads')).toBe(leads)
    } finally {
      copy.close()
    }
  })

  it('restores the backup when a migration throws, and says so', async () => {
    const { path, leads, imports } = await sampleDatabase()
    const failing: Migration = {
      version: 9000,
      name: 'half-done and broken',
      up: (db) => {
        // A migration that escapes its transaction: the rollback alone would not undo this.
        db.exec('COMMIT')
        db.exec('DELETE FROM import_counts; DELETE FROM imports')
        throw new Error('boom in migration 9000')
      },
    }

    let thrown: unknown
    try {
      openDatabaseSafely(path, { now: NOW }, [...MIGRATIONS, failing])
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(MigrationRestoredError)
    const message = thrown instanceof Error ? thrown.message : ''
    expect(message).toMatch(/boom in migration 9000/)
    expect(message).toMatch(/restored from the backup/)
    expect(message).toContain(listBackups(path)[0])

    const db = new Database(path, { readonly: true })
    try {
      expect(schemaVersion(db)).toBe(LATEST)
      expect(count(db, 'imports')).toBe(imports)
      expect(count(db, 'leads')).toBe(leads)
      expect(db.pragma('quick_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
    expect(existsSync(`${path}.restoring`)).toBe(false)
    // The app opens it normally afterwards.
    const reopened = openDatabaseSafely(path)
    expect(reopened.notices).toEqual([])
    expect(count(reopened.db, 'imports')).toBe(imports)
    reopened.db.close()
  })

  it('keeps only the newest three backups of this database', () => {
    const path = join(tempDir(), 'app.db')
    const other = join(backupsFolder(path), 'other.db.2020-01-01T00-00-00-000Z.schema-10.bak')
    const list = [marker(10)]
    openDatabaseSafely(path, {}, list).db.close()
    mkdirSync(backupsFolder(path), { recursive: true })
    writeFileSync(other, 'not ours')

    for (let step = 1; step <= 5; step += 1) {
      list.push(marker(10 + step * 10))
      const now = new Date(Date.UTC(2025, 0, step))
      openDatabaseSafely(path, { now }, list).db.close()
    }

    expect(BACKUPS_KEPT).toBe(3)
    expect(listBackups(path).map((file) => basename(file))).toEqual([
      'app.db.2025-01-05T00-00-00-000Z.schema-50.bak',
      'app.db.2025-01-04T00-00-00-000Z.schema-40.bak',
      'app.db.2025-01-03T00-00-00-000Z.schema-30.bak',
    ])
    expect(readFileSync(other, 'utf8')).toBe('not ours')
  })
})
