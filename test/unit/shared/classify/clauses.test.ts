import { describe, expect, it } from 'vitest'
import { readClauses } from '../../../../electron/shared/classify/clauses'
import { classify } from '../../../../electron/shared/classify/index'

// Wordings made up for these tests, in the shapes servers use; none comes from the corpora.
describe('the clause reader: who was refused, and what happened to them', () => {
  it.each([
    ['550 that mailbox is unknown at this site', 'userunknown'],
    ['550 the addressee could not be found in our directory', 'userunknown'],
    ['553 mail from 203.0.113.9 is not allowed here', 'blocked'],
    ['550 mail from x.x.x.x refused', 'blocked'],
    ['550 sender prohibited by dmarc', 'authfailure'],
    ['550 delivery to this recipient is restricted', 'filtered'],
    ['554 your account has been suspended, contact support', 'rejected'],
    ['550 this account has been disabled', 'suspend'],
    ['554 attachment type forbidden', 'contenterror'],
    ['421 too many errors, closing', 'syntaxerror'],
    ['552 relaying disallowed for this address', 'norelaying'],
    ['message held: the daily send limit has been reached', 'ratelimited'],
    ['the destination domain is unknown', 'hostunknown'],
    ['no smtp servers were available for example.org', 'networkerror'],
    ['550 too many bounces for this address', 'suppressed'],
  ])('%s → %s', (text, reason) => {
    expect(readClauses(text)?.reason).toBe(reason)
  })

  it('reads nothing into a bare failure that names neither who nor why', () => {
    expect(readClauses('your message could not be delivered')).toBeNull()
    expect(readClauses('delivery failed for the following recipients')).toBeNull()
    // A predicate without a subject it needs: "disabled" could be anything.
    expect(readClauses('archiving is disabled')).toBeNull()
  })

  it('prefers what happened to the recipient over the refusal that reports it', () => {
    expect(readClauses('550 recipient address rejected: that mailbox is unknown')?.reason).toBe('userunknown')
  })

  it('names the words it read as evidence', () => {
    const reading = readClauses('553 mail from 203.0.113.9 is not allowed here')
    expect(reading?.rule).toBe('clause:sender-host-refused')
    expect(
      reading === null ? '' : '553 mail from 203.0.113.9 is not allowed here'.slice(reading.start, reading.end),
    ).toBe('mail from 203.0.113.9 is not allowed')
  })
})

describe('the clause reader in the classifier', () => {
  it('outranks a generic status code', () => {
    const result = classify('550 5.7.1 Mail from 198.51.100.7 not allowed')
    expect(result.reason).toBe('blocked')
    expect(result.verdict).toBe('fix-sending')
  })

  it('gives way to a curated phrase', () => {
    expect(classify('550 5.1.1 <a@example.org>: Recipient address rejected: User unknown').evidence[0]?.rule).toMatch(
      /^phrase:/,
    )
  })

  it('a temporary policy deferral that names no cause is throttling', () => {
    const result = classify('451 4.7.1 Please try again later')
    expect(result.reason).toBe('ratelimited')
    expect(result.verdict).toBe('retry')
  })

  it('a domain that is not found "for now" is a DNS failure; one that is not found is gone', () => {
    expect(classify('450 4.1.2 <a@example.org>: Recipient address rejected: Domain not found').category).toBe(
      'unknown-domain',
    )
    expect(classify('Host or domain name not found. Name service error: Host not found, try again').category).toBe(
      'server-or-network',
    )
  })
})

describe('TLS failures on the receiving side', () => {
  it('are not the sender to fix: retry when temporary, review when not', () => {
    const passing = classify("451 4.7.5 The recipient's remote certificate failed validation")
    expect(passing.category).toBe('authentication')
    expect(passing.verdict).toBe('retry')
    expect(classify('550 5.7.5 Destination mail server must support TLS to receive mail').verdict).toBe('review')
  })

  it('a server that demands TLS the sender did not start is the sender to fix', () => {
    expect(classify('530 5.7.0 Must issue a STARTTLS command first').verdict).toBe('fix-sending')
  })
})

describe('the whole text has the last word', () => {
  it('a policy refusal that names SPF, DKIM or DMARC is an authentication failure', () => {
    expect(classify('550 5.7.1 Message refused by policy: SPF check did not pass').category).toBe('authentication')
    expect(classify('550 5.7.0 no DKIM signature found').category).toBe('authentication')
  })

  it('a refusal of the sender that names the sending IP is a block', () => {
    expect(classify('550 The IP you are using is not allowed to send mail to this server').category).toBe(
      'blocked-sender',
    )
  })
})

describe('the clause reader in other languages', () => {
  it.each([
    ['Zustellung fehlgeschlagen: Domäne existiert nicht', 'unknown-domain'],
    ['Mailbox van de ontvanger is vol', 'mailbox-full'],
    ['Alıcı bulunamadı', 'unknown-user'],
    ['Adresát neexistuje', 'unknown-user'],
    ['Адрес получателя не существует', 'unknown-user'],
    ['Skrzynka odbiorcy jest pełna', 'mailbox-full'],
  ])('%s → %s', (text, category) => {
    expect(classify(text).category).toBe(category)
  })
})

