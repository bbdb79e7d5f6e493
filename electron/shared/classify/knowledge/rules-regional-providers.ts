import type { ProviderRule, RuleSource } from './types'

/**
 * Codes and wordings that Gmail, Yahoo, Yandex, QQ Mail, Zoho, Seznam, GMX, Free and Proofpoint
 * document on their own help or postmaster pages, beyond the first records in `rules.ts`. Titles and
 * explanations are ours.
 *
 * Phrases here are long, provider-specific wordings ("blocked by spam statistics", "ip frequency
 * limited") or are tied to the provider's host name, so they do not claim other providers' texts.
 * Gmail's 4.7.23 and 4.7.40 mean something else elsewhere (RFC 7372 gives x.7.23 to SPF), so they are
 * `status` records, read only when the text or the recipient's domain names Gmail.
 */

const GMAIL: RuleSource = {
  title: 'Google Workspace Admin Help: SMTP errors and codes',
  url: 'https://support.google.com/a/answer/3726730',
}
const YANDEX: RuleSource = {
  title: 'Yandex Mail Help: report on non-delivery to Yandex',
  url: 'https://yandex.com/support/mail/bounces/yandex.html',
}
const YANDEX_SPAM: RuleSource = {
  title: 'Yandex Mail Help: the message looks like spam',
  url: 'https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html',
}
const QQ: RuleSource = {
  title: 'QQ Mail Help: bounce messages (退信说明)',
  url: 'https://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022',
}
const ZEPTOMAIL: RuleSource = {
  title: 'Zoho ZeptoMail Help: SMTP error codes',
  url: 'https://www.zoho.com/zeptomail/help/api/smtp-error-codes.html',
}
const YAHOO: RuleSource = {
  title: 'Yahoo Sender Hub: SMTP error codes',
  url: 'https://senders.yahooinc.com/smtp-error-codes/',
}
const YAHOO_BLOCKED: RuleSource = {
  title: 'Yahoo Mail Help: my email is being blocked by Yahoo Mail',
  url: 'http://help.yahoo.com/l/in/yahoo/mail/original/abuse/abuse-57.html',
}
const SEZNAM: RuleSource = {
  title: 'Seznam.cz nápověda: uživatel neexistuje (user does not exist)',
  url: 'https://napoveda.seznam.cz/uzivatel-neexistuje',
}
const PROOFPOINT: RuleSource = {
  title: 'Proofpoint: PDR IP lookup frequently asked questions',
  url: 'https://www.proofpoint.com/us/support-services/ip-blocked-faq',
}
const GMX: RuleSource = {
  title: 'GMX Postmaster: error messages when sending emails to GMX',
  url: 'https://postmaster.gmx.com/en/error-messages',
}
const FREE: RuleSource = {
  title: 'Free Postmaster: problème d’envoi vers Free.fr',
  url: 'https://postmaster.free.fr/',
}

