import { describe, expect, it } from 'vitest'
import { explainCode, listCatalog } from '../../../../electron/shared/catalog/index'
import { classify } from '../../../../electron/shared/classify/index'
import { GATEWAY_AND_ESP_RULES } from '../../../../electron/shared/classify/knowledge/rules-gateways-esps'

// Each vendor's own documented example, classified by its own record (the rule id proves which one).
const EXAMPLES: readonly (readonly [string, string, string, string])[] = [
  ['554 5.7.1 XGEMAIL_0004 Sender IP address failed an RBL test', 'sophos-xgemail-0004', 'blocked', 'fix-sending'],
  ['550 5.1.1 XGEMAIL_0011 recipient does not exist', 'sophos-xgemail-0011', 'userunknown', 'remove'],
  ['550 5.7.1 XGEMAIL_0003 Message rejected', 'sophos-xgemail-0003', 'authfailure', 'fix-sending'],
  ['421 4.7.0 XGEMAIL_0014 try again later', 'sophos-xgemail-0014', 'ratelimited', 'retry'],
  [
    '450 4.7.1 <user@example.com>: Recipient address rejected: ERS-QIL.',
    'trendmicro-ers-qil',
    'badreputation',
    'fix-sending',
  ],
  [
    'Recipient address rejected: Mail from <192.0.2.1> was refused due to the sender IP found in ERS-DUL.',
    'trendmicro-ers-dul',
    'blocked',
    'fix-sending',
  ],
  [
    '450 Temporary denial of connection (450) for Zombie matches (ERS)',
    'trendmicro-ers-zombie',
    'badreputation',
    'fix-sending',
  ],
  ['421 Unable to process connection at this time', 'mimecast-unable-to-process', 'systemerror', 'retry'],
  [
    '550 Rejected by header based Anti-Spoofing policy: user@example.com',
    'mimecast-anti-spoofing',
    'authfailure',
    'fix-sending',
  ],
  [
    '550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550',
    'mimecast-envelope-blocked',
    'rejected',
    'fix-sending',
  ],
  ['custom', 'mandrill-custom', 'suppressed', 'remove'],
  ['Spam Content', 'sendgrid-spam-content', 'spamdetected', 'fix-sending'],
  ['Invalid SMTPAPI header', 'sendgrid-invalid-smtpapi-header', 'syntaxerror', 'fix-sending'],
  [
    'Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address.',
    'ses-suppressed-sending',
    'suppressed',
    'remove',
  ],
  ['406 Inactive recipient', 'postmark-406-inactive-recipient', 'suppressed', 'remove'],
  [
    'You tried to send to a recipient that has been marked as inactive. Found inactive addresses: user@example.com.',
    'postmark-marked-inactive',
    'suppressed',
    'remove',
  ],
  ['Not delivering to previously bounced address', 'mailgun-not-delivering', 'suppressed', 'remove'],
  [
    '554 5.7.1 [internal] recipient address was suppressed due to customer policy',
    'sparkpost-suppressed-policy',
    'suppressed',
    'remove',
  ],
  [
    "554 mx.example.com Your access to this mail system has been rejected due to the sending MTA's poor reputation.",
    'cisco-poor-reputation',
    'badreputation',
    'fix-sending',
  ],
]

describe('gateway and ESP knowledge', () => {
  it.each(EXAMPLES)('%s → %s', (text, id, reason, verdict) => {
    const result = classify(text)
    expect(result.evidence[0]?.rule).toBe(`provider:${id}`)
    expect(result.reason).toBe(reason)
    expect(result.verdict).toBe(verdict)
  })

  it('a vendor code is matched as a whole word only', () => {
    expect(classify('550 5.1.1 XGEMAIL_00111 user unknown').evidence[0]?.rule).not.toMatch(/^provider:sophos/)
    expect(classify('550 5.1.1 user unknown, see ERS-QILX').evidence[0]?.rule).not.toMatch(/^provider:trendmicro/)
  })

  it('an ESP reject word counts only as the whole text', () => {
    expect(classify('550 5.1.1 custom user unknown').reason).toBe('userunknown')
  })

  it('the Codes catalog lists every record with its source, and explain finds a vendor code', () => {
    const catalog = listCatalog()
    for (const rule of GATEWAY_AND_ESP_RULES) {
      const code = rule.kind === 'phrase' ? rule.id : rule.match
      const entry = catalog.find((item) => item.code === code)
      expect(entry?.source?.url, rule.id).toBe(rule.source.url)
    }
    expect(explainCode('XGEMAIL_0011')?.reason).toBe('userunknown')
    expect(explainCode(' xgemail_0004 ')?.source?.url).toMatch(/docs\.sophos\.com/)
    expect(explainCode('ERS-QIL')?.source?.url).toMatch(/trendmicro\.com/)
  })

  it('every vendor covered has at least one record, each with a public source', () => {
    const vendors = new Set(GATEWAY_AND_ESP_RULES.map((rule) => rule.provider))
    for (const vendor of [
      'sophos',
      'trendmicro',
      'mimecast',
      'cisco',
      'mandrill',
      'sendgrid',
      'ses',
      'postmark',
      'mailgun',
      'sparkpost',
    ]) {
      expect(vendors.has(vendor), vendor).toBe(true)
    }
    for (const rule of GATEWAY_AND_ESP_RULES) expect(rule.source.url).toMatch(/^https:\/\//)
  })
})

describe('a record that says how long a refusal lasts', () => {
  it('gives the severity when the text has no code that says it', () => {
    expect(classify('Mail from 192.0.2.1 refused: sender IP found in ERS-QIL').severity).toBe('transient')
    // A code in the text still decides: servers act on the reply code.
    expect(classify('550 Mail from 192.0.2.1 refused: sender IP found in ERS-QIL').severity).toBe('permanent')
  })
})
