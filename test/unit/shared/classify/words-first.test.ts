import { describe, expect, it } from 'vitest'
import { CATEGORIES, categoryOf, classify, classifyWith, REASONS } from '../../../../electron/shared/classify/index'
import { fitNaiveBayes, predict } from '../../../../electron/shared/classify/language/naive-bayes'

describe('classify: the words outrank generic and misused codes', () => {
  it.each([
    ['550 5.7.1 <a@example.org>: No such user here', 'userunknown', 'remove'],
    ['550 5.2.1 <a@example.org>: Addressee unknown', 'userunknown', 'remove'],
    ['421 4.4.2 Connection rate limit exceeded, please try again slower', 'ratelimited', 'retry'],
    ['451 4.3.0 Too many messages from your IP, throttled', 'ratelimited', 'retry'],
    ['550 5.7.1 Mailbox disabled due to inactivity', 'suspend', 'review'],
    ['554 5.0.0 Error: bare <LF> received', 'syntaxerror', 'fix-sending'],
    ['550 5.7.1 Sending quota exceeded for this account', 'ratelimited', 'retry'],
  ])('%s → %s', (text, reason, verdict) => {
    const result = classify(text)
    expect(result.reason).toBe(reason)
    expect(result.verdict).toBe(verdict)
  })

  it('a policy status under "user unknown" is a caution on the verdict, not another reason', () => {
    const result = classify('550 5.7.1 <a@example.org>: Recipient address rejected: User unknown')
    expect(result.reason).toBe('userunknown')
    expect(result.evidence.map((e) => e.rule)).toContain('caution:policy-status')
  })

  it('a decisive code keeps priority over the words', () => {
    expect(classify('552 5.2.2 <a@example.org>: user unknown or mailbox full').reason).toBe('mailboxfull')
    expect(classify('550 5.7.26 Unauthenticated email is not accepted, blocked').reason).toBe('authfailure')
  })
})

describe('classify: words that say more than a specific code or a bare refusal (2026.12.3)', () => {
  it.each([
    // A closed mailbox or a dead domain filed under 5.1.1 "no such user".
    ['550 5.1.1 <a@example.org>: this account has been disabled', 'suspend', 'review'],
    ['550 5.1.1 The domain example.org is no longer available', 'hostunknown', 'remove'],
    // Banned, listed, or refused with the sending IP written out: the sending host's standing.
    ['550 Your domain is banned here', 'blocked', 'fix-sending'],
    ['554 Connections from 192.0.2.7 are administratively denied', 'blocked', 'fix-sending'],
    ['550 The sending IP 192.0.2.7 is listed at a spam block list', 'blocked', 'fix-sending'],
    ['553 Relaying denied, you are a known spammer', 'blocked', 'fix-sending'],
    // A relay that wants the sender to fetch mail first (POP before SMTP) is the sender's own setup.
    ['553 Relaying denied: please check your mail before sending', 'norelaying', 'fix-sending'],
    // Mailbox wordings in Traditional Chinese, and a domain's shared storage limit.
    ['找不到您的電子信箱', 'userunknown', 'remove'],
    ['Reason: the domain size limit was exceeded', 'mailboxfull', 'retry'],
    ['This address is not handled by this server', 'userunknown', 'remove'],
  ])('%s → %s, %s', (text, reason, verdict) => {
    const result = classify(text)
    expect(result.reason).toBe(reason)
    expect(result.verdict).toBe(verdict)
  })

  it('reads a dashboard label written as one token, and points the evidence at the label as written', () => {
    const result = classify('MailboxInactive')
    expect(result.reason).toBe('suspend')
    expect(result.evidence[0]?.match).toBe('MailboxInactive')
    expect(classify('RECIPIENT_UNKNOWN').reason).toBe('userunknown')
    // A hyphenated word stays one word; a plain word is read as it is.
    expect(classify('hard-bounce').reason).toBe(classifyWith(null, 'hard-bounce').reason)
  })

  it.each([
    ['Nie ma takiej domeny', 'unknown-domain'],
    ['Wiadomość zbyt długa', 'message-too-large'],
    ['Indirizzo errato', 'unknown-user'],
    ['メールボックスの容量が逼迫しています', 'mailbox-full'],
    ['超出了每日发送限制', 'rate-limit'],
  ])('%s → %s', (text, category) => {
    expect(classifyWith(null, text).category).toBe(category)
  })

  it('"will not try again", in the languages reports are written in, makes a code-less text permanent', () => {
    expect(classify('Der Posteingang ist voll. Es wird nicht erneut versucht.').severity).toBe('permanent')
    expect(classify('El buzón está lleno. El servidor no intentará entregarlo de nuevo.').severity).toBe('permanent')
    expect(classify('The mailbox is full.').severity).toBe('transient')
  })
})

