/**
 * Agreement of our classifier with Sisimai's expectations over the oracle corpus
 * (test/fixtures/oracle; see its README for where the rows come from and their caveats).
 *
 *   npx tsx bench/accuracy.ts            # summary + most frequent disagreements
 *   npx tsx bench/accuracy.ts --all      # also list every disagreeing row
 *
 * The agreement computation is exported so a regression test can hold the figures.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { classify } from '../electron/shared/classify/index'
import type { Classification } from '../electron/shared/classify/types'

export const ORACLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'oracle')

export interface OracleRow {
  id: string
  diagnostic: string
  replyCode: string
  status: string
  reason: string
  hard: boolean
  statusInText: boolean | null
  replyInText: boolean | null
  pseudoStatus: boolean | null
}

export interface Tally {
  agree: number
  total: number
  percent: number
}

export interface Disagreement {
  expected: string
  got: string
  count: number
  exampleId: string
  exampleText: string
}

export interface AgreementReport {
  rows: number
  reason: Tally
  hardBounce: Tally
  status: Tally
  replyCode: Tally
  disagreements: Disagreement[]
  /** Every row whose reason disagrees, for `--all`. */
  misses: { row: OracleRow; got: Classification }[]
}

/** Sisimai renamed these reasons after the corpus snapshot; compare in the newer vocabulary. */
const RENAMED_REASONS: Readonly<Record<string, string>> = {
  speeding: 'ratelimited',
  toomanyconn: 'ratelimited',
  mesgtoobig: 'emailtoolarge',
}

export function modernReason(reason: string): string {
  return RENAMED_REASONS[reason] ?? reason
}

function parseTsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .slice(1)
    .map((line) => line.split('\t'))
}

function flag(value: string | undefined): boolean | null {
  if (value === '1') return true
  if (value === '0') return false
  return null
}

/** Reads a cases file (and, when given, its meta file with the `*_in_text` and pseudo-status flags). */
export function loadOracle(casesFile: string, metaFile?: string): OracleRow[] {
  const meta = new Map<string, Map<string, string>>()
  if (metaFile !== undefined) {
    const lines = readFileSync(metaFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
    const header = (lines[0] ?? '').split('\t')
    for (const line of lines.slice(1)) {
      const cells = line.split('\t')
      const byName = new Map<string, string>()
      header.forEach((name, i) => byName.set(name, cells[i] ?? ''))
      meta.set(cells[0] ?? '', byName)
    }
  }
  return parseTsv(casesFile).map((cells) => {
    const [id = '', , diagnostic = '', replyCode = '', status = '', reason = '', hard = '0'] = cells
    const extra = meta.get(id)
    return {
      id,
      diagnostic: diagnostic.replaceAll('\\n', '\n'),
      replyCode,
      status,
      reason: modernReason(reason),
      hard: hard === '1',
      statusInText: flag(extra?.get('status_in_text')),
      replyInText: flag(extra?.get('reply_in_text')),
      pseudoStatus: flag(extra?.get('pseudo_status')),
    }
  })
}

function tally(agree: number, total: number): Tally {
  return { agree, total, percent: total === 0 ? 100 : Math.round((agree / total) * 1000) / 10 }
}

/**
 * Status and reply codes are compared only where the expected value is written in the text: Sisimai may
 * take them from DSN header fields we do not see, or invent a pseudo status (`5.0.9xx`).
 */
export function computeAgreement(rows: readonly OracleRow[]): AgreementReport {
  let reasonAgree = 0
  let hardAgree = 0
  let statusAgree = 0
  let statusTotal = 0
  let replyAgree = 0
  let replyTotal = 0
  const pairs = new Map<string, Disagreement>()
  const misses: AgreementReport['misses'] = []

  for (const row of rows) {
    const got = classify(row.diagnostic)
    if (got.reason === row.reason) reasonAgree++
    else {
      misses.push({ row, got })
      const key = `${row.reason}→${got.reason}`
      const known = pairs.get(key)
      if (known) known.count++
      else
        pairs.set(key, {
          expected: row.reason,
          got: got.reason,
          count: 1,
          exampleId: row.id,
          exampleText: row.diagnostic,
        })
    }
    if (got.hardBounce === row.hard) hardAgree++
    const statusComparable =
      row.status !== '' &&
      row.statusInText !== false &&
      row.pseudoStatus !== true &&
      !/^[45]\.0\.9\d\d$/.test(row.status)
    if (statusComparable) {
      statusTotal++
      if (got.status === row.status) statusAgree++
    }
    if (row.replyCode !== '' && row.replyInText !== false) {
      replyTotal++
      if (String(got.replyCode) === row.replyCode) replyAgree++
    }
  }

  return {
    rows: rows.length,
    reason: tally(reasonAgree, rows.length),
    hardBounce: tally(hardAgree, rows.length),
    status: tally(statusAgree, statusTotal),
    replyCode: tally(replyAgree, replyTotal),
    disagreements: [...pairs.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    misses,
  }
}

function line(label: string, t: Tally): string {
  return `  ${label.padEnd(12)} ${t.percent.toFixed(1).padStart(5)} %  (${t.agree}/${t.total})`
}

function printReport(title: string, report: AgreementReport, top: number, all: boolean): void {
  console.log(`\n${title}: ${report.rows} rows`)
  console.log(line('reason', report.reason))
  console.log(line('hardBounce', report.hardBounce))
  if (report.status.total > 0) console.log(line('status', report.status))
  if (report.replyCode.total > 0) console.log(line('reply code', report.replyCode))
  if (report.disagreements.length === 0) return
  console.log(`  most frequent disagreements (expected → got):`)
  for (const d of report.disagreements.slice(0, top)) {
    console.log(
      `    ${String(d.count).padStart(3)}  ${d.expected} → ${d.got}   e.g. ${d.exampleId}: ${d.exampleText.slice(0, 110)}`,
    )
  }
  if (all) {
    console.log('  every disagreement:')
    for (const { row, got } of report.misses) {
      console.log(
        `    ${row.id}\t${row.reason} → ${got.reason} [${got.evidence[0]?.rule ?? ''}]\t${row.diagnostic.slice(0, 160)}`,
      )
    }
  }
}

function main(): void {
  const all = process.argv.includes('--all')
  const cases = loadOracle(join(ORACLE_DIR, 'sisimai-cases.tsv'), join(ORACLE_DIR, 'sisimai-cases-meta.tsv'))
  printReport('Sisimai corpus (sisimai-cases.tsv)', computeAgreement(cases), 15, all)
  const phrases = loadOracle(join(ORACLE_DIR, 'sisimai-phrases.tsv')).filter((row) => row.reason !== 'vacation')
  printReport(
    "Sisimai's example phrases (sisimai-phrases.tsv, vacation rows left out)",
    computeAgreement(phrases),
    10,
    all,
  )
}

const invokedPath = process.argv[1]
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) main()
