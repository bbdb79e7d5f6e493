/**
 * What address hygiene costs an import (issue 17: at most 5 % slower). The same generated export is
 * imported into a fresh database with the AFTER_LEAD_IMPORT hygiene step and without it, the two
 * alternating in one process, and the medians compared; then a second weekly snapshot (1 % churn,
 * about 1 % new leads) on top of each. The step's own time is printed too.
 * Usage: tsx bench/hygiene-import.ts [--rows N] [--runs N]
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../electron/main/db/open'
import { AFTER_LEAD_IMPORT, type AfterLeadImportStep } from '../electron/main/import/after-lead-import'
import { importFile } from '../electron/main/import/import-file'
import { writeExport } from './generate-export'

const { values } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' } } })
const rows = Number(values.rows ?? 200_000)
const runs = Number(values.runs ?? 5)
const dataDir = join(import.meta.dirname, '.data')
mkdirSync(dataDir, { recursive: true })

function exportFile(snapshot: number): string {
  const path = join(dataDir, `hygiene-bench-${rows}-${snapshot === 0 ? '2026-11-13' : '2026-11-20'}.csv`)
  if (!existsSync(path)) writeExport(path, { rows, snapshot, churn: 0.01, seed: 17 })
  return path
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

const first = exportFile(0)
const second = exportFile(1)
const times = { off: [] as number[], on: [] as number[], offSecond: [] as number[], onSecond: [] as number[] }
// CPU time (user + system of this process) moves far less than wall time on a busy shared machine.
const cpu = { off: [] as number[], on: [] as number[], offSecond: [] as number[], onSecond: [] as number[] }
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}
const loads: number[] = [loadavg()[0] ?? 0]
const stepMs: number[] = []
// The step's own CPU time against its import's: the figure the load moves least.
const stepCpuMs: number[] = []
const stepShare: number[] = []
const stepSecondMs: number[] = []
let findings = 0

for (let run = 0; run < runs; run++) {
  // Alternate which goes first, so a slow minute of the shared machine hits both alike.
  for (const mode of run % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
    const dir = mkdtempSync(join(tmpdir(), 'hygiene-bench-'))
    const db = openDatabase(join(dir, 'bench.db'))
    let stepTime = 0
    let stepCpu = 0
    // The watcher's share (it sees each row during the import) is inside the import's time,
    // not the step's: the ratio is the figure that counts.
    const timed: AfterLeadImportStep[] = AFTER_LEAD_IMPORT.map((step) => ({
      ...step,
      run(inner, context, watched) {
        const started = performance.now()
        const cpuAtStart = process.cpuUsage()
        step.run(inner, context, watched)
        stepTime += performance.now() - started
        stepCpu += cpuMs(cpuAtStart)
      },
    }))
    const steps = mode === 'on' ? timed : []
    let started = performance.now()
    let cpuStarted = process.cpuUsage()
    await importFile(db, { path: first, name: 'deliverability-2026-11-13.csv' }, { afterLeadImport: steps })
    times[mode].push(performance.now() - started)
    cpu[mode].push(cpuMs(cpuStarted))
    if (mode === 'on') {
      stepMs.push(stepTime)
      stepCpuMs.push(stepCpu)
      stepShare.push(stepCpu / (cpu.on.at(-1) ?? 1))
    }
    stepTime = 0
    stepCpu = 0
    started = performance.now()
    cpuStarted = process.cpuUsage()
    await importFile(db, { path: second, name: 'deliverability-2026-11-20.csv' }, { afterLeadImport: steps })
    times[mode === 'on' ? 'onSecond' : 'offSecond'].push(performance.now() - started)
    cpu[mode === 'on' ? 'onSecond' : 'offSecond'].push(cpuMs(cpuStarted))
    if (mode === 'on') {
      stepSecondMs.push(stepTime)
      findings = (db.prepare('SELECT count(*) AS n FROM lead_hygiene').get() as { n: number }).n
    }
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  loads.push(loadavg()[0] ?? 0)
  process.stdout.write(`run ${run + 1}/${runs} done (load average ${loads.at(-1)?.toFixed(1)})\n`)
}

const line = (label: string, off: number[], on: number[], step: number[]): string =>
  `${label.padEnd(26)} without ${(median(off) / 1000).toFixed(2)} s   with ${(median(on) / 1000).toFixed(2)} s   ` +
  `ratio ${(median(on) / median(off)).toFixed(3)}   (step alone ${median(step).toFixed(0)} ms, ` +
  `${((median(step) / median(on)) * 100).toFixed(1)} % of the import with it)`
process.stdout.write(`\n${rows.toLocaleString('en')} rows, median of ${runs} runs each, alternating\n`)
process.stdout.write(`${line('first import, wall', times.off, times.on, stepMs)}\n`)
process.stdout.write(`${line('first import, CPU', cpu.off, cpu.on, stepMs)}\n`)
process.stdout.write(`${line('second snapshot (1 %), wall', times.offSecond, times.onSecond, stepSecondMs)}\n`)
process.stdout.write(`${line('second snapshot (1 %), CPU', cpu.offSecond, cpu.onSecond, stepSecondMs)}\n`)
const seconds = (values: number[]): string => values.map((value) => (value / 1000).toFixed(2)).join(', ')
process.stdout.write(`first import, CPU s per run: without ${seconds(cpu.off)}; with ${seconds(cpu.on)}\n`)
process.stdout.write(
  `first import, the step's own CPU time: ${median(stepCpuMs).toFixed(0)} ms, ` +
    `${(median(stepShare) * 100).toFixed(1)} % of its import's CPU time (median of the per-run shares; ` +
    `${stepShare.map((share) => `${(share * 100).toFixed(1)}`).join(', ')} %)\n`,
)
process.stdout.write(
  `load average (1 min) over the runs: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}\n`,
)
process.stdout.write(`leads with a finding: ${findings}\n`)