describe('classify: a text without codes gets its severity from its meaning', () => {
  it.each([
    ['Recipient verification failed', 'permanent', 'remove'],
    ['Network is unreachable', 'transient', 'retry'],
    ['retry time not reached for any host after a long failure period', 'transient', 'retry'],
    [
      'Host or domain name not found. Name service error for name=example.org type=MX: Host not found, try again',
      'transient',
      'retry',
    ],
    ['Message rejected as spam by Content Filtering', 'permanent', 'fix-sending'],
  ])('%s → %s, %s', (text, severity, verdict) => {
    const result = classify(text)
    expect(result.severity).toBe(severity)
    expect(result.verdict).toBe(verdict)
  })
})

describe('categories', () => {
  it('every reason has a category from the fixed list', () => {
    for (const reason of REASONS) expect(CATEGORIES).toContain(categoryOf(reason))
  })
  it('a result carries the category of its reason, and a passing DNS failure is not a missing domain', () => {
    expect(classify('550 5.1.1 user unknown').category).toBe('unknown-user')
    expect(classify('Host or domain name not found. Host not found, try again').category).toBe('server-or-network')
  })
})

describe('the language layer', () => {
  // Wording no phrase rule names, in a made-up register, so the rules cannot answer it.
  const examples = [
    { text: 'la zorblatt del destinatario non esiste piu', label: 'unknown-user' },
    { text: 'zorblatt destinatario cancellata definitivamente', label: 'unknown-user' },
    { text: 'zorblatt del destinatario rimossa', label: 'unknown-user' },
    { text: 'il mittente ha superato la frequenza di invio quibble', label: 'rate-limit' },
    { text: 'frequenza di invio quibble superata dal mittente', label: 'rate-limit' },
    { text: 'quibble troppo frequente dal mittente', label: 'rate-limit' },
  ]
  const model = fitNaiveBayes(examples, { threshold: 0.8, minEvidence: 1, minTexts: 1 })

  it('reads wording the rules do not know, and shows the words that weighed most', () => {
    expect(classifyWith(null, 'zorblatt del destinatario sparita').reason).toBe('onhold')
    const result = classifyWith(model, 'zorblatt del destinatario sparita')
    expect(result.category).toBe('unknown-user')
    expect(result.evidence[0]?.rule).toBe('language:unknown-user')
    expect(result.evidence[0]?.match).toMatch(/zorblatt/)
  })

  it('says "don\'t know" below its confidence threshold', () => {
    const strict = { ...model, threshold: 0.999999 }
    const text = 'zorblatt quibble'
    const guess = predict(model, text)
    expect(guess).not.toBeNull()
    expect(guess?.confidence ?? 1).toBeLessThan(0.999999)
    expect(classifyWith(strict, text).reason).toBe('onhold')
  })

  it('never overrules a precise rule', () => {
    expect(classifyWith(model, '550 5.1.1 zorblatt quibble user unknown').reason).toBe('userunknown')
  })

  it('carries what it learned in one language to another through topics and clause kinds', () => {
    // Fitted on English alone; the Russian, Japanese and Chinese texts share no word with it, only the
    // topic (a timeout, a full mailbox) and the clause reader's kinds.
    const english = fitNaiveBayes(
      [
        { text: 'zork connection timed out', label: 'server-or-network' },
        { text: 'zork timeout while talking to the remote side', label: 'server-or-network' },
        { text: 'zork read timeout', label: 'server-or-network' },
        { text: 'zork mailbox full', label: 'mailbox-full' },
        { text: 'zork the mailbox is full', label: 'mailbox-full' },
        { text: 'zork inbox full, quota exceeded', label: 'mailbox-full' },
      ],
      { threshold: 0.8, minEvidence: 1, minTexts: 1 },
    )
    expect(predict(english, 'таймаут')?.label).toBe('server-or-network')
    expect(predict(english, 'メールボックスが一杯です')?.label).toBe('mailbox-full')
    expect(predict(english, '连接超时')?.label).toBe('server-or-network')
    const shown = predict(english, 'таймаут')?.words ?? []
    expect(shown).toContain('about timeout')
  })

  it('the shipped model exists and was fitted on our corpora', async () => {
    const { LANGUAGE_MODEL, LANGUAGE_MODEL_METADATA } =
      await import('../../../../electron/shared/classify/language/model.generated')
    expect(LANGUAGE_MODEL).not.toBeNull()
    expect(LANGUAGE_MODEL_METADATA.texts).toBeGreaterThan(500)
  })
})
