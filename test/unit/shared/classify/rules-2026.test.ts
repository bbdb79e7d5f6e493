import { describe, expect, it } from 'vitest'
import { classify } from '../../../../electron/shared/classify/index'
import { providerKnowledge } from '../../../../electron/shared/classify/knowledge/index'

// Realistic texts written for these tests (not taken from the oracle corpus), one or more per rule.

describe('classify: provider refusal codes', () => {
  it.each([
    // Orange / La Poste: the last three digits name the cause.
    ['host smtp-in.orange.fr said: 550 5.7.1 Mail rejete. Mail rejected. OFR_506 [506]', 'spamdetected'],
    [
      'host smtp-in.orange.fr said: 421 4.2.0 Service refuse. Service refused, please try later. OFR004_505',
      'systemerror',
    ],
    [
      'host smtp-in.orange.fr said: 552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]',
      'mailboxfull',
    ],
    ['host smtp.laposte.net said: 554 5.7.1 <mta.example.com>: Client host rejected LPN000_630', 'policyviolation'],
    ['host smtp.laposte.net said: 550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420', 'suspend'],
    ['host smtp.laposte.net said: 571 5.7.1 Message refused, DMARC verification Failed. LPN007_517', 'authfailure'],
    // Spectrum: AUP#I (incoming) or AUP#O (outgoing) and four digits, grouped in ranges.
    ['550 5.1.0 <b@news.example.com> sender rejected. AUP#In-1350 see https://www.spectrum.net/', 'ratelimited'],
    ['554 5.7.1 IP address blocked. AUP#I-1000', 'blocked'],
    ['550 5.7.1 The sending IP has no reverse DNS. AUP#In-1120', 'requireptr'],
    // Cox: a short tag after AUP#.
    [
      'host cxr.mx.a.cloudfilter.net said: 554 5.7.1 Client host rejected AUP#CXBL (in reply to MAIL FROM command)',
      'blocked',
    ],
    ['host cxr.mx.a.cloudfilter.net said: 550 5.7.1 sender rejected. AUP#CXSNDR', 'authfailure'],
    ['host cxr.mx.a.cloudfilter.net said: 554 5.7.1 Client host rejected AUP#IPBL1010', 'blocked'],
    ['host cxr.mx.a.cloudfilter.net said: 552 5.7.0 Message rejected AUP#URLBL1001', 'spamdetected'],
  ])('%s → %s', (text, reason) => {
    expect(classify(text).reason).toBe(reason)
    expect(classify(text).evidence[0]?.rule).toMatch(/^provider:(orange|spectrum|cox)-/)
  })

  it('leaves generic codes and unknown tags to the wording', () => {
    // LPN…_108 is Orange's generic "service refused, please try later".
    expect(providerKnowledge('550 5.5.0 service refused, please try later. lpn001_108', null, null)).toBeNull()
    expect(providerKnowledge('550 rejected aup#zzz', null, null)).toBeNull()
    expect(providerKnowledge('see rfc 1234 section 5', null, null)).toBeNull()
  })

  it('evidence points at the code', () => {
    const text = 'host smtp-in.orange.fr said: 550 5.7.1 Mail rejected. OFR_506 [506]'
    expect(classify(text).evidence[0]).toMatchObject({ rule: 'provider:orange-506', match: 'OFR_506' })
  })
})

describe('classify: Google Groups "you may not post" letters in more languages', () => {
  it.each([
    ['ar', 'يجب عليك الانضمام إلى هذه المجموعة قبل أن تتمكن من النشر فيها.'],
    ['ar', 'هذه المجموعة غير مفتوحة للنشر.'],
    ['cs', 'Skupina není otevřena pro přidávání příspěvků.'],
    ['cs', 'K odeslání zprávy je nutné přihlášení ke skupině.'],
    ['el', 'Δεν έχετε δικαίωμα ανάρτησης μηνυμάτων σε αυτήν την ομάδα.'],
    ['fa', 'شما اجازه ارسال پیام به این گروه را ندارید.'],
    ['he', 'אין לך אישור לפרסם בקבוצה הזו.'],
    ['he', 'הקבוצה אינה פתוחה לפרסום.'],
    ['hi', 'आपको इस समूह में पोस्ट करने की अनुमति नहीं है.'],
    ['uk', 'Ви не можете публікувати дописи в цій групі.'],
  ])('%s: %s', (_language, text) => {
    expect(classify(text)).toMatchObject({ reason: 'rejected', hardBounce: false, verdict: 'fix-sending' })
    expect(classify(text).evidence[0]?.rule).toBe('phrase:group-posting')
  })
})

