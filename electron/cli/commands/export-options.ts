import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ApiError } from '../../shared/ipc'
import { validateLeadListScope, type LeadListScope } from '../../main/export/lead-lists'
import { defaultUserDataDir } from '../../main/core/paths'
import { resolveDbPath } from '../../main/settings/location'
import { UsageError } from '../command'

export interface ExportOptions {
  positionals: string[]
  json: boolean
  /** One snapshot (`--import`) or the snapshots in `--from`..`--to`; empty means the newest. */
  scope: LeadListScope
  dbPath: string
  /** A file, or a folder to write the default, dated name into (the current folder without `--out`). */
  out: string
}

/**
 * What every `export` takes, checked as the app checks a request but reported as a usage mistake
 * (exit 2) before any work.
 */
export function parseExportOptions(args: string[]): ExportOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      import: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  })
  if (values.import !== undefined && (!/^\d+$/.test(values.import) || Number(values.import) < 1)) {
    throw new UsageError(`--import: expected an import number from 'history', got '${values.import}'`)
  }
  const scope: LeadListScope = {
    ...(values.import === undefined ? {} : { importId: Number(values.import) }),
    ...(values.from === undefined ? {} : { from: values.from }),
    ...(values.to === undefined ? {} : { to: values.to }),
  }
  try {
    validateLeadListScope(scope)
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(error.message)
    throw error
  }
  // The default follows the desktop app's database to where Settings moved it.
  const dbPath = resolve(values.db ?? resolveDbPath(defaultUserDataDir()))
  return { positionals, json: values.json === true, scope, dbPath, out: resolve(values.out ?? '.') }
}

/** Opening a missing file would create an empty database; an export from it is a mistake. */
export function requireDatabase(dbPath: string): string {
  if (!existsSync(dbPath)) throw new Error(`there is no database at ${dbPath}`)
  return dbPath
}