const GMAIL_RULES: readonly ProviderRule[] = [
  // 4.7.28 is one code for several of Gmail's limits; the words say which one applies.
  {
    id: 'gmail-4.7.28-url-domains',
    provider: 'gmail',
    kind: 'phrase',
    match: 'unusual rate of unsolicited e-?mail containing one of your url domains',
    language: 'en',
    reason: 'spamdetected',
    title: 'Gmail: a link domain in the message is sending too much spam',
    explanation:
      'Gmail is holding back mail that contains one of your link domains because much unwanted mail carries it; review the links and tracking domains you use.',
    source: GMAIL,
  },
  {
    id: 'gmail-4.7.28-unsolicited-rate',
    provider: 'gmail',
    kind: 'phrase',
    match: 'unusual (rate|amount) of unsolicited e-?mail originating from your',
    language: 'en',
    reason: 'badreputation',
    title: 'Gmail: too much unwanted mail from your IP or domain',
    explanation:
      'Gmail sees an unusual share of unwanted mail from your sending IP, network or authenticated domain and slows or blocks it; the addresses are fine, the sending reputation is not.',
    source: GMAIL,
  },
  {
    id: 'gmail-4.7.28-unusual-rate',
    provider: 'gmail',
    kind: 'phrase',
    match: 'gmail has detected an unusual rate of e-?mail\\b',
    language: 'en',
    reason: 'ratelimited',
    title: 'Gmail: mail is arriving faster than usual',
    explanation:
      'Gmail is slowing down mail that arrives at an unusual rate; send more evenly and later attempts go through.',
    source: GMAIL,
  },
  {
    id: 'gmail-4.7.28-same-message-id',
    provider: 'gmail',
    kind: 'phrase',
    match: 'exceeded the quota for sending messages that have the same message-id',
    language: 'en',
    reason: 'ratelimited',
    title: 'Gmail: too many messages with the same Message-ID',
    explanation:
      'The sender sent many messages carrying one and the same Message-ID header, so Gmail paused them; give each message its own ID.',
    source: GMAIL,
  },
  {
    id: 'gmail-spf-suspicious-entries',
    provider: 'gmail',
    kind: 'phrase',
    match: 'spf record of the sending domain has one or more suspicious entries',
    language: 'en',
    reason: 'authfailure',
    title: 'Gmail: the sending domain’s SPF record looks suspicious',
    explanation:
      'Gmail distrusts something in the sender domain’s SPF record and slows or refuses its mail; the domain owner should clean up the record.',
    source: GMAIL,
  },
  {
    id: 'gmail-relay-account-suspended',
    provider: 'gmail',
    kind: 'phrase',
    match: 'sending e-?mail account has been temporarily suspended due to abuse',
    language: 'en',
    reason: 'blocked',
    title: 'Gmail relay: the sending account is suspended for abuse',
    explanation:
      'Google’s relay refused to pass on mail because the sending account was suspended after abuse; nothing is wrong with the recipient.',
    source: GMAIL,
  },
  {
    id: 'gmail-ip-not-in-allowlist',
    provider: 'gmail',
    kind: 'phrase',
    match: 'ip not in whitelist for rcpt domain',
    language: 'en',
    reason: 'rejected',
    title: 'Gmail: the recipient’s organisation only accepts listed IPs',
    explanation:
      'The recipient’s Google Workspace domain accepts mail only from IP addresses it has listed, and the sending IP is not one of them.',
    source: GMAIL,
  },
  {
    id: 'gmail-unicode-disallowed-header',
    provider: 'gmail',
    kind: 'phrase',
    match: 'unicode character in a disallowed header',
    language: 'en',
    reason: 'notcompliantrfc',
    title: 'Gmail: a header contains characters it may not',
    explanation:
      'A message header carries a non-ASCII character where the standard does not allow one; the sending software must encode it.',
    source: GMAIL,
  },
  {
    id: 'gmail-4.7.23',
    provider: 'gmail',
    kind: 'status',
    match: '4.7.23',
    language: 'en',
    reason: 'requireptr',
    title: 'Gmail: the sending IP has no matching reverse DNS',
    explanation:
      'Gmail uses this code when the sending IP has no PTR record, or one that does not point back to it; the sender’s network must fix its DNS.',
    source: GMAIL,
  },
  ...(['4', '5'] as const).map((cls): ProviderRule => ({
    id: `gmail-${cls}.7.40`,
    provider: 'gmail',
    kind: 'status',
    match: `${cls}.7.40`,
    language: 'en',
    reason: 'authfailure',
    title: 'Gmail: the sending domain has no DMARC policy',
    explanation:
      'Gmail requires bulk senders to publish a DMARC record with a policy; the sending domain has none, so its mail is slowed or refused.',
    source: GMAIL,
  })),
]

