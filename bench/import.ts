/**
 * Import benchmark (issue targets): our full import (parse + classify + store + tallies) against
 * the sqlite3 shell's bare `.import` of the same file, run alternately in this script so both see
 * the same machine load; peak memory of our import process; database growth from a second
 * snapshot with 1 % churn; time to refuse a file imported before.
 *
 * Every row of issue #14's target table is printed in one run: the import is timed both as the
 * whole CLI process a user runs (`cli import`, wall time and peak RSS by /usr/bin/time) and in
 * isolation (`import-once.ts`), and the far-apart snapshot diff comes from `bench/history.ts`.
 *
 * Usage: npm run bench:import [-- --rows 1000000 --big 3000000 --runs 3 --skip-history]
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { writeExport } from './generate-export'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    big: { type: 'string', default: '3000000' },
    runs: { type: 'string', default: '3' },
    'skip-history': { type: 'boolean', default: false },
  },
})
const ROWS = Number(values.rows)
const BIG_ROWS = Number(values.big)
const RUNS = Number(values.runs)
const DATA = join(import.meta.dirname, '.data')
mkdirSync(DATA, { recursive: true })

interface OurRun {
  ok: boolean
  rows: number
  ms: number
  maxRssMb: number
  dbBytes: number
  error?: string
}

function exportFile(rows: number, snapshot = 0): string {
  // Same list name for every snapshot of a size, as a user's weekly exports of one smart list.
  const path = join(DATA, `deliverability-${rows}-2026-11-${String(13 + snapshot * 7).padStart(2, '0')}.csv`)
  if (!existsSync(path)) {
    process.stdout.write(`generating ${path} …\n`)
    writeExport(path, { rows, snapshot, churn: 0.01 })
  }
  return path
}

function freshDb(name: string): string {
  const path = join(DATA, name)
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  return path
}

function sqliteImport(file: string): number {
  const db = freshDb('sqlite3-baseline.db')
  const started = performance.now()
  execFileSync('sqlite3', [db, '.import --csv ' + file + ' t'], { stdio: ['ignore', 'ignore', 'inherit'] })
  return performance.now() - started
}

function ourImport(file: string, db: string): OurRun {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'import-once.ts'), file, db],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  )
  if (child.status !== 0) throw new Error(`import-once failed: ${child.stderr}`)
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as OurRun
}

interface CliRun {
  ms: number
  maxRssMb: number
  dbBytes: number
}

const ROOT = join(import.meta.dirname, '..')

/** The node arguments of `npm run -s cli` (package.json's `cli` script), so the CLI is timed as a user runs it. */
function cliArguments(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts
  const [program, ...args] = (scripts['cli'] ?? '').split(/\s+/)
  if (program !== 'node') throw new Error(`package.json's cli script should start with node, not '${program}'`)
  return args
}

/** The import as a user runs it: one `cli import` process, timed whole, its peak RSS by the kernel. */
function cliImport(file: string, db: string): CliRun {
  const child = spawnSync(
    '/usr/bin/time',
    ['-f', 'TIME %e %M', process.execPath, ...cliArguments(), 'import', file, '--db', db],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 },
  )
  const line = child.stderr.split('\n').find((text) => text.startsWith('TIME '))
  if (child.status !== 0 || !line) throw new Error(`cli import failed: ${child.stderr.slice(-2000)}`)
  const [, seconds = '0', kb = '0'] = line.split(' ')
  return { ms: Number(seconds) * 1000, maxRssMb: Number(kb) / 1024, dbBytes: statSync(db).size }
}

/** The far-apart diffs' first calls (52 × 200k history), from the history benchmark's own output. */
function historyDiffs(): string[] {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'history.ts'), '--runs', '3'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  )
  if (child.status !== 0) return [`bench:history failed: ${child.stderr.slice(-500)}`]
  return child.stdout.split('\n').filter((text) => text.startsWith('diff:get week'))
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

try {
  execFileSync('sqlite3', ['-version'], { stdio: 'ignore' })
} catch {
  process.stderr.write('The sqlite3 command-line shell is needed as the baseline: apt-get install sqlite3\n')
  process.exit(1)
}

const first = exportFile(ROWS)
process.stdout.write(
  `\nimport of ${ROWS.toLocaleString('en-US')} rows (${mb(statSync(first).size)}), ${RUNS} alternating runs\n`,
)
const baseline: number[] = []
const ours: OurRun[] = []
const cli: CliRun[] = []
for (let run = 0; run < RUNS; run += 1) {
  baseline.push(sqliteImport(first))
  const viaCli = cliImport(first, freshDb('ours-cli.db'))
  cli.push(viaCli)
  const result = ourImport(first, freshDb('ours.db'))
  if (!result.ok) throw new Error(result.error)
  ours.push(result)
  process.stdout.write(
    `  run ${run + 1}: sqlite3 .import ${seconds(baseline.at(-1) ?? 0)}, cli import process ${seconds(viaCli.ms)} (${viaCli.maxRssMb.toFixed(0)} MB), import alone ${seconds(result.ms)}\n`,
  )
}
const cliRatios = cli.map((r, i) => r.ms / (baseline[i] ?? 1))
const ourMedian = median(ours.map((r) => r.ms))
const baseMedian = median(baseline)
const ratios = ours.map((r, i) => r.ms / (baseline[i] ?? 1))
const firstDbBytes = ours.at(-1)?.dbBytes ?? 0

