import { describe, expect, it } from 'vitest'
import { answerOf, leaveProvidersOut, loadCorpus, score } from '../../../../bench/provider-texts'
import { classify } from '../../../../electron/shared/classify/index'
import { LANGUAGE_MODEL_METADATA } from '../../../../electron/shared/classify/language/model.generated'

// Floors under the figures of `npm run bench:accuracy` when the corpora and rules were last changed
// (bench/README.md); raise them as the classifier improves, never lower them to make a change pass.
// Leave-providers-out is the figure that predicts texts from providers the rules and model never saw.
// The received permanent floor went from 88.5 to 87.8 when the held-out set received-2026-12d joined the
// corpus (a harder corpus, not a weaker classifier: on the 564 texts before it, 2026.12.3 scores 90.1).
const DOCUMENTED_FLOOR = { category: 89.9, permanent: 94.2, verdict: 90.3 }
const RECEIVED_FLOOR = { category: 82, permanent: 87.8, verdict: 84.5 }
const LEAVE_PROVIDERS_OUT_FLOOR = { category: 85.8, permanent: 91.3, verdict: 87.5, onholdAtMost: 3.3 }

// A reply code or an enhanced status code anywhere in the text.
const ANY_CODE = /(?<![\d.])[245]\d\d(?![\d.])|(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?![\d.])/

describe('accuracy on our labelled corpora', () => {
  const documented = loadCorpus('documented')
  const received = loadCorpus('received')

  it('the corpora are as large and varied as the accuracy figures need', () => {
    expect(documented.length).toBeGreaterThanOrEqual(500)
    expect(new Set(documented.map((row) => row.provider)).size).toBeGreaterThanOrEqual(30)
    expect(new Set(documented.map((row) => row.provider)).size).toBeGreaterThanOrEqual(60)
    expect(received.length).toBeGreaterThanOrEqual(300)
    expect(new Set(received.map((row) => row.language)).size).toBeGreaterThanOrEqual(8)
    expect(received.filter((row) => !ANY_CODE.test(row.text)).length).toBeGreaterThanOrEqual(100)
  })

  it('documented texts stay at or above their floors', () => {
    const result = score(
      documented,
      documented.map((row) => answerOf(classify(row.text))),
    )
    expect(result.category).toBeGreaterThanOrEqual(DOCUMENTED_FLOOR.category)
    expect(result.permanent).toBeGreaterThanOrEqual(DOCUMENTED_FLOOR.permanent)
    expect(result.verdict).toBeGreaterThanOrEqual(DOCUMENTED_FLOOR.verdict)
  })

  it('received texts stay at or above their floors', () => {
    const result = score(
      received,
      received.map((row) => answerOf(classify(row.text))),
    )
    expect(result.category).toBeGreaterThanOrEqual(RECEIVED_FLOOR.category)
    expect(result.permanent).toBeGreaterThanOrEqual(RECEIVED_FLOOR.permanent)
    expect(result.verdict).toBeGreaterThanOrEqual(RECEIVED_FLOOR.verdict)
  })

  it('providers never seen in fitting stay at or above their floors', () => {
    const { threshold, minEvidence } = LANGUAGE_MODEL_METADATA
    const { withLanguage } = leaveProvidersOut([...documented, ...received], { threshold, minEvidence })
    expect(withLanguage.category).toBeGreaterThanOrEqual(LEAVE_PROVIDERS_OUT_FLOOR.category)
    expect(withLanguage.permanent).toBeGreaterThanOrEqual(LEAVE_PROVIDERS_OUT_FLOOR.permanent)
    expect(withLanguage.verdict).toBeGreaterThanOrEqual(LEAVE_PROVIDERS_OUT_FLOOR.verdict)
    expect(withLanguage.onhold).toBeLessThanOrEqual(LEAVE_PROVIDERS_OUT_FLOOR.onholdAtMost)
  })
})
