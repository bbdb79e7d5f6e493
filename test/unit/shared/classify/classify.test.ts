import { describe, expect, it } from 'vitest'
import { classify, CLASSIFIER_VERSION, REASONS, SEVERITIES, VERDICTS } from '../../../../electron/shared/classify/index'

function reasonOf(text: string): string {
  return classify(text).reason
}

describe('classify: empty and placeholder texts', () => {
  it('returns undefined/unknown/review for an empty or blank text', () => {
    for (const text of ['', '   ', '\n\t']) {
      const result = classify(text)
      expect(result).toMatchObject({
        reason: 'undefined',
        severity: 'unknown',
        verdict: 'review',
        hardBounce: false,
        replyCode: null,
        status: null,
      })
    }
  })
  it("treats Marketo's NO MATCH DETECTED as no information", () => {
    expect(classify('NO MATCH DETECTED')).toMatchObject({ reason: 'undefined', verdict: 'review' })
  })
  it('has a version string', () => {
    expect(CLASSIFIER_VERSION).toMatch(/\S/)
  })
})

describe('classify: code extraction', () => {
  it.each([
    ['smtp;550 5.1.1 <a@b.com>... User unknown', 550, '5.1.1'],
    [
      '550-5.1.1 The email account that you tried to reach does not exist. 550 5.1.1 Please try double-checking',
      550,
      '5.1.1',
    ],
    ['Sorry, no mailbox here by that name. (#5.1.1)', null, '5.1.1'],
    ["554-'5.1.0 Sender denied'", 554, '5.1.0'],
    ['[internal] [oob] 550 5.7.1 message refused', 550, '5.7.1'],
    ['Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.2 <x@y.jp>... Mailbox Full', 550, '5.2.2'],
    ['host 192.0.2.222 [192.0.2.222] said: 451 4.3.0 try later', 451, '4.3.0'],
    ['421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred - 4.16.55.1', 421, '4.7.0'],
  ])('%s', (text, reply, status) => {
    const result = classify(text)
    expect(result.replyCode).toBe(reply)
    expect(result.status).toBe(status)
  })

  it('prefers the specific status over a trailing generic summary code', () => {
    const result = classify('550 5.1.1 <a@b.jp>... User unknown 554 5.0.0 Service unavailable')
    expect(result.status).toBe('5.1.1')
  })

  it('picks the status attached to a reply over a relay prefix', () => {
    const result = classify(
      "5.1.0 - Unknown address error 550 '5.7.1 <x@y.com>... Access denied' (delivery attempts: 0)",
    )
    expect(result.status).toBe('5.7.1')
    expect(result.replyCode).toBe(550)
  })

  it('does not read IP addresses, dates or ports as codes', () => {
    const result = classify('connect to 203.0.113.25[203.0.113.25]:587 on 2024-05-02 at 10:45:22: no route to host')
    expect(result.replyCode).toBeNull()
    expect(result.status).toBeNull()
    expect(result.reason).toBe('networkerror')
  })
})

describe('classify: basic and enhanced codes that disagree', () => {
  it('takes the severity from the basic reply code and the reason from the enhanced code', () => {
    const result = classify('550 4.4.7 QUEUE.Expired; message expired')
    expect(result.severity).toBe('permanent')
    expect(result.reason).toBe('expired')
    expect(result.verdict).toBe('retry')
    expect(result.evidence.some((e) => e.rule === 'conflict:reply-vs-status')).toBe(true)
  })
  it('handles 554 4.4.7 from Amazon SES the same way', () => {
    expect(classify('554 4.4.7 Message expired: unable to deliver in 840 minutes.')).toMatchObject({
      severity: 'permanent',
      reason: 'expired',
    })
  })
})

