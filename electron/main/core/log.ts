/**
 * The app's own log: one JSON object a line in `<app data>/logs/bounce-auditor.log`, rotated by
 * size so it never grows past a few megabytes. It records what the app did (start-up, migrations,
 * imports with their counts and durations, errors with their stacks) and never what the user's
 * data holds: callers pass counts and codes, and every text is scrubbed of anything shaped like an
 * email address before it is written, as a guard against an error message that quotes a lead.
 * Plain Node with synchronous appends: the volume is a few lines per import, and a line written
 * just before a crash is the one worth having.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const LOG_FILE_NAME = 'bounce-auditor.log'
export const LOG_MAX_BYTES = 1024 * 1024
/** The current file plus this many older ones (`.1` is the newest of those). */
export const LOG_FILES = 3

export type LogLevel = 'info' | 'warn' | 'error'
/** Only numbers, booleans and short texts: a field is for a count, a code or a duration. */
export type LogFields = Record<string, string | number | boolean | null>

export interface LogEntry {
  time: string
  level: LogLevel
  message: string
  fields?: LogFields
  stack?: string
}

export interface Log {
  /** The folder the log files live in. */
  readonly folder: string
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, error?: unknown, fields?: LogFields): void
  /** The newest `limit` error entries across the rotated files, oldest first. */
  recentErrors(limit: number): LogEntry[]
}

export interface LogOptions {
  maxBytes?: number
  files?: number
  now?: () => Date
}

const EMAIL_SHAPED = /[^\s<>()[\]{}"',;:@]+@[^\s<>()[\]{}"',;:@]+\.[^\s<>()[\]{}"',;:@]+/g
/** A message is a sentence, not a document: longer means something quoted data into it. */
const MAX_TEXT = 500
const MAX_STACK = 4000

/** Replaces anything that looks like an email address, so no lead's address reaches the log. */
export function scrub(text: string): string {
  return text.replace(EMAIL_SHAPED, '<email>')
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`
}

function cleanFields(fields: LogFields): LogFields {
  const clean: LogFields = {}
  for (const [key, value] of Object.entries(fields)) {
    clean[key] = typeof value === 'string' ? clip(scrub(value), MAX_TEXT) : value
  }
  return clean
}

/**
 * Opens (creating the folder if needed) the log in `folder`. Writing never throws: a log that
 * cannot be written must not take an import or the app's start-up down with it.
 */
export function createLog(folder: string, options: LogOptions = {}): Log {
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES
  const files = Math.max(1, options.files ?? LOG_FILES)
  const now = options.now ?? (() => new Date())
  const current = join(folder, LOG_FILE_NAME)
  const older = (n: number): string => `${current}.${n}`

  function rotate(): void {
    rmSync(older(files - 1), { force: true })
    for (let n = files - 2; n >= 1; n -= 1) {
      if (existsSync(older(n))) renameSync(older(n), older(n + 1))
    }
    if (files > 1) renameSync(current, older(1))
    else rmSync(current, { force: true })
  }

  function write(entry: LogEntry): void {
    try {
      const line = `${JSON.stringify(entry)}\n`
      mkdirSync(folder, { recursive: true })
      const size = existsSync(current) ? statSync(current).size : 0
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate()
      appendFileSync(current, line)
    } catch {
      // Nowhere better to report it; the app works on without its log.
    }
  }

  function entry(level: LogLevel, message: string, fields?: LogFields, stack?: string): LogEntry {
    return {
      time: now().toISOString(),
      level,
      message: clip(scrub(message), MAX_TEXT),
      ...(fields && Object.keys(fields).length > 0 ? { fields: cleanFields(fields) } : {}),
      ...(stack ? { stack: clip(scrub(stack), MAX_STACK) } : {}),
    }
  }

  function readEntries(file: string): LogEntry[] {
    if (!existsSync(file)) return []
    const entries: LogEntry[] = []
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue
      try {
        entries.push(JSON.parse(line) as LogEntry)
      } catch {
        // A line cut short by a crash; the rest of the file is still worth reading.
      }
    }
    return entries
  }

  return {
    folder,
    info: (message, fields) => write(entry('info', message, fields)),
    warn: (message, fields) => write(entry('warn', message, fields)),
    error: (message, error, fields) => {
      const detail = error instanceof Error ? error.message : error === undefined ? '' : String(error)
      const text = detail ? `${message}: ${detail}` : message
      write(entry('error', text, fields, error instanceof Error ? error.stack : undefined))
    },
    recentErrors: (limit) => {
      const all: LogEntry[] = []
      for (let n = files - 1; n >= 1; n -= 1) all.push(...readEntries(older(n)))
      all.push(...readEntries(current))
      // Scrubbed again on the way out: a file from an older version, or edited by hand, is not trusted.
      return all
        .filter((item) => item.level === 'error')
        .slice(-limit)
        .map((item) => ({
          ...item,
          message: scrub(String(item.message)),
          ...(item.stack ? { stack: scrub(String(item.stack)) } : {}),
        }))
    },
  }
}

/** For the CLI and tests: a log that writes nothing. */
export const silentLog: Log = {
  folder: '',
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  recentErrors: () => [],
}
