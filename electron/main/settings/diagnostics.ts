/**
 * "Copy diagnostics": what a support request needs, in plain text. It is assembled only from
 * versions, sizes, counts and the log's error entries (already scrubbed of anything shaped like an
 * address, and scrubbed again here), never from a query that returns lead data.
 */
import { arch, platform, release, type } from 'node:os'
import type { DataCounts } from '../../shared/ipc'
import type { Db } from '../db/open'
import { schemaVersion } from '../db/migrate'
import { scrub, type Log } from '../core/log'
import { formatBytes } from '../../shared/format'

export const DIAGNOSTIC_ERRORS = 10

export interface DiagnosticsInput {
  version: string
  classifierVersion: string
  shell: 'electron' | 'web'
  db: Db | null
  dbError: string | null
  /** Whether the database is in its default place; its path is left out (it names the user). */
  movedByUser: boolean
  bytes: number
  counts: DataCounts | null
  backups: number
  log: Log | null
  now?: Date
}

export function buildDiagnostics(input: DiagnosticsInput): string {
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string }
  const lines: string[] = [
    'Bounce Auditor diagnostics (no lead data: no addresses, no bounce texts)',
    `Generated: ${(input.now ?? new Date()).toISOString()}`,
    '',
    `App: ${input.version} (${input.shell === 'electron' ? 'desktop app' : 'browser preview'})`,
    `Classifier: ${input.classifierVersion}`,
    ...(versions.electron ? [`Electron: ${versions.electron}`] : []),
    ...(versions.chrome ? [`Chrome: ${versions.chrome}`] : []),
    `Node: ${versions.node}`,
    `SQLite: ${sqliteVersion(input.db)}`,
    `OS: ${type()} ${release()} (${platform()}, ${arch()})`,
    '',
    `Database: ${input.db ? 'open' : 'not open'}${input.movedByUser ? ', in a folder chosen by the user' : ', in the app-data folder'}`,
    ...(input.dbError ? [`Database error: ${scrub(input.dbError)}`] : []),
    ...(input.db ? [`Schema version: ${schemaVersion(input.db)}`] : []),
    `Size: ${formatBytes(input.bytes)}`,
    ...(input.counts
      ? [`Imports: ${input.counts.imports}`, `Leads: ${input.counts.leads}`, `Rows: ${input.counts.rows}`]
      : []),
    `Backups: ${input.backups}`,
    '',
  ]
  const errors = input.log?.recentErrors(DIAGNOSTIC_ERRORS) ?? []
  lines.push(errors.length === 0 ? 'Recent errors: none' : `Recent errors (last ${errors.length}):`)
  for (const entry of errors) {
    lines.push(`- ${entry.time} ${scrub(entry.message)}`)
    // The top of a stack says where; the rest is framework frames.
    const frames = (entry.stack ?? '').split('\n').slice(1, 6)
    for (const frame of frames) lines.push(`    ${scrub(frame.trim())}`)
  }
  return `${lines.join('\n')}\n`
}

function sqliteVersion(db: Db | null): string {
  if (!db) return 'unknown (database not open)'
  return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
}