const YANDEX_RULES: readonly ProviderRule[] = [
  {
    id: 'yandex-spam-statistics',
    provider: 'yandex',
    kind: 'phrase',
    match: 'blocked by spam statistics',
    language: 'en',
    reason: 'blocked',
    // Yandex lifts this block by itself after 24 hours.
    severity: 'transient',
    title: 'Yandex: the sender is blocked for sending spam',
    explanation:
      'Yandex stopped taking mail from a sender that sent only spam; the block lasts a day and returns if the spam continues.',
    source: YANDEX,
  },
  {
    id: 'yandex-suspicion-of-spam',
    provider: 'yandex',
    kind: 'phrase',
    match: 'message rejected under suspicion of spam',
    language: 'en',
    reason: 'spamdetected',
    title: 'Yandex: the message looks like spam',
    explanation:
      'Yandex’s filter judged the content of this message to be spam; change the content or the sending practice.',
    source: YANDEX_SPAM,
  },
  {
    id: 'yandex-policy-rejection-target',
    provider: 'yandex',
    kind: 'phrase',
    match: 'policy rejection on the target address',
    language: 'en',
    reason: 'suspend',
    title: 'Yandex: the recipient’s account is blocked',
    explanation:
      'Yandex blocked the recipient’s account for breaking its user agreement; it gets mail again only once the owner has it unblocked.',
    source: YANDEX,
  },
  {
    id: 'yandex-need-fully-qualified',
    provider: 'yandex',
    kind: 'phrase',
    match: 'recipient address rejected: need fully-qualified address',
    language: 'en',
    reason: 'userunknown',
    title: 'Yandex: the recipient address is incomplete',
    explanation:
      'The recipient address is missing its domain part, so there is no such mailbox; correct or remove the address.',
    source: YANDEX,
  },
  {
    id: 'yandex-infected-by-virus',
    provider: 'yandex',
    kind: 'phrase',
    match: 'message infected by virus',
    language: 'en',
    reason: 'virusdetected',
    title: 'Yandex: a virus was found in the message',
    explanation: 'Yandex’s scanner found a virus in the message or an attachment and refused it.',
    source: YANDEX,
  },
]

const YAHOO_RULES: readonly ProviderRule[] = [
  // "Unknown recipients" here is about the sender's whole traffic, not this address: read as such, the
  // text would wrongly say "remove the address".
  ...(['VS1-IP', 'VS1-MF'] as const).map((code): ProviderRule => ({
    id: `yahoo-${code.toLowerCase()}`,
    provider: 'yahoo',
    kind: 'code',
    match: code,
    language: 'en',
    reason: 'badreputation',
    title: 'Yahoo: the sending server sends to too many unknown addresses',
    explanation:
      'Yahoo slowed the sending server because much of its mail goes to addresses that do not exist, as an open relay would; clean the lists and secure the server.',
    source: YAHOO_BLOCKED,
  })),
  {
    id: 'yahoo-excessive-unknown-recipients',
    provider: 'yahoo',
    kind: 'phrase',
    match: 'excessive unknown recipients',
    language: 'en',
    reason: 'badreputation',
    title: 'Yahoo: the sending server sends to too many unknown addresses',
    explanation:
      'Yahoo slowed the sending server because much of its mail goes to addresses that do not exist; the address in this bounce is not the problem.',
    source: YAHOO,
  },
  {
    id: 'yahoo-unresolvable-from-domain',
    provider: 'yahoo',
    kind: 'phrase',
    match: 'unresolvable rfc\\.?532[12] from domain',
    language: 'en',
    reason: 'authfailure',
    title: 'Yahoo: the sender’s domain does not resolve',
    explanation:
      'The domain in the sender’s MAIL FROM or From address has no DNS records Yahoo can find, so it cannot trust the sender; the sending domain’s DNS needs fixing.',
    source: YAHOO,
  },
  {
    id: 'yahoo-ph-content',
    provider: 'yahoo',
    kind: 'phrase',
    match: '\\[ph\\d\\d\\]',
    language: 'en',
    reason: 'virusdetected',
    title: 'Yahoo: the content is refused as harmful',
    explanation:
      'Yahoo refused the message for its content: malware, phishing or links to them; check the message and the sending server for abuse.',
    source: YAHOO,
  },
]