describe('classify: rule families', () => {
  it.each([
    ['550 5.1.1 <x@y.com>: Recipient address rejected: User unknown in local recipient table', 'userunknown'],
    ['Mailbox does not exist', 'userunknown'],
    ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', 'userunknown'],
    ['Host or domain name not found. Name service error for name=exmaple.com type=A: Host not found', 'hostunknown'],
    ['550 5.1.6 recipient no longer on server: x@example.jp', 'hasmoved'],
    ['552 5.2.2 Mailbox full', 'mailboxfull'],
    ['452 4.2.2 The email account that you tried to reach is over quota', 'mailboxfull'],
    ['550 5.2.1 The email account that you tried to reach is disabled.', 'suspend'],
    ['556 SMTP protocol returned a permanent error', 'notaccept'],
    ['554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org', 'blocked'],
    [
      '550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/',
      'blocked',
    ],
    ['550 Connections from mx.example.jp are being rejected due to a poor email reputation score.', 'badreputation'],
    ['550 5.7.25 The IP address sending this message does not have a PTR record setup', 'requireptr'],
    ["550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy", 'authfailure'],
    ['550 5.7.1 This message was classified as SPAM and may not be delivered', 'spamdetected'],
    ['550 Virus Detected; Content Rejected', 'virusdetected'],
    ['550 5.6.0 the headers in this message contain improperly-formatted binary content', 'contenterror'],
    ['501 5.1.8 Sender address rejected: Domain not found', 'rejected'],
    ['554 5.7.9 Message not accepted for policy reasons.', 'policyviolation'],
    ['554 5.7.1 <x@example.com>: Relay access denied', 'norelaying'],
    ['451 4.7.1 Client host rejected: Please try again slower', 'ratelimited'],
    ['452 4.3.2 Connection rate limit exceeded.', 'ratelimited'],
    ['552 5.3.4 Message too large', 'emailtoolarge'],
    ['552 5.2.3 Message length exceeds administrative limit', 'exceedlimit'],
    ['554 5.4.6 Hop count exceeded - possible mail loop', 'networkerror'],
    ['retry timeout exceeded', 'expired'],
    ['X-Postfix; connect to example.org[203.0.113.9]:25: Connection timed out', 'expired'],
    ['550 5.3.5 System config error', 'systemerror'],
    ['452 4.3.1 Insufficient system resources', 'systemfull'],
    ['X-Unix; 255', 'mailererror'],
    ['503 Improper sequence of commands', 'syntaxerror'],
    ['550 5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers.', 'notcompliantrfc'],
    ['538 5.7.10 STARTTLS is required to send mail', 'failedstarttls'],
    ['#550 5.7.1 RESOLVER.RST.AuthRequired; authentication required', 'securityerror'],
    ['Not delivering to previously bounced address', 'suppressed'],
    ['The recipient address is on the suppression list', 'suppressed'],
    ['250 2.1.5 Ok', 'delivered'],
    // No rule names it; the language layer reads "temporary failure" as a passing server problem.
    ['450 4.0.0 Temporary failure', 'networkerror'],
  ])('%s → %s', (text, reason) => {
    expect(reasonOf(text)).toBe(reason)
  })
})

describe('classify: the SMTP step changes the meaning', () => {
  it('user unknown in reply to RCPT TO is a bad address', () => {
    expect(classify('host mx.example.jp said: 550 User not found (in reply to RCPT TO command)')).toMatchObject({
      reason: 'userunknown',
      hardBounce: true,
      verdict: 'remove',
    })
  })
  it('user unknown after the message body is read as said, with a caution', () => {
    const result = classify(
      'host mx.example.net said: 550 Unknown user x@example.net (in reply to end of DATA command)',
    )
    expect(result).toMatchObject({ reason: 'userunknown', verdict: 'remove' })
    expect(result.evidence.map((e) => e.rule)).toContain('caution:after-data')
  })
  it('"does not exist" at MAIL FROM is about the sender', () => {
    const text =
      'SMTP error from remote mail server after MAIL FROM:<me@news.example.com>: 553 5.1.0 news.example.com does not exist'
    expect(classify(text)).toMatchObject({ reason: 'rejected', verdict: 'fix-sending' })
  })
  it('a refused greeting is a block of the sending host', () => {
    expect(
      reasonOf('Connected to 192.0.2.112 but my name was rejected. Remote host said: 501 5.0.0 Invalid domain name'),
    ).toBe('blocked')
  })
})

describe('classify: sender-side permanent failures are fix-sending, not remove', () => {
  it.each([
    '550 5.7.1 Service unavailable; client [203.0.113.5] blocked using Spamhaus',
    '550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
    '550 5.7.606 Access denied, banned sending IP [203.0.113.5]',
    "550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
    '553 http://www.spamhaus.org/query/bl?ip=192.0.2.222 550 5.1.1 <kijitora@example.com>... User unknown',
  ])('%s', (text) => {
    const result = classify(text)
    expect(result.severity).toBe('permanent')
    expect(result.hardBounce).toBe(false)
    expect(result.verdict).toBe('fix-sending')
    expect(result.action).toMatch(/probably wrong/)
  })
})

