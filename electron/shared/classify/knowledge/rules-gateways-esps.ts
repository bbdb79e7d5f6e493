import type { Reason } from '../types'
import type { ProviderRule, RuleSource } from './types'

const SOPHOS: RuleSource = {
  title: 'Sophos Central Email Security: SMTP error codes',
  url: 'https://docs.sophos.com/central/customer/help/en-us/ManageYourProducts/EmailSecurity/SMTPErrorCodes/index.html',
}
const TREND_QIL: RuleSource = {
  title: 'Trend Micro Email Security: emails blocked because the sender IP was found in QIL',
  url: 'https://success.trendmicro.com/en-US/solution/KA-0001346',
}
const TREND_ERS: RuleSource = {
  title: 'Trend Micro: FAQs about messages blocked by Email Reputation Services (ERS)',
  url: 'https://success.trendmicro.com/solution/1097055-frequently-asked-questions-faqs-about-messages-blocked-by-email-reputation-services-ers',
}
const TREND_DDEI: RuleSource = {
  title: 'Trend Micro Deep Discovery Email Inspector: SMTP error codes',
  url: 'https://docs.trendmicro.com/en-us/documentation/article/deep-discovery-email-inspector-51-online-help-smtp-error-codes',
}
const MIMECAST: RuleSource = {
  title: 'Mimecast: SMTP error codes',
  url: 'https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754',
}
const MIMECAST_BLOCKED: RuleSource = {
  title: 'Mimecast: managing blocked senders and email rejections',
  url: 'https://mimecastsupport.zendesk.com/hc/en-us/articles/42979092709907-Policies-Managing-Blocked-Senders-and-Email-Rejections',
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
const POSTMARK: RuleSource = {
  title: 'Postmark API overview: error codes',
  url: 'https://postmarkapp.com/developer/api/overview#error-codes',
}
const SPARKPOST: RuleSource = {
  title: 'SparkPost: preparing for asynchronous suppressions',
  url: 'https://support.sparkpost.com/docs/tech-resources/preparing-for-async-suppressions',
}
const CISCO_REPUTATION: RuleSource = {
  title: 'Cisco Email Security Appliance: identify and allow senders with a poor SenderBase reputation',
  url: 'https://www.cisco.com/c/en/us/support/docs/security/email-security-appliance/200436-Identify-and-allow-poor-SenderBase-Reput.html',
}
const MAILGUN: RuleSource = {
  title: 'Mailgun documentation: events (delivery status of failed messages)',
  url: 'https://documentation.mailgun.com/en/latest/api-events.html',
}

/**
 * Sophos Email numbers each reason it refuses a message (`XGEMAIL_0004`); the code says more than the
 * reply text around it, which a receiving admin may have customised.
 */
const SOPHOS_CODES: readonly (readonly [string, Reason, string, string])[] = [
  [
    '0001',
    'authfailure',
    'no valid DKIM signature',
    'The message had no valid DKIM signature for the sending domain; the sender has to fix its signing.',
  ],
  [
    '0002',
    'authfailure',
    'SPF check failed',
    'The sending server is not allowed by the sending domain’s SPF record; the sender has to fix it.',
  ],
  [
    '0003',
    'authfailure',
    'DMARC check failed',
    'The message failed the sending domain’s DMARC check; the sender has to align SPF or DKIM.',
  ],
  [
    '0004',
    'blocked',
    'sending IP on a block list',
    'The sending server’s IP address is on a real-time block list; the address itself is fine.',
  ],
  [
    '0005',
    'blocked',
    'sending domain on a block list',
    'The sending domain is on a domain block list; the sender has to get it delisted.',
  ],
  [
    '0006',
    'failedstarttls',
    'TLS version not accepted',
    'The encryption (TLS version) of the connection did not meet the recipient organisation’s policy; the sending setup has to change.',
  ],
  [
    '0007',
    'systemerror',
    'recipient’s filtering licence expired',
    'The recipient organisation’s Sophos subscription has expired, so it refuses mail until they renew; nothing is wrong with the address.',
  ],
  [
    '0008',
    'rejected',
    'blocked by the recipient organisation',
    'The recipient organisation’s administrator blocked the sender’s domain, IP or address.',
  ],
  [
    '0009',
    'rejected',
    'blocked by the recipient',
    'The recipient put the sender’s domain, IP or address on their own block list.',
  ],
  [
    '0010',
    'norelaying',
    'domain not protected here',
    'The recipient’s domain is not one this filtering service handles, so its mail routing looks wrong; worth reviewing, not removing.',
  ],
  [
    '0011',
    'userunknown',
    'address does not exist',
    'The recipient’s address does not exist at the organisation; remove it from the list.',
  ],
  [
    '0012',
    'emailtoolarge',
    'message too large',
    'The message was larger than the recipient organisation accepts; send a smaller one.',
  ],
  [
    '0013',
    'exceedlimit',
    'too many recipients for a large message',
    'A large message was addressed to more recipients than the recipient organisation allows.',
  ],
  [
    '0014',
    'ratelimited',
    'too many messages from this sender',
    'The recipient gets more messages from this sender than their limit allows; later sends go through.',
  ],
  [
    '0015',
    'ratelimited',
    'recipient receiving too much mail',
    'The recipient is over their total limit of incoming mail from all senders; later sends go through.',
  ],
]

/** Filtering gateways' and sending services' own codes and wordings (Mimecast, Sophos, Mailgun …), with sources. */
export const GATEWAY_AND_ESP_RULES: readonly ProviderRule[] = [
  ...SOPHOS_CODES.map(([n, reason, title, explanation]): ProviderRule => ({
    id: `sophos-xgemail-${n}`,
    provider: 'sophos',
    kind: 'code',
    match: `XGEMAIL_${n}`,
    language: 'en',
    reason,
    title: `Sophos Email: ${title}`,
    explanation,
    source: SOPHOS,
  })),
  // Trend Micro's Email Reputation Services name the list that refused the sending IP.
  {
    id: 'trendmicro-ers-qil',
    provider: 'trendmicro',
    kind: 'code',
    match: 'ERS-QIL',
    language: 'en',
    reason: 'badreputation',
    severity: 'transient',
    title: 'Trend Micro: sending IP on the short-term reputation list (QIL)',
    explanation:
      'Trend Micro holds back mail from a sending IP that recently looked like a spam source, for minutes to hours; the sender’s IP is the problem and later attempts usually pass.',
    source: TREND_QIL,
  },
  {
    id: 'trendmicro-ers-dul',
    provider: 'trendmicro',
    kind: 'code',
    match: 'ERS-DUL',
    language: 'en',
    reason: 'blocked',
    title: 'Trend Micro: sending IP looks like a home or dynamic connection',
    explanation:
      'Trend Micro refused the sending IP because it is in a range of dynamic (home) addresses; the sender has to send through a proper mail server.',
    source: TREND_ERS,
  },
  {
    id: 'trendmicro-ers-rbl',
    provider: 'trendmicro',
    kind: 'code',
    match: 'ERS-RBL',
    language: 'en',
    reason: 'blocked',
    title: 'Trend Micro: sending IP on its block list',
    explanation:
      'Trend Micro refused the sending IP because it is on its block list of known spam sources; the sender has to get it delisted.',
    source: TREND_ERS,
  },
  {
    id: 'trendmicro-ers-zombie',
    provider: 'trendmicro',
    kind: 'phrase',
    match: 'for zombie matches',
    language: 'en',
    reason: 'badreputation',
    title: 'Trend Micro: sending IP looks like a hijacked machine, held back',
    explanation:
      'Trend Micro’s reputation service temporarily refused the sending IP because it behaves like a compromised (zombie) machine; the sender’s IP is the problem, and later attempts may pass.',
    source: TREND_DDEI,
  },
  // Mimecast's reply texts are fixed per cause; each is its own documented entry.
  {
    id: 'mimecast-unable-to-process',
    provider: 'mimecast',
    kind: 'phrase',
    match: 'unable to process connection at this time',
    language: 'en',
    reason: 'systemerror',
    title: 'Mimecast: busy, try later',
    explanation:
      'The recipient’s Mimecast service was under maximum load; the message is retried and gets through later.',
    source: MIMECAST,
  },
  {
    id: 'mimecast-anti-spoofing',
    provider: 'mimecast',
    kind: 'phrase',
    match: 'anti-spoofing policy',
    language: 'en',
    reason: 'authfailure',
    title: 'Mimecast: looks like spoofing of the recipient’s own domain',
    explanation:
      'Mimecast refused the message because it claims to come from a domain it protects but arrived from a server it does not trust; the sender’s authentication or the recipient’s exception list has to be fixed.',
    source: MIMECAST,
  },
  {
    id: 'mimecast-envelope-blocked',
    provider: 'mimecast',
    kind: 'phrase',
    match: 'envelope blocked',
    language: 'en',
    reason: 'rejected',
    title: 'Mimecast: sender blocked by the recipient',
    explanation:
      'The recipient or their administrator added the sender’s address or domain to a Mimecast block entry; only they can lift it.',
    source: MIMECAST,
  },
  {
    id: 'mimecast-block-list-in-force',
    provider: 'mimecast',
    kind: 'phrase',
    match: 'policy level block list in force',
    language: 'en',
    reason: 'rejected',
    title: 'Mimecast: sender on the organisation’s block list',
    explanation:
      'A blocked-senders policy of the recipient organisation refused the sender’s address or domain; only their administrator can lift it.',
    source: MIMECAST_BLOCKED,
  },
  {
    id: 'cisco-poor-reputation',
    provider: 'cisco',
    kind: 'phrase',
    match: 'sending mta.s poor reputation',
    language: 'en',
    reason: 'badreputation',
    title: 'Cisco Secure Email: sending server’s reputation too poor',
    explanation:
      'The recipient’s Cisco gateway refused the connection because the sending IP’s reputation score is too low; the sender has to improve it, the address is fine.',
    source: CISCO_REPUTATION,
  },
  // Sending services' own refusals: one-word (or fixed) reasons in their event data.
  {
    id: 'mandrill-custom',
    provider: 'mandrill',
    kind: 'text',
    match: 'custom',
    language: 'en',
    reason: 'suppressed',
    title: 'Mandrill: the address is on your own rejection list',
    explanation: 'The sending service did not send because the address is on a rejection list your account keeps.',
    source: MANDRILL,
  },
  ...(
    [
      [
        'spam content',
        'spamdetected',
        'SendGrid: dropped as spam content',
        'SendGrid’s own spam check dropped the message before sending; change the content.',
      ],
      [
        'invalid smtpapi header',
        'syntaxerror',
        'SendGrid: invalid SMTPAPI header',
        'The sending code passed SendGrid a malformed X-SMTPAPI header, so it dropped the message; the sender has to fix it.',
      ],
      [
        'recipient list over package quota',
        'ratelimited',
        'SendGrid: over the plan’s sending quota',
        'The account has used up the sends its SendGrid plan allows; the address is fine.',
      ],
    ] as const
  ).map(([text, reason, title, explanation]): ProviderRule => ({
    id: `sendgrid-${text.replaceAll(' ', '-')}`,
    provider: 'sendgrid',
    kind: 'text',
    match: text,
    language: 'en',
    reason,
    title,
    explanation,
    source: SENDGRID,
  })),
  {
    id: 'ses-suppressed-sending',
    provider: 'ses',
    kind: 'phrase',
    match: 'has suppressed sending to this address',
    language: 'en',
    reason: 'suppressed',
    title: 'Amazon SES: sending to this address is suppressed',
    explanation: 'Amazon SES did not send because the address bounced or complained before; remove it from the list.',
    source: SES,
  },
  {
    id: 'postmark-406-inactive-recipient',
    provider: 'postmark',
    kind: 'text',
    match: '406 inactive recipient',
    language: 'en',
    reason: 'suppressed',
    title: 'Postmark: the recipient is marked inactive',
    explanation:
      'Postmark did not send because the address hard-bounced, complained or was suppressed before; remove it from the list.',
    source: POSTMARK,
  },
  {
    id: 'postmark-marked-inactive',
    provider: 'postmark',
    kind: 'phrase',
    match: 'been marked as inactive',
    language: 'en',
    reason: 'suppressed',
    title: 'Postmark: the recipient is marked inactive',
    explanation:
      'Postmark did not send because the address hard-bounced, complained or was suppressed before; remove it from the list.',
    source: POSTMARK,
  },
  {
    id: 'mailgun-not-delivering',
    provider: 'mailgun',
    kind: 'phrase',
    match: 'not delivering to (previously bounced|unsubscribed) address',
    language: 'en',
    reason: 'suppressed',
    title: 'Mailgun: the address is on a suppression list',
    explanation: 'Mailgun did not send because the address bounced before or unsubscribed; remove it from the list.',
    source: MAILGUN,
  },
  {
    id: 'sparkpost-suppressed-policy',
    provider: 'sparkpost',
    kind: 'phrase',
    match: 'recipient address was suppressed due to (customer|system) policy',
    language: 'en',
    reason: 'suppressed',
    title: 'SparkPost: the address is on a suppression list',
    explanation:
      'SparkPost did not send because the address is on your account’s or its global suppression list after earlier bounces, complaints or unsubscribes; remove it from the list.',
    source: SPARKPOST,
  },
]
