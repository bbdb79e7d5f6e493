import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'
import type { Migration } from './migrations/migration'
import { NewerDatabaseError, migrate, schemaVersion } from './migrate'
import { configureConnection, type Db, type OpenOptions } from './open'

export interface SafeOpenOptions extends Omit<OpenOptions, 'readonly'> {
  /** Stamps the names of set-aside and backup files; injectable so tests get predictable names. */
  now?: Date
}

export interface SafeOpenResult {
  db: Db
  /** Plain sentences for the user about what was done to their data while opening; usually empty. */
  notices: string[]
  /** The schema versions before and after, when opening updated the file (for the log). */
  migrated: { from: number; to: number } | null
}

/** A migration failed and the file was put back as it was; the message says so for the user. */
export class MigrationRestoredError extends Error {
  override name = 'MigrationRestoredError'
}

/** How many pre-migration backups of one database are kept. */
export const BACKUPS_KEPT = 3

/** SQLite's companion files; they travel with the main file or SQLite would replay them onto the wrong one. */
export const SIDECARS = ['-wal', '-shm', '-journal'] as const

/**
 * Opens the app database for writing the way `openDatabase` does, and also protects what is in
 * it: a damaged file is moved aside (never deleted) and replaced by a fresh one, and a copy is
 * taken before any migration runs and put back if the migration fails. A database written by a
 * newer app is not damage: `NewerDatabaseError` propagates and the file stays where it is.
 */
export function openDatabaseSafely(
  file: string,
  options: SafeOpenOptions = {},
  migrations: readonly Migration[] = MIGRATIONS,
): SafeOpenResult {
  const now = options.now ?? new Date()
  const latest = migrations.at(-1)?.version ?? 0
  const notices: string[] = []

  const damage = existsSync(file) ? inspect(file, options, latest) : null
  if (damage !== null) {
    const movedTo = moveAside(file, `damaged-${stamp(now)}`)
    notices.push(
      `The database could not be read (${damage}). It was moved aside, not deleted, to ${movedTo}, and a fresh, empty database was started in its place.`,
    )
  }

  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  let backup: string | null = null
  try {
    const current = schemaVersion(db)
    // A newer file is refused by migrate below; switching it to WAL first would already write to it.
    if (current <= latest) configureConnection(db)
    // A fresh file (version 0) has nothing to lose, and a newer one is refused by migrate below.
    if (current > 0 && current < latest) backup = backUp(db, file, current, now)
    migrate(db, migrations)
    return { db, notices, migrated: current > 0 && current < latest ? { from: current, to: latest } : null }
  } catch (error) {
    db.close()
    if (backup === null || error instanceof NewerDatabaseError) throw error
    throw restore(backup, file, error)
  }
}

/**
 * Checks an existing file through a read-only connection, so a damaged file is neither
 * checkpointed nor has its WAL removed before it is set aside: its bytes stay as they were found.
 * Returns why the file is unusable, or null when it is healthy or is not ours to judge.
 */
function inspect(file: string, options: SafeOpenOptions, latest: number): string | null {
  // Opening fails for a folder or an unreadable file; that is not damage, so it propagates.
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  try {
    // A newer app's schema may hold things this one cannot check; migrate refuses it later.
    if (schemaVersion(db) > latest) return null
    const rows = db.pragma('quick_check') as { quick_check: string }[]
    const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok')
    return problems.length === 0 ? null : problems.slice(0, 3).join('; ')
  } catch (error) {
    if (isCorruption(error)) return error instanceof Error ? error.message : String(error)
    throw error
  } finally {
    db.close()
  }
}

function isCorruption(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : ''
  // Extended codes such as SQLITE_CORRUPT_INDEX share the prefix.
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')
}

/** Renames the file and its sidecars to `<file>.<label>`, keeping SQLite's suffixes so the set still opens together. */
function moveAside(file: string, label: string): string {
  const target = freeName((n) => `${file}.${label}${n}`)
  renameSync(file, target)
  for (const suffix of SIDECARS) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix)
  }
  return target
}

export function backupsFolder(file: string): string {
  return join(dirname(file), 'backups')
}

/**
 * Backups of one database, newest first; other files in the folder are left alone. Ordered by
 * the stamp in the name rather than the file time, which a copy or a sync tool may change.
 */
export function listBackups(file: string): string[] {
  const folder = backupsFolder(file)
  if (!existsSync(folder)) return []
  const prefix = `${basename(file)}.`
  return readdirSync(folder)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.bak'))
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((name) => join(folder, name))
}

/**
 * Writes a consistent copy (WAL contents included) with VACUUM INTO, then prunes to the newest
 * BACKUPS_KEPT. A copy that cannot be written stops the migration: updating without one is the
 * risk this exists to avoid.
 */
function backUp(db: Db, file: string, version: number, now: Date): string {
  const folder = backupsFolder(file)
  mkdirSync(folder, { recursive: true })
  const target = freeName((n) => join(folder, `${basename(file)}.${stamp(now)}${n}.schema-${version}.bak`))
  try {
    db.prepare('VACUUM INTO ?').run(target)
  } catch (error) {
    rmSync(target, { force: true })
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(
      `The database needs updating, but a backup could not be written to ${folder} first (${reason}). Nothing was changed.`,
      { cause: error },
    )
  }
  // Only this step's own backups count: those the user made in Settings are pruned there, by their own rule.
  const ownBackups = listBackups(file).filter((name) => /\.schema-\d+\.bak$/.test(name))
  for (const old of ownBackups.slice(BACKUPS_KEPT)) rmSync(old, { force: true })
  return target
}

/** Puts the backup back over the file; returns the error to throw, which says what happened. */
function restore(backup: string, file: string, failure: unknown): Error {
  const reason = failure instanceof Error ? failure.message : String(failure)
  try {
    // Stale sidecars would be replayed onto the restored copy, so they go first.
    for (const suffix of SIDECARS) rmSync(file + suffix, { force: true })
    // Copy then rename, so a crash mid-copy cannot leave a half-written database at the real path.
    const partial = `${file}.restoring`
    copyFileSync(backup, partial)
    renameSync(partial, file)
  } catch (restoreError) {
    const why = restoreError instanceof Error ? restoreError.message : String(restoreError)
    return new Error(
      `Updating the database failed (${reason}), and putting back the backup also failed (${why}). Your data from before the update is in ${backup}.`,
      { cause: failure },
    )
  }
  return new MigrationRestoredError(
    `Updating the database failed (${reason}). The database was restored from the backup taken just before the update (${backup}); nothing was lost.`,
    { cause: failure },
  )
}

/** A timestamp that is valid in file names on every platform (no colons) and sorts by time. */
export function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-')
}

/** Never overwrites: a second file with the same stamp gets a counter. */
export function freeName(name: (counter: string) => string): string {
  let candidate = name('')
  for (let n = 2; existsSync(candidate); n += 1) candidate = name(`-${n}`)
  return candidate
}
