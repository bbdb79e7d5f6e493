import { describe, expect, it } from 'vitest'
import { explainCode, listCatalog } from '../../../../electron/shared/catalog/index'
import { classify } from '../../../../electron/shared/classify/index'
import { topLevelBranches } from '../../../../electron/shared/classify/gates'
import { PROVIDER_RULES, providerKnowledge } from '../../../../electron/shared/classify/knowledge/index'
import { REGIONAL_PROVIDER_RULES } from '../../../../electron/shared/classify/knowledge/rules-regional-providers'

// Texts written for these tests in the shape each provider documents; none is copied from a corpus.
// [text, recipient (for the records that need the provider named), rule id, reason]
const EXAMPLES: readonly (readonly [string, string | undefined, string, string])[] = [
  [
    '421 4.7.28 Gmail has detected an unusual rate of unsolicited email containing one of your URL domains.',
    undefined,
    'gmail-4.7.28-url-domains',
    'spamdetected',
  ],
  [
    '421 4.7.28 Gmail has detected an unusual rate of unsolicited email originating from your SPF domain example.com.',
    undefined,
    'gmail-4.7.28-unsolicited-rate',
    'badreputation',
  ],
  [
    '421 4.7.28 Gmail has detected an unusual rate of email originating from your IP address 192.0.2.1.',
    undefined,
    'gmail-4.7.28-unusual-rate',
    'ratelimited',
  ],
  [
    '421 4.7.28 Gmail has detected this sender exceeded the quota for sending messages that have the same Message-ID:.',
    undefined,
    'gmail-4.7.28-same-message-id',
    'ratelimited',
  ],
  [
    '550 5.7.24 The SPF record of the sending domain has one or more suspicious entries.',
    undefined,
    'gmail-spf-suspicious-entries',
    'authfailure',
  ],
  [
    '550 5.7.0 Email relay denied 192.0.2.1. The sending email account has been temporarily suspended due to abuse.',
    undefined,
    'gmail-relay-account-suspended',
    'blocked',
  ],
  [
    '421 4.7.0 IP not in whitelist for RCPT domain, closing connection.',
    undefined,
    'gmail-ip-not-in-allowlist',
    'rejected',
  ],
  [
    '550 5.7.1 The message contains a unicode character in a disallowed header.',
    undefined,
    'gmail-unicode-disallowed-header',
    'notcompliantrfc',
  ],
  ['451 4.7.23 192.0.2.1 the sending IP address needs a fixed name', 'someone@gmail.com', 'gmail-4.7.23', 'requireptr'],
  ['421 4.7.40 please add a record', 'someone@gmail.com', 'gmail-4.7.40', 'authfailure'],
  ['550 5.7.40 please add a record', 'someone@googlemail.com', 'gmail-5.7.40', 'authfailure'],
  [
    '451 VS1-IP Excessive unknown recipients - possible Open Relay (#4.1.8)',
    undefined,
    'yahoo-vs1-ip',
    'badreputation',
  ],
  ['451 VS1-MF deferred', undefined, 'yahoo-vs1-mf', 'badreputation'],
  [
    '421 4.7.0 Messages deferred: excessive unknown recipients from 192.0.2.1',
    undefined,
    'yahoo-excessive-unknown-recipients',
    'badreputation',
  ],
  [
    '451 Message temporarily deferred due to unresolvable RFC.5321 from domain',
    undefined,
    'yahoo-unresolvable-from-domain',
    'authfailure',
  ],
  [
    '554 Message not allowed - [PH01] Email not accepted for policy reasons',
    undefined,
    'yahoo-ph-content',
    'virusdetected',
  ],
  ["550 5.1.1 szn; User hasn't got the service mapped", undefined, 'seznam-service-not-mapped', 'userunknown'],
  ['Blocked by spam statistics - see the help page', undefined, 'yandex-spam-statistics', 'blocked'],
  ['550 Message rejected under suspicion of SPAM', undefined, 'yandex-suspicion-of-spam', 'spamdetected'],
  ['550 Policy rejection on the target address', undefined, 'yandex-policy-rejection-target', 'suspend'],
  [
    '504 5.5.2 <neko>: Recipient address rejected: need fully-qualified address',
    undefined,
    'yandex-need-fully-qualified',
    'userunknown',
  ],
  ['554 Message infected by virus', undefined, 'yandex-infected-by-virus', 'virusdetected'],
  [
    'host mx3.qq.com[192.0.2.9] said: 550 Domain frequency limited [abc]. (in reply to end of DATA command)',
    undefined,
    'tencent-frequency-limited',
    'ratelimited',
  ],
  [
    'host mxb-00.gslb.pphosted.com[192.0.2.4] said: 550 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.8',
    undefined,
    'proofpoint-ip-lookup',
    'blocked',
  ],
  [
    '554 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.8',
    undefined,
    'proofpoint-ip-lookup',
    'blocked',
  ],
  ['5.2.1 Subject is Mandatory.', undefined, 'zoho-subject-mandatory', 'notcompliantrfc'],
  ['5.2.0 Email size exceeded the policy.', undefined, 'zoho-size-exceeded-policy', 'emailtoolarge'],
  [
    '554-gmx.net (mxgmx117) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed.',
    undefined,
    'gmx-ip-block-listed',
    'blocked',
  ],
  [
    'host mx2.free.fr[192.0.2.7] said: 550 spam detected (in reply to end of DATA command)',
    undefined,
    'free-spam-detected',
    'spamdetected',
  ],
]

