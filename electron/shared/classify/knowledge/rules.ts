import { GATEWAY_AND_ESP_RULES } from './rules-gateways-esps'
import { MAILBOX_PROVIDER_RULES } from './rules-mailbox-providers'
import { REGIONAL_PROVIDER_RULES } from './rules-regional-providers'
import type { ProviderRule, RuleSource } from './types'

const GMAIL: RuleSource = {
  title: 'Google Workspace Admin Help: SMTP errors and codes',
  url: 'https://support.google.com/a/answer/3726730',
}
const AOL: RuleSource = {
  title: 'AOL Postmaster: SMTP error codes',
  url: 'http://postmaster.aol.com/Postmaster.Errors.php',
}
const YAHOO: RuleSource = {
  title: 'Yahoo Sender Hub: SMTP error codes',
  url: 'https://senders.yahooinc.com/smtp-error-codes/',
}
const COMCAST: RuleSource = {
  title: 'Comcast Postmaster: mail error codes',
  url: 'http://postmaster.comcast.net/mail-error-codes.html',
}
const OUTLOOK: RuleSource = {
  title: 'Outlook.com Sender Support: troubleshooting',
  url: 'https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx',
}
const MANDRILL: RuleSource = {
  title: 'Mailchimp Transactional API: messages/send reject reasons',
  url: 'https://mailchimp.com/developer/transactional/api/messages/send-new-message/',
}
const SENDGRID: RuleSource = {
  title: 'Twilio SendGrid: event webhook drop reasons',
  url: 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event',
}
const SES: RuleSource = {
  title: 'Amazon SES Developer Guide: notification contents (bounce types)',
  url: 'https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html',
}

const AUTH_TITLE = 'Gmail: authentication did not pass'
const AUTH_TEXT =
  'Gmail uses this code for mail that failed its sender-authentication checks (SPF, DKIM or DMARC alignment), not for a bad address.'