// Second snapshot with 1 % churn into the database the last run left.
const second = exportFile(ROWS, 1)
const secondRun = ourImport(second, join(DATA, 'ours.db'))
const secondCli = cliImport(second, join(DATA, 'ours-cli.db'))
const duplicate = ourImport(first, join(DATA, 'ours.db'))

const big = exportFile(BIG_ROWS)
process.stdout.write(`\nimport of ${BIG_ROWS.toLocaleString('en-US')} rows (${mb(statSync(big).size)}), one run\n`)
const bigBaseline = sqliteImport(big)
const bigCli = cliImport(big, freshDb('ours-big-cli.db'))
const bigRun = ourImport(big, freshDb('ours-big.db'))
rmSync(join(DATA, 'sqlite3-baseline.db'), { force: true })

const peak1 = Math.max(...ours.map((r) => r.maxRssMb))
const cliPeak1 = Math.max(...cli.map((r) => r.maxRssMb))
const cliMedian = median(cli.map((r) => r.ms))
const exportBytes = statSync(first).size
const diffs = values['skip-history'] ? ['(skipped: --skip-history)'] : historyDiffs()
const lines = [
  '',
  `                       ${ROWS.toLocaleString('en-US').padStart(12)} rows   ${BIG_ROWS.toLocaleString('en-US').padStart(12)} rows`,
  `sqlite3 .import       ${seconds(baseMedian).padStart(17)}   ${seconds(bigBaseline).padStart(17)}`,
  `our import            ${seconds(ourMedian).padStart(17)}   ${seconds(bigRun.ms).padStart(17)}`,
  `ratio ours/sqlite3    ${`${median(ratios).toFixed(2)}×`.padStart(17)}   ${`${(bigRun.ms / bigBaseline).toFixed(2)}×`.padStart(17)}   (target ≤ 1.00×)`,
  `rows per second       ${Math.round(ROWS / (ourMedian / 1000))
    .toLocaleString('en-US')
    .padStart(17)}   ${Math.round(BIG_ROWS / (bigRun.ms / 1000))
    .toLocaleString('en-US')
    .padStart(17)}`,
  `peak RSS              ${`${peak1.toFixed(0)} MB`.padStart(17)}   ${`${bigRun.maxRssMb.toFixed(0)} MB`.padStart(17)}   (isolated import; big ≤ 1.3× = ${(peak1 * 1.3).toFixed(0)} MB; ratio ${(bigRun.maxRssMb / peak1).toFixed(2)}×)`,
  `database size         ${mb(firstDbBytes).padStart(17)}   ${mb(bigRun.dbBytes).padStart(17)}`,
  '',
  `second snapshot, 1 % churn: ${seconds(secondRun.ms)}, database ${mb(firstDbBytes)} → ${mb(secondRun.dbBytes)}, added ${mb(secondRun.dbBytes - firstDbBytes)} = ${(((secondRun.dbBytes - firstDbBytes) / firstDbBytes) * 100).toFixed(1)} % of the first (target ≤ 10 %)`,
  `refusing a file imported before: ${seconds(duplicate.ms)} (target < 1 s) — ${duplicate.ok ? 'NOT refused!' : 'refused'}`,
]
const ratio = (value: number): string => `${value.toFixed(2)}×`
const target = [
  '',
  "issue #14's target table (median of the runs above; the CLI process is what a user runs)",
  `  ${ROWS.toLocaleString('en-US')}-row first import vs sqlite3 .import: cli process ${ratio(median(cliRatios))} (${seconds(cliMedian)}), import alone ${ratio(median(ratios))}   target ≤ 1.5×`,
  `  ${BIG_ROWS.toLocaleString('en-US')}-row first import vs the same: cli process ${ratio(bigCli.ms / bigBaseline)} (${seconds(bigCli.ms)}), import alone ${ratio(bigRun.ms / bigBaseline)}   target ≤ 1.5×`,
  `  second weekly snapshot (1 % churn) vs the first import: cli process ${ratio(secondCli.ms / cliMedian)}, import alone ${ratio(secondRun.ms / ourMedian)}   target ≤ 0.35×`,
  `  database size at ${ROWS.toLocaleString('en-US')} rows vs the export: ${ratio(firstDbBytes / exportBytes)} (${mb(firstDbBytes)} / ${mb(exportBytes)})   target ≤ 1.0×`,
  `  peak RSS of the cli process: ${cliPeak1.toFixed(0)} MB at ${ROWS.toLocaleString('en-US')} (target ≤ 300 MB), ${bigCli.maxRssMb.toFixed(0)} MB at ${BIG_ROWS.toLocaleString('en-US')} = ${ratio(bigCli.maxRssMb / cliPeak1)} (target ≤ 1.3×)`,
  '  far-apart snapshot diff, first call (bench:history, 52 × 200k; target ≤ 50 ms):',
  ...diffs.map((text) => `    ${text}`),
]
process.stdout.write(`${[...lines, ...target].join('\n')}\n`)
