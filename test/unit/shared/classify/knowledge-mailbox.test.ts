import { describe, expect, it } from 'vitest'
import { explainCode, listCatalog } from '../../../../electron/shared/catalog/index'
import { classify } from '../../../../electron/shared/classify/index'
import { PROVIDER_RULES, providerKnowledge } from '../../../../electron/shared/classify/knowledge/index'
import { MAILBOX_PROVIDER_RULES } from '../../../../electron/shared/classify/knowledge/rules-mailbox-providers'

// Texts written for these tests in the shape each provider documents; none is copied from a corpus.
describe("mailbox providers' own codes", () => {
  it.each([
    // Orange / La Poste: the last three digits name the cause, whatever the platform prefix.
    ['host smtp-in.orange.fr said: 550 5.7.1 Mail rejected. OFR_506 [506]', 'spamdetected', 'provider:orange-506'],
    ['host smtp.laposte.net said: 550 5.1.1 Invalid recipient. LPN007_416', 'userunknown', 'provider:orange-416'],
    ['421 mwinf5c15 ME Trop de connexions. OFR004_104 [104]', 'ratelimited', 'provider:orange-104'],
    // Spectrum: AUP#I / AUP#O and a number in a documented range.
    ['554 5.7.1 Mail refused. AUP#I-1210', 'blocked', 'provider:spectrum-1200'],
    ['550 5.1.0 sender rejected. AUP#O-1520', 'rejected', 'provider:spectrum-1500'],
    // Cox: a tag after AUP#.
    ['554 5.7.1 Client host rejected AUP#CDRBL', 'blocked', 'provider:cox-cdrbl'],
    ['421 4.7.0 too many connections AUP#CXCNCT', 'ratelimited', 'provider:cox-cxcnct'],
    ['554 5.7.1 Client host rejected AUP#IPBL0101', 'blocked', 'provider:cox-ipbl'],
    // NetEase: a two-part tag.
    [
      '554 DT:SPM 163 mx14,QMCowABHm8ph1fhl, please see http://mail.163.com/help/help_spam_16.htm',
      'spamdetected',
      'provider:netease-dt-spm',
    ],
    ['550 MI:DMA 126 smtp2, DMARC check failed', 'authfailure', 'provider:netease-mi-dma'],
    ['451 RP:TRC 163 mx3, too many recipients today', 'ratelimited', 'provider:netease-rp-trc'],
    // Microsoft 365: directory-based edge blocking.
    [
      '550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [BN1NAM02FT011.eop-nam02.prod.protection.outlook.com]',
      'userunknown',
      'provider:microsoft-as-201806281',
    ],
  ])('%s → %s', (text, reason, rule) => {
    const result = classify(text)
    expect(result.reason).toBe(reason)
    expect(result.evidence[0]?.rule).toBe(rule)
  })

  it("a Microsoft status is read as Microsoft's only for Microsoft's mail", () => {
    const text = '550 5.7.705 Access denied, tenant has exceeded threshold'
    expect(classify(text, { email: 'someone@outlook.com' })).toMatchObject({
      reason: 'blocked',
      verdict: 'fix-sending',
    })
    expect(classify(text, { email: 'someone@outlook.com' }).evidence[0]?.rule).toBe('provider:microsoft-5.7.705')
    expect(providerKnowledge(text.toLowerCase(), { code: '5.7.705', start: 4, end: 11 }, null)).toBeNull()
    const group =
      '550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required [contoso.onmicrosoft.com]'
    expect(classify(group).reason).toBe('rejected')
    expect(classify(group).verdict).toBe('fix-sending')
  })

  it('a provider\'s "no such recipient" at MAIL FROM is about the sender', () => {
    const text = 'host smtp.laposte.net said: 550 5.1.1 Invalid recipient. LPN007_416 (in reply to MAIL FROM command)'
    expect(classify(text).reason).toBe('rejected')
    expect(classify(text).evidence[0]?.rule).toBe('provider:orange-416-at-mail-from')
  })

  it('leaves generic codes, unknown tags and look-alike numbers alone', () => {
    for (const text of [
      '550 5.5.0 service refused, please try later. lpn001_108',
      '550 rejected aup#zzz',
      'see rfc 1234 section 5',
      'order number dt:spmx and aup#i-9999',
    ]) {
      expect(providerKnowledge(text, null, null), text).toBeNull()
    }
  })

  it('ids are unique and every record names a source', () => {
    const ids = PROVIDER_RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of MAILBOX_PROVIDER_RULES) {
      expect(rule.source.url, rule.id).toMatch(/^https?:\/\//)
      expect(rule.explanation.length, rule.id).toBeGreaterThan(20)
    }
  })

  it('the Codes catalog lists the records with their sources', () => {
    const listed = new Set(listCatalog().map((entry) => entry.code.toLowerCase()))
    expect(listed.has('dt:spm')).toBe(true)
    expect(listed.has('aup#cxbl')).toBe(true)
    expect(listed.has('orange-506')).toBe(true)
    expect(listed.has('5.7.705 (microsoft)')).toBe(true)
    expect(explainCode('DT:SPM')?.source?.url).toMatch(/163\.com/)
    expect(explainCode('AUP#CXBL')?.source?.url).toMatch(/cox/)
    const tenant = listCatalog().find((entry) => entry.code === '5.7.750 (microsoft)')
    expect(tenant?.source?.url).toMatch(/learn\.microsoft\.com/)
  })
})