/** Gmail, Outlook.com, Yahoo/AOL, Comcast and three ESPs: the first records. Wording is ours. */
const FIRST_RULES: readonly ProviderRule[] = [
  // Gmail numbers its authentication refusals 4.7.27–4.7.32 / 5.7.27–5.7.32; elsewhere 5.7.27 means a
  // sender domain with a null MX, so these apply only when the text or the recipient names Gmail.
  ...['27', '29', '30', '31', '32'].flatMap((detail): ProviderRule[] =>
    ['4', '5'].map((cls) => ({
      id: `gmail-${cls}.7.${detail}`,
      provider: 'gmail',
      kind: 'status',
      match: `${cls}.7.${detail}`,
      language: 'en',
      reason: 'authfailure',
      title: AUTH_TITLE,
      explanation: AUTH_TEXT,
      source: GMAIL,
    })),
  ),
  {
    id: 'gmail-4.2.1',
    provider: 'gmail',
    kind: 'status',
    match: '4.2.1',
    language: 'en',
    reason: 'ratelimited',
    title: 'Gmail: the recipient is receiving mail too fast',
    explanation: 'Gmail slows delivery to one recipient who is getting too much mail at once; later sends go through.',
    source: GMAIL,
  },
  {
    id: 'gmail-5.2.1-disabled',
    provider: 'gmail',
    kind: 'phrase',
    match: 'account (that you tried to reach )?is disabled',
    language: 'en',
    reason: 'suspend',
    title: 'Gmail: the account is disabled',
    explanation: 'The Gmail account exists but has been disabled, so it cannot receive mail for now.',
    source: GMAIL,
  },
  // AOL's legacy tags (still seen on Yahoo/AOL infrastructure).
  ...(
    [
      ['RTR:DU', 'blocked', 'AOL: dynamic or residential sending IP'],
      ['RTR:BB', 'blocked', 'AOL: dynamic or residential sending IP'],
      ['RTR:RD', 'requireptr', 'AOL: the reverse DNS of the sending IP looks dynamic'],
      ['RTR:CH', 'blocked', 'AOL: the sending network may be compromised'],
      ['RTR:BG', 'blocked', 'AOL: the sending IP is not allocated'],
      ['RLY:B1', 'blocked', 'AOL: dynamic block after member complaints'],
      ['RLY:B2', 'blocked', 'AOL: sending IP blocked for complaints'],
      ['RLY:B3', 'blocked', 'AOL: sending IP blocked for complaints'],
      ['RLY:BD', 'blocked', 'AOL: sending IP blocked'],
      ['RLY:IR', 'blocked', 'AOL: sending IP refused'],
      ['RLY:SN', 'blocked', 'AOL: sending IP listed'],
      ['DYN:T1', 'ratelimited', 'AOL: throttled'],
      ['HVU:B1', 'blocked', 'AOL: sending IP blocked'],
      ['IPTS04', 'badreputation', 'Yahoo/AOL: deferred for volume or complaints'],
    ] as const
  ).map(([code, reason, title]): ProviderRule => ({
    id: `aol-${code.toLowerCase().replace(':', '-')}`,
    provider: 'aol',
    kind: 'code',
    match: code,
    language: 'en',
    reason,
    title,
    explanation:
      reason === 'ratelimited'
        ? 'AOL slowed down mail from the sending IP; it is retried and usually goes through.'
        : 'AOL refused the sending server, not the address: the sending IP is blocked, listed or looks like a home connection.',
    source: AOL,
  })),
  ...(
    [
      ['TS01', 'ratelimited', 'Yahoo: too many messages or connections; deferred'],
      ['TS02', 'ratelimited', 'Yahoo: too many messages or connections; deferred'],
      ['TS03', 'blocked', 'Yahoo: all mail from the sending IP permanently deferred'],
      ['TSS04', 'badreputation', 'Yahoo: deferred for unexpected volume or complaints'],
      ['TSS09', 'badreputation', 'Yahoo: deferred for the sending IP’s reputation'],
      ['GL01', 'ratelimited', 'Yahoo: deferred, try again later'],
      ['BL21', 'blocked', 'Yahoo: the sending IP is on a block list'],
      ['BL23', 'blocked', 'Yahoo: the sending IP is on a block list'],
    ] as const
  ).map(([code, reason, title]): ProviderRule => ({
    id: `yahoo-${code.toLowerCase()}`,
    provider: 'yahoo',
    kind: 'code',
    match: code,
    language: 'en',
    reason,
    title,
    explanation:
      reason === 'ratelimited'
        ? 'Yahoo is slowing down mail from the sending IP; later attempts usually go through.'
        : 'Yahoo refused or delayed mail because of the sending IP or its reputation, not because of the address.',
    source: YAHOO,
  })),
  ...(
    [
      ['BL000000', 'badreputation'],
      ['BL000001', 'blocked'],
      ['BL000010', 'blocked'],
      ['BL000011', 'blocked'],
      ['BL000100', 'blocked'],
      ['BL000101', 'blocked'],
      ['BL000110', 'blocked'],
      ['BL000111', 'blocked'],
      ['ES000001', 'blocked'],
      ['ES000010', 'blocked'],
      ['RL000001', 'ratelimited'],
      ['RL000010', 'ratelimited'],
      ['RL000100', 'ratelimited'],
    ] as const
  ).map(([code, reason]): ProviderRule => ({
    id: `comcast-${code.toLowerCase()}`,
    provider: 'comcast',
    kind: 'code',
    match: code,
    language: 'en',
    reason,
    title:
      reason === 'ratelimited'
        ? 'Comcast: too many messages or connections'
        : code.startsWith('ES')
          ? 'Comcast: sending from a dynamic or residential IP'
          : 'Comcast: sending IP on a block list or spam-like',
    explanation:
      reason === 'ratelimited'
        ? 'Comcast limited how fast the sending IP may deliver; the mail is retried.'
        : 'Comcast refused the sending IP (a block list, spam-like patterns or a home connection); the address is fine.',
    source: COMCAST,
  })),
  ...(
    [
      ['S3140', 'blocked'],
      ['S3150', 'blocked'],
      ['S3113', 'badreputation'],
      ['S3114', 'badreputation'],
      ['S3115', 'badreputation'],
      ['SC-001', 'blocked'],
      ['SC-002', 'blocked'],
      ['SC-003', 'blocked'],
      ['SC-004', 'blocked'],
      ['DY-001', 'blocked'],
      ['DY-002', 'blocked'],
      ['OU-001', 'policyviolation'],
      ['OU-002', 'blocked'],
      ['RP-001', 'ratelimited'],
      ['RP-002', 'ratelimited'],
      ['RP-003', 'ratelimited'],
    ] as const
  ).map(([code, reason]): ProviderRule => ({
    id: `outlook-${code.toLowerCase()}`,
    provider: 'microsoft',
    kind: 'code',
    match: code,
    language: 'en',
    reason,
    title:
      reason === 'ratelimited'
        ? 'Outlook.com: too many connections or messages from the sending IP'
        : 'Outlook.com refused the sending IP or network',
    explanation:
      reason === 'ratelimited'
        ? 'Outlook.com limits how much one sending IP may deliver at once; later attempts go through.'
        : 'Outlook.com refused mail from the sending server for its reputation or policy; the address itself is fine.',
    source: OUTLOOK,
  })),
  // ESP reject reasons: the whole text is one word in the ESP's own event data.
  ...(
    [
      ['hard-bounce', 'suppressed', 'Mandrill: the address bounced before'],
      ['soft-bounce', 'suppressed', 'Mandrill: the address soft-bounced repeatedly'],
      ['spam', 'suppressed', 'Mandrill: the recipient marked earlier mail as spam'],
      ['unsub', 'suppressed', 'Mandrill: the recipient unsubscribed'],
      ['invalid', 'userunknown', 'Mandrill: the address is not valid'],
      ['invalid-sender', 'rejected', 'Mandrill: the sender address is not valid'],
      ['unsigned', 'authfailure', 'Mandrill: the sending domain is not verified'],
      ['rule', 'rejected', 'Mandrill: refused by one of your own rules'],
      ['test-mode-limit', 'ratelimited', 'Mandrill: test mode limit reached'],
    ] as const
  ).map(([word, reason, title]): ProviderRule => ({
    id: `mandrill-${word}`,
    provider: 'mandrill',
    kind: 'text',
    match: word,
    language: 'en',
    reason,
    title,
    explanation:
      reason === 'suppressed'
        ? 'The sending service did not send to this address because of its earlier bounces, complaints or unsubscribe.'
        : 'The sending service refused to send this message; see the title for why.',
    source: MANDRILL,
  })),
  {
    id: 'sendgrid-bounced-address',
    provider: 'sendgrid',
    kind: 'phrase',
    match: '^(bounced address|unsubscribed address|spam reporting address|invalid)$',
    language: 'en',
    reason: 'suppressed',
    title: 'SendGrid: dropped because the address is suppressed',
    explanation:
      'SendGrid did not send to this address because it bounced before, reported spam, unsubscribed or is invalid.',
    source: SENDGRID,
  },
  {
    id: 'ses-suppression-list',
    provider: 'ses',
    kind: 'phrase',
    match: 'on the (account-level |global )?suppression list',
    language: 'en',
    reason: 'suppressed',
    title: 'Amazon SES: the address is on the suppression list',
    explanation: 'Amazon SES did not send because the address bounced or complained before and was suppressed.',
    source: SES,
  },
]

/** What providers, filters and ESPs document, each record with its source. Wording is ours. */
export const PROVIDER_RULES: readonly ProviderRule[] = [
  ...FIRST_RULES,
  ...MAILBOX_PROVIDER_RULES,
  ...GATEWAY_AND_ESP_RULES,
  ...REGIONAL_PROVIDER_RULES,
]
