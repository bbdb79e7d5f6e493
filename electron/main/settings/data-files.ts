/**
 * The file work behind the Settings view: consistent copies, backups and their listing, checking
 * a copy before trusting it, putting one in place. Plain Node and better-sqlite3; the handlers in
 * `settings-handlers.ts` decide when the app's connection has to be closed around these.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import type { BackupInfo, BackupKind, DataCounts } from '../../shared/ipc'
import { MIGRATIONS } from '../db/migrations'
import { schemaVersion } from '../db/migrate'
import type { Db } from '../db/open'
import { SIDECARS, backupsFolder, freeName, listBackups, stamp } from '../db/safe-open'

/** How many backups made from Settings (by hand, before a restore or an erase) are kept. */
export const SETTINGS_BACKUPS_KEPT = 5

/** The kinds this module writes; the pre-migration backups of safe-open are `schema-<n>`. */
export type SettingsBackupKind = 'manual' | 'before-restore' | 'before-erase'

/** A write ran out of space. The message is for the user and says that nothing was lost. */
export class DiskFullError extends Error {
  override name = 'DiskFullError'
}

export function isDiskFull(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : ''
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT'
}

/** A copy that could not be finished is removed; only a plain file we made is ever deleted. */
function removePartial(file: string): void {
  try {
    if (lstatSync(file).isFile()) rmSync(file, { force: true })
  } catch {
    // Not there: nothing to clean.
  }
}

/**
 * Writes a consistent copy of the open database to `target` with VACUUM INTO: it reads one
 * snapshot (what the write-ahead log holds included), so an import committing meanwhile cannot
 * tear it, and the copy is compacted. A full disk becomes a `DiskFullError`.
 */
export function copyConsistently(db: Db, target: string): void {
  try {
    db.prepare('VACUUM INTO ?').run(target)
  } catch (error) {
    removePartial(target)
    if (isDiskFull(error)) {
      throw new DiskFullError(
        `The disk is full: there was no room to write ${target}. Nothing was changed; free some space and try again.`,
        { cause: error },
      )
    }
    throw error
  }
}

export function dataCounts(db: Db): DataCounts {
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM imports) AS imports,
              (SELECT count(*) FROM leads) AS leads,
              (SELECT coalesce(sum(row_count), 0) FROM imports) AS rows`,
    )
    .get() as DataCounts
  return { imports: row.imports, leads: row.leads, rows: row.rows }
}

/** The file and its write-ahead log: what the data takes on disk right now. */
export function databaseBytes(dbPath: string): number {
  let bytes = 0
  for (const file of [dbPath, `${dbPath}-wal`]) {
    if (existsSync(file)) bytes += statSync(file).size
  }
  return bytes
}

const BACKUP_NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-\d+)?\.([\w-]+)\.bak$/

function kindOf(label: string): BackupKind {
  if (label === 'manual' || label === 'before-restore' || label === 'before-erase') return label
  return /^schema-\d+$/.test(label) ? 'before-update' : 'other'
}

export function describeBackup(dbPath: string, file: string): BackupInfo {
  const name = basename(file)
  const match = BACKUP_NAME.exec(name.slice(basename(dbPath).length + 1))
  return {
    name,
    takenAt: match ? `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z` : null,
    bytes: statSync(file).size,
    kind: match ? kindOf(match[6] ?? '') : 'other',
  }
}

export function describeBackups(dbPath: string): BackupInfo[] {
  return listBackups(dbPath).map((file) => describeBackup(dbPath, file))
}

/** The backup of this database with that file name, or null; names from a request go through here. */
export function findBackup(dbPath: string, name: string): string | null {
  return listBackups(dbPath).find((file) => basename(file) === name) ?? null
}

/**
 * Backs the open database up into the backups folder safe-open uses. Written under a temporary
 * name and renamed, so a backup cut short is never listed as one.
 */
export function takeBackup(db: Db, dbPath: string, kind: SettingsBackupKind, now: Date = new Date()): BackupInfo {
  const folder = backupsFolder(dbPath)
  mkdirSync(folder, { recursive: true })
  const target = freeName((n) => join(folder, `${basename(dbPath)}.${stamp(now)}${n}.${kind}.bak`))
  const partial = `${target}.partial`
  copyConsistently(db, partial)
  renameSync(partial, target)
  return describeBackup(dbPath, target)
}

/** Deletes the oldest Settings backups beyond SETTINGS_BACKUPS_KEPT; `protect` are left alone and not counted. */
export function pruneBackups(dbPath: string, protect: readonly string[] = []): void {
  const ours = listBackups(dbPath).filter((file) => {
    const kind = describeBackup(dbPath, file).kind
    return (kind === 'manual' || kind === 'before-restore' || kind === 'before-erase') && !protect.includes(file)
  })
  for (const old of ours.slice(SETTINGS_BACKUPS_KEPT)) rmSync(old, { force: true })
}

/**
 * Opens a copy read-only and checks it is one this app can use: not from a newer version, and
 * passing SQLite's quick_check. Returns what it holds, to compare with the original.
 */
export function verifyDatabaseFile(file: string, nativeBinding?: string): DataCounts {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
  try {
    const latest = MIGRATIONS.at(-1)?.version ?? 0
    const version = schemaVersion(db)
    if (version > latest) throw new Error(`${basename(file)} was written by a newer version of Bounce Auditor`)
    if (version === 0) throw new Error(`${basename(file)} is not a Bounce Auditor database`)
    const problems = (db.pragma('quick_check') as { quick_check: string }[])
      .map((row) => row.quick_check)
      .filter((result) => result !== 'ok')
    if (problems.length > 0) throw new Error(`${basename(file)} is damaged (${problems.slice(0, 2).join('; ')})`)
    return dataCounts(db)
  } finally {
    db.close()
  }
}

/** Removes the database file and SQLite's companions. The app's connection must be closed. */
export function removeDatabaseFiles(dbPath: string): void {
  for (const file of [dbPath, ...SIDECARS.map((suffix) => dbPath + suffix)]) rmSync(file, { force: true })
}

/**
 * Puts a copy of `source` in place of the database (connection closed). Stale companions go
 * first, or SQLite would replay the old log onto the new file; copy then rename, so a crash
 * cannot leave a half-written file at the real path.
 */
export function replaceDatabaseFile(source: string, dbPath: string): void {
  for (const suffix of SIDECARS) rmSync(dbPath + suffix, { force: true })
  const partial = `${dbPath}.restoring`
  try {
    copyFileSync(source, partial)
  } catch (error) {
    removePartial(partial)
    if (isDiskFull(error)) {
      throw new DiskFullError(`The disk is full: the backup could not be copied into place. Nothing was changed.`, {
        cause: error,
      })
    }
    throw error
  }
  renameSync(partial, dbPath)
}
