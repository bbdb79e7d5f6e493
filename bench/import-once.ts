/**
 * One import in a fresh process, through the same worker thread (and heap limits) the app
 * uses, so the benchmark reads this import's own peak memory.
 * Usage: tsx bench/import-once.ts <file.csv> <db> → one JSON line on stdout.
 */
import { statSync } from 'node:fs'
import { basename } from 'node:path'
import { openDatabase } from '../electron/main/db/open'
import { runImportWorker } from '../electron/main/import/run-import-worker'
import { startImportWorkerFromSource } from '../electron/main/import/start-worker-node'

const [file, dbPath] = process.argv.slice(2)
if (!file || !dbPath) throw new Error('usage: import-once.ts <file.csv> <db>')
openDatabase(dbPath).close() // create and migrate, as the app does before any import
const started = performance.now()
const outcome = await runImportWorker(startImportWorkerFromSource, {
  dbPath,
  file: { path: file, name: basename(file) },
})
const ms = performance.now() - started
const db = openDatabase(dbPath)
db.pragma('wal_checkpoint(TRUNCATE)')
db.close()
process.stdout.write(
  `${JSON.stringify({
    ok: outcome.ok,
    rows: outcome.ok && outcome.kind === 'leads' ? outcome.import.rows : 0,
    ...(outcome.ok ? {} : { error: outcome.error.message }),
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    dbBytes: statSync(dbPath).size,
  })}\n`,
)
