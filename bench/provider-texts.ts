/**
 * Our labelled corpora (test/fixtures/provider-texts/): loading, scoring a classifier on them, and the
 * leave-providers-out folds that predict how the classifier does on providers it has never seen.
 * Used by the accuracy benchmark, the training script and the floors in the unit tests.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isCategory, type Category } from '../electron/shared/classify/category'
import { classifyWith } from '../electron/shared/classify/index'
import { fitNaiveBayes, type LabelledText } from '../electron/shared/classify/language/naive-bayes'
import type { Classification, Verdict } from '../electron/shared/classify/types'
import { VERDICTS } from '../electron/shared/classify/types'

export const PROVIDER_TEXTS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'test',
  'fixtures',
  'provider-texts',
)

export type CorpusName = 'documented' | 'received'

export interface LabelledRow {
  corpus: CorpusName
  file: string
  line: number
  provider: string
  language: string
  text: string
  category: Category
  permanent: boolean
  verdict: Verdict
  source: string
}

const COLUMNS = ['provider', 'language', 'text', 'category', 'permanent', 'verdict', 'source'] as const

function isVerdict(value: string): value is Verdict {
  return (VERDICTS as readonly string[]).includes(value)
}

/** Reads one corpus file; a malformed row is an error naming the file, line and column. */
export function loadCorpusFile(path: string, corpus: CorpusName): LabelledRow[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  const header = (lines[0] ?? '').replace(/\r$/, '').split('\t')
  if (header.join('\t') !== COLUMNS.join('\t')) {
    throw new Error(`${path}: line 1: expected the header ${COLUMNS.join(', ')}`)
  }
  const rows: LabelledRow[] = []
  lines.slice(1).forEach((raw, i) => {
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '') return
    const where = `${path}: line ${i + 2}`
    const cells = line.split('\t')
    if (cells.length !== COLUMNS.length)
      throw new Error(`${where}: expected ${COLUMNS.length} columns, found ${cells.length}`)
    const [provider = '', language = '', text = '', category = '', permanent = '', verdict = '', source = ''] = cells
    if (!isCategory(category)) throw new Error(`${where}: column category: '${category}' is not in the README's list`)
    if (permanent !== 'yes' && permanent !== 'no') throw new Error(`${where}: column permanent: expected yes or no`)
    if (!isVerdict(verdict)) throw new Error(`${where}: column verdict: '${verdict}' is not a verdict`)
    if (source.trim() === '') throw new Error(`${where}: column source: empty`)
    if (text.trim() === '') throw new Error(`${where}: column text: empty`)
    rows.push({
      corpus,
      file: path,
      line: i + 2,
      provider: provider.trim().toLowerCase() || 'unknown',
      language: language.trim().toLowerCase(),
      text,
      category,
      permanent: permanent === 'yes',
      verdict,
      source,
    })
  })
  return rows
}

/** Every `documented-*.tsv` or every `received-*.tsv`, in file-name order. */
export function loadCorpus(corpus: CorpusName, dir: string = PROVIDER_TEXTS_DIR): LabelledRow[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${corpus}-`) && name.endsWith('.tsv'))
    .sort()
    .flatMap((name) => loadCorpusFile(join(dir, name), corpus))
}

export interface CorpusScore {
  rows: number
  category: number
  permanent: number
  verdict: number
  /** Share answered "don't know" (category `unknown`) where the label knows better. */
  onhold: number
}

export interface Answer {
  category: Category
  permanent: boolean | null
  verdict: Verdict | null
}

export function answerOf(result: Classification): Answer {
  return {
    category: result.category,
    permanent: result.severity === 'permanent' ? true : result.severity === 'transient' ? false : null,
    verdict: result.verdict,
  }
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10
}

/** Scores answers against the labels; `null` verdicts (a tool that gives none) score as misses. */
export function score(rows: readonly LabelledRow[], answers: readonly Answer[]): CorpusScore {
  let category = 0
  let permanent = 0
  let verdict = 0
  let onhold = 0
  let knowable = 0
  rows.forEach((row, i) => {
    const answer = answers[i]
    if (answer === undefined) return
    if (answer.category === row.category) category++
    if (answer.permanent === row.permanent) permanent++
    if (answer.verdict === row.verdict) verdict++
    if (row.category !== 'unknown') {
      knowable++
      if (answer.category === 'unknown') onhold++
    }
  })
  return {
    rows: rows.length,
    category: percent(category, rows.length),
    permanent: percent(permanent, rows.length),
    verdict: percent(verdict, rows.length),
    onhold: percent(onhold, knowable),
  }
}

/** A provider's fold, 0…folds-1, stable across runs and machines (a hash of its name). */
export function foldOf(provider: string, folds: number): number {
  let hash = 2166136261
  for (let i = 0; i < provider.length; i++) {
    hash ^= provider.charCodeAt(i)
    hash = Math.imul(hash, 16777619)
  }
  return (hash >>> 0) % folds
}

export interface LeaveProvidersOut {
  folds: number
  rulesAlone: CorpusScore
  withLanguage: CorpusScore
  /** Texts the language layer decided, and how many of those it got right (its precision). */
  languageDecided: number
  languageRight: number
}

/** What a fold's model is fitted on: the category is the label, the text is what it reads. */
export function trainingExamples(rows: readonly LabelledRow[]): LabelledText[] {
  return rows.map((row) => ({ text: row.text, label: row.category }))
}

/**
 * Fit on the texts of four fifths of the providers, score on the rest, five times over, so every text
 * is scored by a model that never saw its provider. Rules alone are scored on the same texts.
 */
export function leaveProvidersOut(
  rows: readonly LabelledRow[],
  options: { folds?: number; threshold?: number; minEvidence?: number } = {},
): LeaveProvidersOut {
  const folds = options.folds ?? 5
  const ruleAnswers = rows.map((row) => answerOf(classifyWith(null, row.text)))
  const languageAnswers: Answer[] = new Array<Answer>(rows.length)
  let languageDecided = 0
  let languageRight = 0
  for (let fold = 0; fold < folds; fold++) {
    const train = rows.filter((row) => foldOf(row.provider, folds) !== fold)
    const model = fitNaiveBayes(trainingExamples(train), {
      threshold: options.threshold,
      minEvidence: options.minEvidence,
    })
    rows.forEach((row, i) => {
      if (foldOf(row.provider, folds) !== fold) return
      const result = classifyWith(model, row.text)
      languageAnswers[i] = answerOf(result)
      if (result.evidence[0]?.rule.startsWith('language:') === true) {
        languageDecided++
        if (result.category === row.category) languageRight++
      }
    })
  }
  return {
    folds,
    rulesAlone: score(rows, ruleAnswers),
    withLanguage: score(rows, languageAnswers),
    languageDecided,
    languageRight,
  }
}
