import { describe, expect, it } from 'vitest'
import { answerOf, leaveProvidersOut, loadCorpus, score } from '../../../../bench/provider-texts'
import { classify } from '../../../../electron/shared/classify/index'
import { LANGUAGE_MODEL_METADATA } from '../../../../electron/shared/classify/language/model.generated'

// Floors under the figures of `npm run bench:accuracy` when the corpora and rules were last changed
// (bench/README.md); raise them as the classifier improves, never lower them to make a change pass.
// Leave-providers-out is the figure that predicts texts from providers the rules and model never saw.
// The received and leave-providers-out floors went down when the held-out sets received-2026-12d and -12e
// joined the corpora (299 harder texts, 60 % of 12e dashboard labels; not a weaker classifier: on the 564
// received texts before them 2026.12.3 scores 82.8 / 90.1 / 85.5 where 2026.12.2 scored 82.1 / 89.2 / 84.8).
const DOCUMENTED_FLOOR = { category: 90, permanent: 94.4, verdict: 90.4 }
const RECEIVED_FLOOR = { category: 79.9, permanent: 86.8, verdict: 82.8 }
const LEAVE_PROVIDERS_OUT_FLOOR = { category: 84.3, permanent: 90.6, verdict: 86.2, onholdAtMost: 3.9 }

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
