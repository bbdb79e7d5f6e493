/**
 * A naive Bayes model over the presence of the features of `features.ts`, fitted on our labelled
 * corpora. Labels start from their share of the corpora (a smoothed prior); a uniform start was
 * measured too (leave-providers-out, same figures within 0.1 point) and gave small labels more weight
 * than their evidence.
 *
 * Small enough to ship inside the shared module (counts, not dense weights), fast enough to run on the
 * texts no rule answers, and honest about what it does not know: it returns its posterior confidence and
 * the features that weighed most, and the caller treats a low confidence as "don't know".
 */
import { featureWords, textFeatures } from './features'

/** What the training script writes and the classifier loads. */
export interface LanguageModelData {
  /** The labels, in the order their counts are stored. */
  labels: readonly string[]
  /** Texts per label. */
  documents: readonly number[]
  /** Per feature: pairs of [label index, number of texts of that label containing it]. */
  features: Readonly<Record<string, readonly number[]>>
  /** Laplace smoothing added to every count. */
  smoothing: number
  /** Below this posterior, the model's answer is not used. */
  threshold: number
  /**
   * Below this much evidence (the summed log-likelihood lift of the three strongest features) the
   * answer is not used either: a confident posterior built on one common word is still a guess.
   */
  minEvidence: number
}

export interface LanguagePrediction {
  label: string
  confidence: number
  /** The summed lift of the strongest features (see `minEvidence`). */
  evidence: number
  /** The words that pushed the text towards `label` most, strongest first. */
  words: string[]
}

export interface LabelledText {
  text: string
  label: string
}

interface Compiled {
  labels: readonly string[]
  logPrior: Float64Array
  /** Log-probability of a feature given a label, per feature; absent features are ignored. */
  logLikelihood: Map<string, Float64Array>
  threshold: number
}

/** Fits the counts. Features seen in fewer than `minTexts` texts are dropped to keep the file small. */
export function fitNaiveBayes(
  examples: readonly LabelledText[],
  options: { smoothing?: number; threshold?: number; minEvidence?: number; minTexts?: number } = {},
): LanguageModelData {
  const labels = [...new Set(examples.map((e) => e.label))].sort()
  const index = new Map(labels.map((label, i) => [label, i]))
  const documents = labels.map(() => 0)
  const counts = new Map<string, number[]>()
  for (const example of examples) {
    const li = index.get(example.label) ?? 0
    documents[li] = (documents[li] ?? 0) + 1
    for (const feature of textFeatures(example.text)) {
      let row = counts.get(feature)
      if (row === undefined) {
        row = labels.map(() => 0)
        counts.set(feature, row)
      }
      row[li] = (row[li] ?? 0) + 1
    }
  }
  const minTexts = options.minTexts ?? 2
  const features: Record<string, number[]> = {}
  for (const feature of [...counts.keys()].sort()) {
    const row = counts.get(feature) ?? []
    if (row.reduce((a, b) => a + b, 0) < minTexts) continue
    const pairs: number[] = []
    row.forEach((count, li) => {
      if (count > 0) pairs.push(li, count)
    })
    features[feature] = pairs
  }
  return {
    labels,
    documents,
    features,
    smoothing: options.smoothing ?? 0.5,
    threshold: options.threshold ?? 0.9,
    minEvidence: options.minEvidence ?? 3,
  }
}

const compiledCache = new WeakMap<LanguageModelData, Compiled>()

function compile(data: LanguageModelData): Compiled {
  const cached = compiledCache.get(data)
  if (cached !== undefined) return cached
  const n = data.labels.length
  const total = data.documents.reduce((a, b) => a + b, 0)
  const logPrior = new Float64Array(n)
  // Bernoulli-style likelihood of presence: (texts of the label with the feature + a) / (texts of the label + 2a).
  const denominators = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const docs = data.documents[i] ?? 0
    logPrior[i] = Math.log((docs + 1) / (total + n))
    denominators[i] = docs + 2 * data.smoothing
  }
  const logLikelihood = new Map<string, Float64Array>()
  for (const [feature, pairs] of Object.entries(data.features)) {
    const row = new Float64Array(n).fill(data.smoothing)
    for (let k = 0; k + 1 < pairs.length; k += 2) row[pairs[k] ?? 0] = (pairs[k + 1] ?? 0) + data.smoothing
    for (let i = 0; i < n; i++) row[i] = Math.log((row[i] ?? 0) / (denominators[i] ?? 1))
    logLikelihood.set(feature, row)
  }
  const compiled = { labels: data.labels, logPrior, logLikelihood, threshold: data.threshold }
  compiledCache.set(data, compiled)
  return compiled
}

/**
 * The most likely label, its posterior and the words behind it; null when the text has no feature the
 * model knows (the model would only repeat the prior).
 */
export function predict(data: LanguageModelData, text: string): LanguagePrediction | null {
  const model = compile(data)
  const n = model.labels.length
  const scores = Float64Array.from(model.logPrior)
  const known: [string, Float64Array][] = []
  for (const feature of textFeatures(text)) {
    const row = model.logLikelihood.get(feature)
    if (row === undefined) continue
    known.push([feature, row])
    for (let i = 0; i < n; i++) scores[i] = (scores[i] ?? 0) + (row[i] ?? 0)
  }
  if (known.length === 0) return null
  let best = 0
  for (let i = 1; i < n; i++) if ((scores[i] ?? -Infinity) > (scores[best] ?? -Infinity)) best = i
  const top = scores[best] ?? 0
  let sum = 0
  for (let i = 0; i < n; i++) sum += Math.exp((scores[i] ?? 0) - top)
  const weighed = known
    .map(([feature, row]) => {
      let others = 0
      for (let i = 0; i < n; i++) if (i !== best) others += row[i] ?? 0
      return { feature, lift: (row[best] ?? 0) - others / Math.max(1, n - 1) }
    })
    .filter((w) => w.lift > 0)
    .sort((a, b) => b.lift - a.lift)
  const evidence = weighed.slice(0, 3).reduce((sumOfLifts, w) => sumOfLifts + w.lift, 0)
  const words: string[] = []
  for (const w of weighed) {
    const shown = featureWords(w.feature)
    if (!words.some((existing) => existing.includes(shown) || shown.includes(existing))) words.push(shown)
    if (words.length === 3) break
  }
  return { label: model.labels[best] ?? '', confidence: 1 / sum, evidence, words }
}
