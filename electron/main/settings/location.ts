/**
 * Where the database lives when the user has moved it: a small JSON file in the app-data folder
 * (`settings.json`), read at start-up by the desktop app, the CLI and the preview's default.
 * Kept apart from the database on purpose: it has to be found before the database is.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import { DB_FILE_NAME } from '../core/paths'
import { WATCH_OUTCOMES, type WatchEvent } from '../../shared/watch'

export const SETTINGS_FILE_NAME = 'settings.json'

export interface StoredSettings {
  /** Absolute path of the database; absent while it is in its default place. */
  dbPath?: string
  /**
   * The watched folder (Settings); absent until one is chosen. `events`: what happened to the
   * last files it handled, newest first, so the list survives a restart.
   */
  watch?: { folder: string; enabled: boolean; sinceMs: number; events?: WatchEvent[] }
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
  const events = readWatchEvents((value as Record<string, unknown>)['events'])
  return {
    folder,
    enabled,
    sinceMs: typeof sinceMs === 'number' && Number.isFinite(sinceMs) ? sinceMs : 0,
    ...(events.length > 0 ? { events } : {}),
  }
}

/** The stored events that still have every field; an edited or older file loses only the others. */
function readWatchEvents(value: unknown): WatchEvent[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item: unknown): WatchEvent[] => {
    if (typeof item !== 'object' || item === null) return []
    const { id, at, fileName, outcome, message, importId } = item as Record<string, unknown>
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return []
    if (typeof at !== 'string' || typeof fileName !== 'string' || typeof message !== 'string') return []
    const known = WATCH_OUTCOMES.find((candidate) => candidate === outcome)
    if (known === undefined) return []
    if (importId !== null && (typeof importId !== 'number' || !Number.isSafeInteger(importId))) return []
    return [{ id, at, fileName, outcome: known, message, importId }]
  })
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