describe('denials of existence and the other shapes of the same few meanings', () => {
  it.each([
    ['550 No user account found for that name', 'unknown-user'],
    ['553 Sorry, no mailbox here by that address', 'unknown-user'],
    ['Delivery failed: the person you wrote to is not a known user here', 'unknown-user'],
    ['550 recipient dosnt exist on this server', 'unknown-user'],
    ['Your message reached our server, but the address given is no longer valid', 'unknown-user'],
    ['550 BAD_RCPT rejected', 'unknown-user'],
    ['De ontvanger met dit e-mailadres werd niet gevonden', 'unknown-user'],
    ['The mailbox of this person has exceeded its storage allocation', 'mailbox-full'],
    ['Delivery failed: mail box space not enough for this message', 'mailbox-full'],
    ['Esta casilla tiene el espacio agotado', 'mailbox-full'],
    ['The account was dormant and has been closed for new mail', 'mailbox-inactive'],
    ['This mailbox has not been accessed for over a year', 'mailbox-inactive'],
    ['Su casilla ha expirado', 'mailbox-inactive'],
    ['Rejected: the message size exceeds what this server takes', 'message-too-large'],
    ['Your mail is too big for the receiving gateway', 'message-too-large'],
    ['Deferred: cannot connect to the receiving host, will keep trying', 'server-or-network'],
    ['Undeliverable: reached the maximum number of delivery attempts', 'server-or-network'],
    ['554 Mail looping detected, dropped', 'server-or-network'],
  ])('%s → %s', (text, category) => {
    expect(classify(text).category).toBe(category)
  })

  it('a mailbox size limit is a full mailbox, a message size limit is the message', () => {
    expect(classify('552 Mailbox size limit reached for this user').category).toBe('mailbox-full')
    expect(classify('552 Message size limit of this server exceeded').category).toBe('message-too-large')
  })

  it('a product name is not a finding: "VirusWall" did not find a virus', () => {
    expect(classify('Message from VirusWall gateway: the recipient address could not be found').category).toBe(
      'unknown-user',
    )
  })
})

describe('generic codes and whose reputation "spam" is about', () => {
  it('4.3.1 is a hint: "too many messages" under it is throttling', () => {
    expect(classify('421 4.3.1 Slow down: too many messages from your server').category).toBe('rate-limit')
    expect(classify('452 4.3.1 Insufficient system storage').category).toBe('server-or-network')
  })

  it('"spam" said of the sender or its IP is a block on their reputation, not a verdict on the message', () => {
    expect(classify('550 Your server is listed as a known spammer here').category).toBe('blocked-sender')
    expect(classify('554 Connection from a spam source IP refused').category).toBe('blocked-sender')
    expect(classify('554 Message content looks like spam').category).toBe('spam-content')
  })

  it('a filter refusal that names SPF is an authentication failure', () => {
    expect(classify('550 Message refused by the filter due to SPF policy').category).toBe('authentication')
  })

  it.each([
    ['550 The address is not in our user directory', 'unknown-user'],
    ['550 Sorry, that user is not registered here', 'unknown-user'],
    ['552 Inbox full, try another time', 'mailbox-full'],
    ['552 exceeded mailsize limit for this gateway', 'message-too-large'],
    ['Sendmail warning: could not send message for past 6 hours', 'server-or-network'],
    ['宛先のユーザーは登録されていません', 'unknown-user'],
    ['メールボックスが一杯です', 'mailbox-full'],
    ['邮件地址格式错误', 'unknown-user'],
    ['对方服务器不可达', 'server-or-network'],
    ['Превышена допустимая длина сообщения', 'message-too-large'],
  ])('%s → %s', (text, category) => {
    expect(classify(text).category).toBe(category)
  })
})

describe("Microsoft's edge blocking", () => {
  it('"access denied" with 5.4.1 is an address its directory does not have', () => {
    const result = classify('550 5.4.1 Recipient address rejected: Access denied [host.prod.protection.outlook.com]')
    expect(result.category).toBe('unknown-user')
    expect(result.evidence[0]?.rule).toBe('provider:microsoft-5.4.1-access-denied')
  })

  it('a relay refusal under 5.4.1 stays a relay refusal', () => {
    expect(classify('550 5.4.1 Relay Access Denied').category).toBe('policy')
  })
})

describe('whose move a policy refusal is', () => {
  it('a refusal about the recipient is for a person to look at; one about the sender is the sender’s to fix', () => {
    expect(classify('550 5.7.1 That recipient is not allowed to receive external mail').verdict).toBe('review')
    expect(classify('550 5.7.1 Sender is not allowed to send to this domain').verdict).toBe('fix-sending')
  })
})