describe('regional providers and Gmail: their own documented wordings', () => {
  it.each(EXAMPLES)('%s → %s', (text, email, id, reason) => {
    const result = classify(text, email === undefined ? undefined : { email })
    expect(result.evidence[0]?.rule).toBe(`provider:${id}`)
    expect(result.reason).toBe(reason)
  })

  it('every record has an example here', () => {
    const covered = new Set(EXAMPLES.map(([, , id]) => id))
    for (const rule of REGIONAL_PROVIDER_RULES) expect(covered.has(rule.id), rule.id).toBe(true)
  })

  it("reads Gmail's own meaning of a status code only for Gmail's mail", () => {
    const text = '451 4.7.23 please try again'
    expect(classify(text, { email: 'someone@gmail.com' }).reason).toBe('requireptr')
    expect(classify(text, { email: 'someone@example.org' }).evidence[0]?.rule).not.toBe('provider:gmail-4.7.23')
    expect(providerKnowledge(text, { code: '4.7.23', start: 4, end: 10 }, 'yahoo')).toBeNull()
  })

  it('leaves look-alike wordings of other servers alone', () => {
    for (const text of [
      // Postfix's HELO check shares the words but is about the sending host's name.
      '504 5.5.2 <localhost>: helo command rejected: need fully-qualified hostname',
      // "spam detected" alone is said by many servers; the record is tied to Free's hosts.
      'host mx.example.net[192.0.2.1] said: 550 spam detected',
      'the subject line is mandatory for our newsletter',
      'frequency limited offer',
      // A tag that only looks like Yahoo's content codes.
      'order [ph1] shipped',
    ]) {
      expect(providerKnowledge(text, null, null), text).toBeNull()
    }
  })

  it("Yahoo's 'unknown recipients' is about the sender's traffic, not this address", () => {
    const result = classify('451 VS1-IP Excessive unknown recipients - possible Open Relay (#4.1.8)')
    expect(result.verdict).toBe('fix-sending')
    expect(result.severity).toBe('transient')
  })

  it('a Yandex block lasts a day: temporary when no code says otherwise', () => {
    expect(classify('Blocked by spam statistics').severity).toBe('transient')
    expect(classify('Blocked by spam statistics').verdict).toBe('fix-sending')
  })

  it('no phrase record has a top-level alternative (its gate would ask for every branch at once)', () => {
    for (const rule of PROVIDER_RULES) {
      if (rule.kind === 'phrase') expect(topLevelBranches(rule.match), rule.id).toHaveLength(1)
    }
  })

  it('ids are unique and every record names its source in our own words', () => {
    const ids = PROVIDER_RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of REGIONAL_PROVIDER_RULES) {
      expect(rule.source.url, rule.id).toMatch(/^https?:\/\//)
      expect(rule.source.title.length, rule.id).toBeGreaterThan(10)
      expect(rule.explanation.length, rule.id).toBeGreaterThan(20)
    }
  })

  it('the Codes catalog lists every record with its source, and explain finds them', () => {
    const catalog = listCatalog()
    for (const rule of REGIONAL_PROVIDER_RULES) {
      const code =
        rule.kind === 'status' ? `${rule.match} (${rule.provider})` : rule.kind === 'code' ? rule.match : rule.id
      const entry = catalog.find((item) => item.code === code)
      expect(entry?.source?.url, rule.id).toBe(rule.source.url)
    }
    expect(catalog.find((item) => item.code === '4.7.23 (gmail)')?.reason).toBe('requireptr')
    expect(explainCode('yandex-spam-statistics')?.source?.url).toMatch(/yandex\.com/)
    expect(explainCode('vs1-mf')?.reason).toBe('badreputation')
  })
})
