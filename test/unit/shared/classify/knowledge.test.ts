import { describe, expect, it } from 'vitest'
import { explainCode, listCatalog } from '../../../../electron/shared/catalog/index'
import { classify } from '../../../../electron/shared/classify/index'
import { PROVIDER_RULES, providerKnowledge } from '../../../../electron/shared/classify/knowledge/index'

describe('provider knowledge as data', () => {
  it('every record names its provider, its reason in our words, and a public source', () => {
    const ids = new Set<string>()
    for (const rule of PROVIDER_RULES) {
      expect(ids.has(rule.id), rule.id).toBe(false)
      ids.add(rule.id)
      expect(rule.provider).toMatch(/^[a-z0-9.-]+$/)
      expect(rule.title.length).toBeGreaterThan(5)
      expect(rule.explanation.length).toBeGreaterThan(20)
      expect(rule.source.url).toMatch(/^https?:\/\/[^ ]+$/)
      expect(rule.source.title.length).toBeGreaterThan(5)
    }
  })

  it('a provider code decides over the generic wording around it', () => {
    const result = classify('421 4.7.0 [TS03] All messages from 192.0.2.1 will be permanently deferred; user unknown')
    expect(result.reason).toBe('blocked')
    expect(result.evidence[0]?.rule).toBe('provider:yahoo-ts03')
    expect(result.evidence[0]?.match).toBe('TS03')
  })

  it("a provider's own meaning of a registered status applies only to that provider's mail", () => {
    const text = '550 5.7.27 The message does not meet the requirements of the sender.'
    expect(providerKnowledge(text.toLowerCase(), { code: '5.7.27', start: 4, end: 10 }, 'gmail')?.reason).toBe(
      'authfailure',
    )
    expect(providerKnowledge(text.toLowerCase(), { code: '5.7.27', start: 4, end: 10 }, null)).toBeNull()
    // The recipient's domain is the context that names Gmail when the text does not.
    expect(classify(text, { domain: 'gmail.com' }).reason).toBe('authfailure')
    expect(classify(text, { domain: 'example.org' }).reason).not.toBe('authfailure')
  })

  it("an ESP's one-word reject reason is read only as the whole text", () => {
    expect(classify('unsigned').reason).toBe('authfailure')
    expect(classify('hard-bounce').verdict).toBe('remove')
    expect(classify('the message was unsigned by the gateway, user unknown').reason).toBe('userunknown')
  })

  it('the Codes view lists every record, with its source, and explain finds it', () => {
    const entry = explainCode('RTR:BB')
    expect(entry?.source?.url).toMatch(/aol/)
    const withSources = listCatalog().filter((item) => item.source !== undefined)
    expect(withSources.length).toBeGreaterThanOrEqual(PROVIDER_RULES.length - 10)
    expect(explainCode('S3150')?.source?.url).toMatch(/outlook/)
  })
})
