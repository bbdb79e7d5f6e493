/**
 * Where the database lives when the user has moved it: a small JSON file in the app-data folder
 * (`settings.json`), read at start-up by the desktop app, the CLI and the preview's default.
 * Kept apart from the database on purpose: it has to be found before the database is.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import { DB_FILE_NAME } from '../core/paths'

export const SETTINGS_FILE_NAME = 'settings.json'

export interface StoredSettings {
  /** Absolute path of the database; absent while it is in its default place. */
  dbPath?: string
}

export function settingsFileIn(userDataDir: string): string {
  return join(userDataDir, SETTINGS_FILE_NAME)
}

/** The stored settings; a missing or unreadable file means the defaults, never a failed start. */
export function readSettings(file: string): StoredSettings {
  if (!existsSync(file)) return {}
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (typeof parsed !== 'object' || parsed === null) return {}
    const dbPath = (parsed as Record<string, unknown>)['dbPath']
    return typeof dbPath === 'string' && isAbsolute(dbPath) ? { dbPath } : {}
  } catch {
    return {}
  }
}

/** Written to a temporary name and renamed, so a crash cannot leave a half-written file behind. */
export function writeSettings(file: string, settings: StoredSettings): void {
  mkdirSync(dirname(file), { recursive: true })
  const partial = `${file}.partial`
  writeFileSync(partial, `${JSON.stringify(settings, null, 2)}\n`)
  renameSync(partial, file)
}

/** The database the app opens: the remembered one after a move, else the default in `userDataDir`. */
export function resolveDbPath(userDataDir: string): string {
  return readSettings(settingsFileIn(userDataDir)).dbPath ?? join(userDataDir, DB_FILE_NAME)
}
