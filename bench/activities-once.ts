/**
 * One activity import in a fresh process, through the same worker thread (and heap limits) the
 * app uses, so the benchmark reads this import's own peak memory; then the policy preview over
 * the database it left, timed.
 * Usage: tsx bench/activities-once.ts <activities.csv> <db> → one JSON line on stdout.
 */
import { statSync } from 'node:fs'
import { basename } from 'node:path'
import type { ActivityImportSummary } from '../electron/shared/activity'
import { runJobWorker } from '../electron/main/import/run-import-worker'
import { startImportWorkerFromSource } from '../electron/main/import/start-worker-node'
import { DEFAULT_TIERS } from '../electron/main/activity/policy'
import { openDatabase } from '../electron/main/db/open'
import { previewPolicy } from '../electron/main/db/policy-queries'

const [file, dbPath] = process.argv.slice(2)
if (!file || !dbPath) throw new Error('usage: activities-once.ts <activities.csv> <db>')
openDatabase(dbPath).close() // create and migrate, as the app does before any import
const started = performance.now()
const cpuBefore = process.cpuUsage()
const summary = (await runJobWorker(
  startImportWorkerFromSource,
  { dbPath },
  { kind: 'activities', payload: { path: file, name: basename(file) } },
)) as ActivityImportSummary
const ms = performance.now() - started
// User + system time of the whole process over the import: the worker thread's included (its start
// too, which here loads TypeScript through tsx; the packaged app loads built JavaScript).
const cpu = process.cpuUsage(cpuBefore)
const cpuMs = (cpu.user + cpu.system) / 1000
const importRssMb = process.resourceUsage().maxRSS / 1024
const db = openDatabase(dbPath)
db.pragma('wal_checkpoint(TRUNCATE)')
db.close()

// The preview as the app runs it: on the app's own (read) connection, cold, then warm.
const reader = openDatabase(dbPath)
const previews: number[] = []
let flagged = 0
let deliveredLater = 0
for (let run = 0; run < 5; run += 1) {
  const begun = performance.now()
  const preview = previewPolicy(reader, {
    tiers: [...DEFAULT_TIERS, { hard: 1, soft: 2, days: 3660, action: 'review' }],
  })
  previews.push(performance.now() - begun)
  flagged = preview.flagged
  deliveredLater = preview.deliveredLater
}
reader.close()
process.stdout.write(
  `${JSON.stringify({
    ok: true,
    events: summary.events,
    newEvents: summary.newEvents,
    ignored: summary.ignored,
    ms,
    cpuMs,
    maxRssMb: importRssMb,
    dbBytes: statSync(dbPath).size,
    previewMs: previews,
    flagged,
    deliveredLater,
  })}\n`,
)