describe('classify: "user unknown" with no recipient named', () => {
  it('stays what the words say, with a caution that it may be a filter', () => {
    for (const text of [
      'smtp; 550 : User unknown',
      '550: : User unknown',
      'Diagnostic code: smtp;554 : user unknown',
    ]) {
      const result = classify(text)
      expect(result).toMatchObject({ reason: 'userunknown', verdict: 'remove' })
      expect(result.evidence.map((e) => e.rule)).toContain('caution:no-recipient-named')
      expect(result.action).toMatch(/Caution/)
    }
  })
  it('after the message body the words still win, with a caution that a filter may speak so', () => {
    const result = classify('host mx.example.net[192.0.2.1] said: 550 : User unknown (in reply to end of DATA command)')
    expect(result).toMatchObject({ reason: 'userunknown', hardBounce: true })
    expect(result.evidence.map((e) => e.rule)).toContain('caution:after-data')
    expect(result.action).toMatch(/after reading the whole message/)
    const byClause = classify('550 No mailbox found for that name (in reply to end of DATA command)')
    expect(byClause.reason).toBe('userunknown')
    expect(byClause.evidence.map((e) => e.rule)).toContain('caution:after-data')
  })
  it('a reply naming the recipient stays a bad address', () => {
    expect(classify('550 <someone@example.net>: User unknown')).toMatchObject({
      reason: 'userunknown',
      hardBounce: true,
    })
    expect(classify('550 5.1.1 : User unknown').reason).toBe('userunknown')
  })
})

describe('classify: sender address or domain on a block list', () => {
  it.each([
    '553 Sorry, your email address has been blacklisted. Please contact the recipient.',
    '553 Sorry, your email address (news@example.com) has been blocked',
    '550 Rejected: mail from an address that has been blocklisted',
    '553-Sorry, your domain has been blacklisted',
  ])('%s → rejected', (text) => {
    expect(classify(text)).toMatchObject({ reason: 'rejected', verdict: 'fix-sending' })
  })
  it('an IP address on a block list is still a block of the sending host', () => {
    expect(classify('554 Your IP address has been blacklisted').reason).toBe('blocked')
    expect(classify('550 an IP address that has been blacklisted tried to connect').reason).toBe('blocked')
  })
})

describe('classify: 551 "not our user"', () => {
  it('is a moved address even when the relay adds its own "User unknown" summary', () => {
    const text = '551 not our customer 503 5.0.0 need RCPT (recipient) 550 5.1.1 <pat@example.org>... User unknown'
    expect(classify(text)).toMatchObject({ reason: 'hasmoved', hardBounce: true, verdict: 'remove' })
    expect(classify('551-not our user, please try <pat@new.example>').reason).toBe('hasmoved')
  })
})

describe('classify: NTT docomo reception filter', () => {
  it('"Unknown user" after the message body from docomo is the recipient refusing the sender', () => {
    const text =
      'host mfsmx.docomo.ne.jp[203.0.113.10] said: 550 Unknown user someone@docomo.ne.jp (in reply to end of DATA command)'
    expect(classify(text)).toMatchObject({ reason: 'rejected', hardBounce: false })
  })
  it('the same reply to RCPT TO is a bad address', () => {
    const text =
      'host mfsmx.docomo.ne.jp[203.0.113.10] said: 550 Unknown user someone@docomo.ne.jp (in reply to RCPT TO command)'
    expect(classify(text)).toMatchObject({ reason: 'userunknown', hardBounce: true })
  })
})
