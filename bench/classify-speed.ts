/**
 * Classifications per second over the oracle texts made unique: single thread, no cache, median of
 * several timed runs after a warm-up.
 *
 *   npx tsx bench/classify-speed.ts [--runs 9]
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { classify } from '../electron/shared/classify/index'
import { ORACLE_DIR } from './accuracy'

function uniqueTexts(): string[] {
  const texts = new Set<string>()
  for (const file of ['sisimai-cases.tsv', 'sisimai-phrases.tsv']) {
    const lines = readFileSync(join(ORACLE_DIR, file), 'utf8').split('\n').slice(1)
    for (const line of lines) {
      const diagnostic = line.split('\t')[2]
      if (diagnostic !== undefined && diagnostic !== '') texts.add(diagnostic)
    }
  }
  return [...texts]
}

/** One timed run: classify every text `repeat` times; returns classifications per second. */
function timedRun(texts: readonly string[], repeat: number): number {
  let sink = 0
  const started = performance.now()
  for (let r = 0; r < repeat; r++) {
    for (const text of texts) sink += classify(text).evidence.length
  }
  const elapsedMs = performance.now() - started
  if (sink < 0) console.log(sink) // keeps the work observable so it cannot be optimised away
  return (texts.length * repeat) / (elapsedMs / 1000)
}

function main(): void {
  const runsArg = process.argv.indexOf('--runs')
  const runs = runsArg >= 0 ? Math.max(7, Number(process.argv[runsArg + 1]) || 9) : 9
  const texts = uniqueTexts()
  const totalChars = texts.reduce((sum, text) => sum + text.length, 0)
  const repeat = 20
  timedRun(texts, repeat) // warm-up: lets the JIT compile the classifier and the regular expressions
  timedRun(texts, repeat)
  const rates = Array.from({ length: runs }, () => timedRun(texts, repeat)).sort((a, b) => a - b)
  const median = rates[Math.floor(rates.length / 2)] ?? 0
  const format = (n: number): string => Math.round(n).toLocaleString('en-US')
  console.log(
    `classify speed: ${texts.length} unique texts (average ${Math.round(totalChars / texts.length)} chars), ${repeat} passes per run, ${runs} runs`,
  )
  console.log(`  median  ${format(median)} classifications/s`)
  console.log(`  slowest ${format(rates[0] ?? 0)} /s, fastest ${format(rates[rates.length - 1] ?? 0)} /s`)
  console.log(`  target  100,000 /s: ${median >= 100_000 ? 'met' : 'NOT met'}`)
}

main()
