import { describe, expect, it } from 'vitest'
import { loadCorpus } from '../../../../bench/provider-texts'
import { clauseConcepts } from '../../../../electron/shared/classify/clauses'
import { topicFeatures } from '../../../../electron/shared/classify/language/topics'

// Every gate open: what the features would be without the word scan that skips most patterns.
const ALL_OPEN = new Uint8Array(1 << 20).fill(1)

describe('the language layer’s topics and clause kinds', () => {
  const texts = [...loadCorpus('documented'), ...loadCorpus('received')].map((row) => row.text.toLowerCase())

  it('the word scan never hides a topic or a clause kind the patterns would find', () => {
    for (const text of texts) {
      expect(topicFeatures(text)).toEqual(topicFeatures(text, ALL_OPEN))
      expect(clauseConcepts(text)).toEqual(clauseConcepts(text, ALL_OPEN))
    }
  })

  it('names the same topic in different languages', () => {
    for (const text of ['connection timed out', 'таймаут', '连接超时', 'タイムアウトしました', 'zeitüberschreitung']) {
      expect(topicFeatures(text)).toContain('t:timeout')
    }
    expect(topicFeatures('ip listed at spamhaus')).toEqual(expect.arrayContaining(['t:reputation', 't:sending-host']))
    expect(topicFeatures('everything fine')).toEqual([])
  })
})
