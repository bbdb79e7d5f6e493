/**
 * How right the classifier is, beside Sisimai 4.x reading the same texts alone:
 *  - the oracle (test/fixtures/oracle: Sisimai's own expectations; see its README for caveats);
 *  - our labelled corpora (test/fixtures/provider-texts: documented and received), in-sample;
 *  - leave-providers-out over the corpora: fitted without a fifth of the providers, scored on them,
 *    rules alone and rules + language layer — the figure that predicts unseen providers.
 *
 *   npm run bench:accuracy               # summary + most frequent disagreements
 *   npm run bench:accuracy -- --all      # also list every disagreeing row
 *
 * Sisimai runs through bench/sisimai-text.pl (Debian: libsisimai-perl); without it the bench says so and
 * prints our figures alone. The computations are exported so unit tests can hold floors.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { categoryOf } from '../electron/shared/classify/category'
import { classify, classifyWith } from '../electron/shared/classify/index'
import { LANGUAGE_MODEL_METADATA } from '../electron/shared/classify/language/model.generated'
import { REASONS, type Reason } from '../electron/shared/classify/types'
import {
  answerOf,
  leaveProvidersOut,
  loadCorpus,
  score,
  type Answer,
  type CorpusScore,
  type LabelledRow,
} from './provider-texts'
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
  return `  ${label.padEnd(label.length > 12 ? 34 : 12)} ${t.percent.toFixed(1).padStart(5)} %  (${t.agree}/${t.total})`
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

export interface SisimaiAnswer {
  reason: string
  hard: boolean
  permanent: boolean | null
}

const SISIMAI_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'sisimai-text.pl')

/** Sisimai's text-only reading of each text, or null when Perl or Sisimai is not installed. */
export function sisimaiRead(texts: readonly string[]): SisimaiAnswer[] | null {
  const input = texts.map((text) => text.replaceAll('\r', '').replaceAll('\n', '\\n')).join('\n') + '\n'
  const run = spawnSync('perl', [SISIMAI_SCRIPT], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (run.status !== 0 || typeof run.stdout !== 'string') return null
  const lines = run.stdout.split('\n')
  return texts.map((_, i) => {
    const [reason = '', hardness = '', permanent = ''] = (lines[i] ?? '').split('\t')
    return {
      reason: modernReason(reason),
      hard: hardness === 'hard',
      permanent: permanent === '1' ? true : permanent === '0' ? false : hardness === 'hard',
    }
  })
}

function isReason(value: string): value is Reason {
  return (REASONS as readonly string[]).includes(value)
}

/** Sisimai gives no verdict; its category comes from its reason, in the same vocabulary as ours. */
export function sisimaiAnswer(answer: SisimaiAnswer): Answer {
  const reason = isReason(answer.reason) ? answer.reason : 'undefined'
  return { category: categoryOf(reason), permanent: answer.permanent, verdict: null }
}

function scoreLine(label: string, s: CorpusScore, verdicts = true): string {
  const verdict = verdicts ? `${s.verdict.toFixed(1).padStart(5)} %` : '    –  '
  return `  ${label.padEnd(34)} ${s.category.toFixed(1).padStart(5)} %  ${s.permanent.toFixed(1).padStart(5)} %  ${verdict}  ${s.onhold.toFixed(1).padStart(5)} %`
}

function printCorpus(title: string, rows: readonly LabelledRow[], all: boolean): void {
  if (rows.length === 0) {
    console.log(`\n${title}: no rows`)
    return
  }
  const providers = new Set(rows.map((row) => row.provider)).size
  const languages = new Set(rows.map((row) => row.language)).size
  console.log(`\n${title}: ${rows.length} texts, ${providers} providers, ${languages} languages`)
  console.log(`  ${''.padEnd(34)} category  permanent  verdict  don't know`)
  const ours = rows.map((row) => classify(row.text))
  console.log(scoreLine('ours, shipped model (in-sample)', score(rows, ours.map(answerOf))))
  console.log(
    scoreLine(
      'ours, rules alone',
      score(
        rows,
        rows.map((row) => answerOf(classifyWith(null, row.text))),
      ),
    ),
  )
  const sisimai = sisimaiRead(rows.map((row) => row.text))
  if (sisimai === null) console.log('  Sisimai 4.x: not installed (apt-get install libsisimai-perl); ours alone')
  else console.log(scoreLine('Sisimai 4.25, text only', score(rows, sisimai.map(sisimaiAnswer)), false))
  if (!all) return
  rows.forEach((row, i) => {
    const got = ours[i]
    if (got === undefined || (got.category === row.category && got.verdict === row.verdict)) return
    console.log(
      `    ${row.provider}\t${row.category}/${row.verdict} → ${got.category}/${got.verdict} [${got.evidence[0]?.rule ?? ''}]\t${row.text.slice(0, 150)}`,
    )
  })
}

/**
 * Oracle rows where Sisimai expects `filtered` and we answer "user unknown", for one of two reasons we
 * do not count as errors of reading: the issue's own rule ("a filter in disguise is a caution, not a
 * different reason": our answer carries a caution), or the text alone says "user unknown" and Sisimai
 * learned "filtered" from the SMTP step in the message around it, which Marketo does not keep (Sisimai
 * reading the same text alone answers "user unknown" too). Listed, and the figures are also given
 * without them, beside (never instead of) the plain ones.
 */
/** The oracle rows of `printOutsideTheText`, and the figures without them. */
export function outsideTheText(
  report: AgreementReport,
  sisimai: readonly SisimaiAnswer[] | null,
  rows: readonly OracleRow[],
): { count: number; reason: Tally; hardBounce: Tally } {
  const index = new Map(rows.map((row, i) => [row, i]))
  const set = report.misses.filter(({ row, got }) => {
    if (row.reason !== 'filtered' || got.reason !== 'userunknown') return false
    if (got.evidence.some((e) => e.rule.startsWith('caution:'))) return true
    const i = index.get(row)
    return sisimai !== null && i !== undefined && sisimai[i]?.reason === 'userunknown'
  })
  const left = report.rows - set.length
  const hardAgreeAmongThem = set.filter(({ row, got }) => got.hardBounce === row.hard).length
  return {
    count: set.length,
    reason: tally(report.reason.agree, left),
    hardBounce: tally(report.hardBounce.agree - hardAgreeAmongThem, left),
  }
}

function printOutsideTheText(
  report: AgreementReport,
  sisimai: readonly SisimaiAnswer[] | null,
  rows: readonly OracleRow[],
): void {
  const outside = outsideTheText(report, sisimai, rows)
  console.log(
    `  'filtered' that the text alone cannot show (a caution by design, or Sisimai's own text-only reading agrees with ours): ${outside.count}`,
  )
  console.log(line('  reason without them', outside.reason))
  console.log(line('  hardBounce without them', outside.hardBounce))
}

/**
 * Oracle rows where a provider's own documentation decided and Sisimai expects otherwise: the provider
 * wins, and these are listed so a reviewer can check each against its source.
 */
function printProviderWins(report: AgreementReport): void {
  const wins = report.misses.filter(({ got }) => /^provider(-code)?:/.test(got.evidence[0]?.rule ?? ''))
  console.log(`  where a provider's documentation decided against Sisimai's expectation: ${wins.length}`)
  for (const { row, got } of wins) {
    console.log(`    ${row.id}: Sisimai ${row.reason}, provider rule ${got.evidence[0]?.rule ?? ''} → ${got.reason}`)
  }
}

function printOracleBeside(rows: readonly OracleRow[], sisimai: readonly SisimaiAnswer[] | null): void {
  if (sisimai === null) return
  let reason = 0
  let hard = 0
  rows.forEach((row, i) => {
    if (sisimai[i]?.reason === row.reason) reason++
    if (sisimai[i]?.hard === row.hard) hard++
  })
  console.log(line('Sisimai 4.25 text only: reason', tally(reason, rows.length)))
  console.log(line('Sisimai 4.25 text only: hardBounce', tally(hard, rows.length)))
}

function main(): void {
  const all = process.argv.includes('--all')
  const cases = loadOracle(join(ORACLE_DIR, 'sisimai-cases.tsv'), join(ORACLE_DIR, 'sisimai-cases-meta.tsv'))
  const oracle = computeAgreement(cases)
  printReport('Sisimai corpus (sisimai-cases.tsv)', oracle, 15, all)
  printProviderWins(oracle)
  const sisimaiOnOracle = sisimaiRead(cases.map((row) => row.diagnostic))
  printOutsideTheText(oracle, sisimaiOnOracle, cases)
  printOracleBeside(cases, sisimaiOnOracle)
  const phrases = loadOracle(join(ORACLE_DIR, 'sisimai-phrases.tsv')).filter((row) => row.reason !== 'vacation')
  printReport(
    "Sisimai's example phrases (sisimai-phrases.tsv, vacation rows left out)",
    computeAgreement(phrases),
    10,
    all,
  )

  const documented = loadCorpus('documented')
  const received = loadCorpus('received')
  printCorpus('Documented texts (provider-texts/documented-*.tsv)', documented, all)
  printCorpus('Received texts (provider-texts/received-*.tsv)', received, all)

  const pooled = [...documented, ...received]
  if (pooled.length > 0) {
    const { threshold, minEvidence } = LANGUAGE_MODEL_METADATA
    const lpo = leaveProvidersOut(pooled, { threshold, minEvidence })
    console.log(`\nLeave-providers-out, ${lpo.folds} folds by provider, both corpora (${pooled.length} texts)`)
    console.log(`  ${''.padEnd(34)} category  permanent  verdict  don't know`)
    console.log(scoreLine('rules alone', lpo.rulesAlone))
    console.log(scoreLine('rules + language layer', lpo.withLanguage))
    console.log(
      `  the language layer answered ${lpo.languageDecided} texts, right on ${lpo.languageRight} (confidence ≥ ${threshold}, evidence ≥ ${minEvidence})`,
    )
  }
}

const invokedPath = process.argv[1]
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) main()
