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
  /** The watched folder (Settings); absent until one is chosen. */
  watch?: { folder: string; enabled: boolean; sinceMs: number }
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
    const record = parsed as Record<string, unknown>
    const dbPath = record['dbPath']
    const watch = readWatch(record['watch'])
    return {
      ...(typeof dbPath === 'string' && isAbsolute(dbPath) ? { dbPath } : {}),
      ...(watch ? { watch } : {}),
    }
  } catch {
    return {}
  }
}

function readWatch(value: unknown): StoredSettings['watch'] {
  if (typeof value !== 'object' || value === null) return undefined
  const { folder, enabled, sinceMs } = value as Record<string, unknown>
  if (typeof folder !== 'string' || !isAbsolute(folder) || typeof enabled !== 'boolean') return undefined
  return { folder, enabled, sinceMs: typeof sinceMs === 'number' && Number.isFinite(sinceMs) ? sinceMs : 0 }
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
