/**
 * Activity benchmark (issue 15 targets): importing a Bulk Activity Extract file of 1M events
 * against the sqlite3 shell's bare `.import` of the same file (target ≤ 2×), run alternately so
 * both see the same machine load; the import's peak memory (target ≤ 300 MB); re-importing the
 * same file (every event already stored); the policy preview over the result (target ≤ 1 s).
 *
 * Usage: npm run bench:activities [-- --events 1000000 --runs 3]
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { writeActivityFile } from './generate-activities'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
  },
})
const EVENTS = Number(values.events)
const RUNS = Number(values.runs)
const DATA = join(import.meta.dirname, '.data')
mkdirSync(DATA, { recursive: true })

interface Run {
  ok: boolean
  events: number
  newEvents: number
  ms: number
  cpuMs: number
  maxRssMb: number
  dbBytes: number
  previewMs: number[]
  flagged: number
  deliveredLater: number
}

function freshDb(name: string): string {
  const path = join(DATA, name)
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  return path
}

interface Timed {
  ms: number
  cpuMs: number
}

/**
 * The baseline, with its CPU time (user + system) from bash's `times`: on a shared machine wall
 * times move with the load far more than CPU times do.
 */
function sqliteImport(file: string): Timed {
  const db = freshDb('sqlite3-activities-baseline.db')
  const started = performance.now()
  const out = execFileSync('bash', ['-c', 'sqlite3 "$1" ".import --csv $2 t" >/dev/null && times', 'bash', db, file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ms = performance.now() - started
  // `times` prints the shell's own user/system time, then its children's: `0m2.650s 0m0.620s`.
  const children = out.trim().split('\n').at(-1) ?? ''
  const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, match) => sum + (Number(match[1]) * 60 + Number(match[2])) * 1000,
    0,
  )
  return { ms, cpuMs }
}

function ourImport(file: string, db: string): Run {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'activities-once.ts'), file, db],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  )
  if (child.status !== 0) throw new Error(`activities-once failed: ${child.stderr}`)
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Run
}

const median = (list: number[]): number => {
  const sorted = [...list].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

try {
  execFileSync('sqlite3', ['-version'], { stdio: 'ignore' })
} catch {
  process.stderr.write('The sqlite3 command-line shell is needed as the baseline: apt-get install sqlite3\n')
  process.exit(1)
}

const file = join(DATA, `activities-${EVENTS}.csv`)
if (!existsSync(file)) {
  process.stdout.write(`generating ${file} …\n`)
  writeActivityFile(file, { events: EVENTS })
}
const megabytes = (statSync(file).size / 1024 / 1024).toFixed(1)
process.stdout.write(
  `\nimport of ${EVENTS.toLocaleString('en-US')} activity rows (${megabytes} MB), ${RUNS} alternating runs\n`,
)
const baseline: Timed[] = []
const ours: Run[] = []
for (let run = 0; run < RUNS; run += 1) {
  baseline.push(sqliteImport(file))
  const result = ourImport(file, freshDb('activities-ours.db'))
  ours.push(result)
  process.stdout.write(
    `  run ${run + 1}: sqlite3 .import ${seconds(baseline.at(-1)?.ms ?? 0)} (CPU ${seconds(baseline.at(-1)?.cpuMs ?? 0)}), ours ${seconds(result.ms)} (CPU ${seconds(result.cpuMs)})\n`,
  )
}
rmSync(join(DATA, 'sqlite3-activities-baseline.db'), { force: true })
const again = ourImport(file, join(DATA, 'activities-ours.db'))
const last = ours.at(-1)
const ratios = ours.map((run, index) => run.ms / (baseline[index]?.ms ?? 1))
const cpuRatios = ours.map((run, index) => run.cpuMs / (baseline[index]?.cpuMs ?? 1))
const previews = ours.flatMap((run) => run.previewMs)
const lines = [
  '',
  `load average at the end         ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}   (${availableParallelism()} cores)`,
  `sqlite3 .import (median)        ${seconds(median(baseline.map((run) => run.ms)))}, CPU ${seconds(median(baseline.map((run) => run.cpuMs)))}`,
  `our import (median)             ${seconds(median(ours.map((run) => run.ms)))}, CPU ${seconds(median(ours.map((run) => run.cpuMs)))}   (${last?.events.toLocaleString('en-US')} events kept)`,
  `ratio ours/sqlite3 (median)     ${median(ratios).toFixed(2)}× wall, ${median(cpuRatios).toFixed(2)}× CPU   (target ≤ 2.00×)`,
  `peak RSS of our import          ${Math.max(...ours.map((run) => run.maxRssMb)).toFixed(0)} MB   (target ≤ 300 MB)`,
  `database size                   ${((last?.dbBytes ?? 0) / 1024 / 1024).toFixed(1)} MB`,
  `same file again                 ${seconds(again.ms)}, ${again.newEvents} new events`,
  `policy preview, 3 tiers         median ${median(previews).toFixed(0)} ms, worst ${Math.max(...previews).toFixed(0)} ms   (target ≤ 1000 ms; ${last?.flagged} leads flagged, ${last?.deliveredLater} delivered to later)`,
]
process.stdout.write(`${lines.join('\n')}\n`)