describe('classify: other languages', () => {
  const cases: readonly [string, string, string][] = [
    ['de', '550 Benutzer unbekannt', 'userunknown'],
    ['de', 'Empfänger existiert nicht', 'userunknown'],
    ['de', '552 Postfach ist voll', 'mailboxfull'],
    ['de', 'Das Konto ist deaktiviert', 'suspend'],
    ['de', '554 Ihre IP-Adresse wurde blockiert', 'blocked'],
    ['de', 'Nachricht als Spam erkannt', 'spamdetected'],
    ['fr', '550 Utilisateur inconnu', 'userunknown'],
    ['fr', 'Boîte aux lettres pleine', 'mailboxfull'],
    ['fr', 'Le compte du destinataire est bloqué', 'suspend'],
    ['fr', 'Adresse IP source bloquée', 'blocked'],
    ['fr', 'Message considéré comme pourriel', 'spamdetected'],
    ['es', '550 Usuario desconocido', 'userunknown'],
    ['es', 'El buzón está lleno', 'mailboxfull'],
    ['es', 'La cuenta está deshabilitada', 'suspend'],
    ['es', 'Su servidor ha sido bloqueado', 'blocked'],
    ['es', 'Mensaje rechazado como correo no deseado', 'spamdetected'],
    ['pt', '550 Usuário desconhecido', 'userunknown'],
    ['pt', 'A caixa postal está cheia', 'mailboxfull'],
    ['pt', 'Conta desativada', 'suspend'],
    ['pt', 'Remetente bloqueado', 'blocked'],
    ['pt', 'Mensagem classificada como spam', 'spamdetected'],
    ['it', '550 Utente sconosciuto', 'userunknown'],
    ['it', 'Casella di posta piena', 'mailboxfull'],
    ['it', 'Account disabilitato', 'suspend'],
    ['it', 'Mittente bloccato', 'blocked'],
    ['it', 'Messaggio classificato come posta indesiderata', 'spamdetected'],
    ['nl', '550 Gebruiker onbekend', 'userunknown'],
    ['nl', 'Mailbox is vol', 'mailboxfull'],
    ['nl', 'Account is uitgeschakeld', 'suspend'],
    ['nl', 'Afzender geblokkeerd', 'blocked'],
    ['nl', 'Bericht gemarkeerd als spam', 'spamdetected'],
    ['ja', 'このメールアドレスは存在しません', 'userunknown'],
    ['ja', 'メールボックスがいっぱいです', 'mailboxfull'],
    ['ja', 'アカウントが停止されています', 'suspend'],
    ['ja', '送信元がブロックされました', 'blocked'],
    ['ja', '迷惑メールと判定されました', 'spamdetected'],
  ]
  it.each(cases)('%s: %s → %s', (_language, text, reason) => {
    expect(reasonOf(text)).toBe(reason)
  })
})

describe('classify: provider', () => {
  it.each([
    ['host gmail-smtp-in.l.google.com[64.233.189.27] said: 550 5.7.26 Unauthenticated email', 'gmail'],
    [
      'host example-com.mail.protection.outlook.com said: 550 5.4.1 Recipient address rejected: Access denied',
      'microsoft',
    ],
    ['421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred', 'yahoo'],
    ['host mx01.mail.icloud.com said: 554 5.7.1 rejected', 'apple'],
    ['host us-smtp-inbound-1.mimecast.com said: 554 Host network not allowed', 'mimecast'],
    ['host mx0a-0012345.pphosted.com said: 550 rejected', 'proofpoint'],
    ['554 IP=192.0.2.254 - A problem occurred. (BL) mx00.t-online.de', 't-online'],
  ])('%s → %s', (text, provider) => {
    expect(classify(text).provider).toBe(provider)
  })
  it('falls back to the recipient domain from the context', () => {
    expect(classify('550 5.1.1 User unknown', { email: 'someone@hotmail.co.uk' }).provider).toBe('microsoft')
    expect(classify('550 5.1.1 User unknown', { domain: 'GMAIL.com' }).provider).toBe('gmail')
    expect(classify('550 5.1.1 User unknown', { domain: 'example.org' }).provider).toBeNull()
  })
  it('prefers what the text says over the context', () => {
    expect(
      classify('host mx.yahoodns.net said: 554 5.7.9 Message not accepted', { domain: 'gmail.com' }).provider,
    ).toBe('yahoo')
  })
})

describe('classify: evidence', () => {
  it('points the first entry at the deciding words, with offsets into the original text', () => {
    const text = 'Remote host said: 550 5.2.2 <x@Example.JP>... Mailbox FULL (in reply to RCPT TO)'
    const [first] = classify(text).evidence
    expect(first).toBeDefined()
    expect(first?.rule).toBe('status:5.2.2')
    expect(text.slice(first?.start, first?.end)).toBe(first?.match)
    const phrase = classify("The user's MAILBOX IS FULL right now").evidence[0]
    expect(phrase?.rule).toBe('phrase:mailboxfull')
    expect(phrase?.match).toBe('MAILBOX IS FULL')
  })
  it('keeps offsets right when lower-casing would change the length', () => {
    const text = 'İİİ 550 User unknown'
    const first = classify(text).evidence[0]
    expect(first?.match).toBe('User unknown')
    expect(text.slice(first?.start, first?.end)).toBe('User unknown')
  })
})

describe('classify: multi-line and quoted texts', () => {
  it('reads a multi-line reply as one', () => {
    const text =
      '550-5.7.1 [192.0.2.1] Our system has detected that this message is\n550-5.7.1 likely suspicious due to the very low reputation of the sending IP\n550 5.7.1 address.'
    expect(classify(text)).toMatchObject({
      reason: 'badreputation',
      replyCode: 550,
      status: '5.7.1',
      verdict: 'fix-sending',
    })
  })
  it('reads codes inside quotes', () => {
    expect(classify("Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'")).toMatchObject({
      reason: 'userunknown',
      status: '5.1.1',
    })
  })
})

describe('classify: output is always well-formed', () => {
  it('uses only known enum members', () => {
    for (const text of ['550', '5.5.5', 'x', '4.4.4 4.4.4', '250 ok but mailbox full']) {
      const result = classify(text)
      expect(REASONS).toContain(result.reason)
      expect(SEVERITIES).toContain(result.severity)
      expect(VERDICTS).toContain(result.verdict)
      expect(result.explanation.length).toBeGreaterThan(10)
      expect(result.action.length).toBeGreaterThan(5)
    }
  })
})