const OTHER_RULES: readonly ProviderRule[] = [
  {
    id: 'proofpoint-ip-lookup',
    provider: 'proofpoint',
    kind: 'phrase',
    // Proofpoint's refusals point to its IP reputation lookup, under either of its two addresses.
    match: '(ipcheck\\.proofpoint\\.com|support\\.proofpoint\\.com/dnsbl-lookup)',
    language: 'en',
    reason: 'blocked',
    title: 'Proofpoint: the sending IP is delayed or blocked for spam',
    explanation:
      'Proofpoint’s reputation service holds back or blocks an IP it receives spam or viruses from; the block lifts once the spam stops, and the address itself is fine.',
    source: PROOFPOINT,
  },
  {
    id: 'seznam-service-not-mapped',
    provider: 'seznam',
    kind: 'phrase',
    match: "user hasn'?t got the service mapped",
    language: 'en',
    reason: 'userunknown',
    title: 'Seznam.cz: the recipient does not exist',
    explanation: 'Seznam.cz has no mailbox at this address; check it for typos or remove it.',
    source: SEZNAM,
  },
  {
    id: 'tencent-frequency-limited',
    provider: 'tencent',
    kind: 'phrase',
    match: '\\b(ip|domain|sender|connection) frequency limited',
    language: 'en',
    reason: 'ratelimited',
    // QQ Mail bars the sender for minutes, hours or the rest of the day, depending on the limit.
    severity: 'transient',
    title: 'QQ Mail: too much mail from one IP, domain or sender',
    explanation:
      'QQ Mail limits how much one sending IP, domain or sender may deliver per minute, hour and day; slow down and later sends go through.',
    source: QQ,
  },
  {
    id: 'zoho-subject-mandatory',
    provider: 'zoho',
    kind: 'phrase',
    match: 'subject is mandatory',
    language: 'en',
    reason: 'notcompliantrfc',
    title: 'Zoho ZeptoMail: the message has no subject',
    explanation: 'ZeptoMail refuses messages without a Subject; the sending setup must fill it in.',
    source: ZEPTOMAIL,
  },
  {
    id: 'zoho-size-exceeded-policy',
    provider: 'zoho',
    kind: 'phrase',
    match: 'e-?mail size exceeded the policy',
    language: 'en',
    reason: 'emailtoolarge',
    title: 'Zoho ZeptoMail: the attachments are too large',
    explanation: 'The message with its attachments is larger than the account allows; send smaller files or a link.',
    source: ZEPTOMAIL,
  },
  {
    id: 'gmx-ip-block-listed',
    provider: 'gmx',
    kind: 'phrase',
    match: 'ip address is block listed',
    language: 'en',
    reason: 'blocked',
    title: 'GMX / WEB.DE: the sending IP is on a block list',
    explanation:
      'GMX (and WEB.DE, same platform) refused the connection because the sending IP is on a block list; the address is not in question.',
    source: GMX,
  },
  {
    id: 'free-spam-detected',
    provider: 'free',
    kind: 'phrase',
    // Tied to Free's host name: "550 spam detected" alone is said by many servers.
    match: '\\bfree\\.fr\\b.{0,80}spam detected',
    language: 'en',
    reason: 'spamdetected',
    title: 'Free: the message was judged to be spam',
    explanation: 'Free’s filter read the message as spam and refused it; review the content and the sending practice.',
    source: FREE,
  },
]

/** Regional mailbox providers and Gmail's remaining documented wordings, each with its source. */
export const REGIONAL_PROVIDER_RULES: readonly ProviderRule[] = [
  ...GMAIL_RULES,
  ...YAHOO_RULES,
  ...YANDEX_RULES,
  ...OTHER_RULES,
]
