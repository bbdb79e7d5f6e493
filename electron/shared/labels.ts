/**
 * Short plain-words names for verdicts and reasons, as the UI shows them in lists and legends and
 * the CSV exports write them, so a list opened in Excel says what the screen said. The full
 * per-code explanations belong to the code catalog (catalog/); these are the labels a chart, a
 * table row or a spreadsheet column has room for.
 */
import type { Reason, Severity, Verdict } from './classify/types'
import type { HygieneFlag, ReasonGroup } from './ipc'

export interface VerdictInfo {
  label: string
  /** One sentence a marketer can act on. */
  meaning: string
}

export const VERDICT_INFO: Record<Verdict, VerdictInfo> = {
  remove: {
    label: 'Remove',
    meaning: 'The address itself is bad (no such mailbox or domain). Take it off your lists.',
  },
  retry: {
    label: 'Retry',
    meaning: 'A temporary problem, such as a full mailbox or a busy server. Keep the address; it may work next time.',
  },
  'fix-sending': {
    label: 'Fix sending',
    meaning:
      'The address is probably fine. The receiving server refused your mail because of reputation, authentication or content.',
  },
  review: {
    label: 'Review',
    meaning: 'The server’s answer is unclear. Read the bounce text before you act on the address.',
  },
}

export const REASON_LABELS: Record<Reason, string> = {
  userunknown: 'Mailbox does not exist',
  hostunknown: 'Domain does not exist',
  hasmoved: 'Address has moved',
  mailboxfull: 'Mailbox is full',
  suspend: 'Mailbox suspended or disabled',
  notaccept: 'Domain accepts no mail',
  blocked: 'Sending server blocked',
  badreputation: 'Poor sender reputation',
  requireptr: 'Sending server lacks reverse DNS',
  authfailure: 'SPF, DKIM or DMARC failed',
  securityerror: 'Security check failed',
  failedstarttls: 'Encrypted connection failed',
  spamdetected: 'Flagged as spam',
  virusdetected: 'Flagged as a virus',
  contenterror: 'Message content refused',
  filtered: 'Filtered by the recipient',
  rejected: 'Sender address rejected',
  policyviolation: 'Against the receiver’s policy',
  norelaying: 'Relaying not allowed',
  ratelimited: 'Too many messages at once',
  exceedlimit: 'Over the recipient’s size limit',
  emailtoolarge: 'Message too large',
  networkerror: 'Network problem',
  expired: 'Delivery timed out',
  systemerror: 'Receiving server error',
  systemfull: 'Receiving server out of space',
  mailererror: 'Mail program error',
  syntaxerror: 'Protocol error',
  notcompliantrfc: 'Message not standards-compliant',
  suppressed: 'Suppressed by the sender',
  onhold: 'On hold',
  undefined: 'Not recognised',
  delivered: 'Delivered',
}

/** How final the server meant its answer to be, in the words a marketer uses. */
export const SEVERITY_LABELS: Record<Severity, string> = {
  permanent: 'Permanent',
  transient: 'Temporary',
  success: 'Success',
  unknown: 'Varies',
}

const PROVIDER_LABELS: Readonly<Record<string, string>> = {
  gmail: 'Gmail',
  microsoft: 'Microsoft (Outlook, Microsoft 365)',
  'microsoft-eop': 'Microsoft Exchange Online Protection',
  yahoo: 'Yahoo / AOL',
  apple: 'Apple iCloud',
  mimecast: 'Mimecast',
  proofpoint: 'Proofpoint',
  barracuda: 'Barracuda',
  'barracuda-filter': 'Barracuda Email Security',
  spamhaus: 'Spamhaus',
  spamcop: 'SpamCop',
  sorbs: 'SORBS',
  cbl: 'Abuseat CBL',
  uceprotect: 'UCEPROTECT',
  psbl: 'PSBL',
  mailspike: 'Mailspike',
  surbl: 'SURBL',
  uribl: 'URIBL',
  cisco: 'Cisco Secure Email',
  messagelabs: 'Broadcom MessageLabs',
  gmx: 'GMX',
  'web.de': 'WEB.DE',
  't-online': 'T-Online',
  orange: 'Orange',
  laposte: 'La Poste',
  comcast: 'Comcast',
  cox: 'Cox',
  spectrum: 'Spectrum (Charter)',
  zoho: 'Zoho',
  tencent: 'Tencent QQ',
  'mail.ru': 'Mail.ru',
  yandex: 'Yandex',
  cloudmark: 'Cloudmark',
  trendmicro: 'Trend Micro',
  cloudflare: 'Cloudflare',
  aol: 'AOL',
  mandrill: 'Mailchimp Transactional (Mandrill)',
  sendgrid: 'Twilio SendGrid',
  ses: 'Amazon SES',
  sophos: 'Sophos Email',
  postmark: 'Postmark',
  mailgun: 'Mailgun',
  sparkpost: 'SparkPost',
  netease: 'NetEase (163.com)',
}

/** A provider id from the classifier or the catalog (`gmail`, `t-online`) as people write it. */
export function providerLabel(id: string): string {
  return PROVIDER_LABELS[id] ?? id.charAt(0).toUpperCase() + id.slice(1)
}

/** The name alone (`Microsoft`, not `Microsoft (Outlook, Microsoft 365)`), for sentences and chart legends. */
export function providerShortLabel(id: string): string {
  return providerLabel(id).replace(/ \(.*\)$/, '')
}

/** A stored reason or verdict text; an older classifier's name is shown as it is rather than lost. */
export function reasonLabel(reason: string): string {
  return Object.hasOwn(REASON_LABELS, reason) ? REASON_LABELS[reason as Reason] : reason
}

export function verdictLabel(verdict: string): string {
  return Object.hasOwn(VERDICT_INFO, verdict) ? VERDICT_INFO[verdict as Verdict].label : verdict
}

/** The few groups charts stack reasons into, named the same on screen and in the report. */
export const REASON_GROUP_LABELS: Record<ReasonGroup, string> = {
  address: 'Bad address',
  mailbox: 'Mailbox unavailable',
  reputation: 'Sender reputation',
  content: 'Content or policy',
  temporary: 'Temporary',
  other: 'Other',
}

/** What each group asks of the marketer, for a title, a legend's hover or the report's table. */
export const REASON_GROUP_MEANINGS: Record<ReasonGroup, string> = {
  address: 'The mailbox or its domain does not exist: remove the address.',
  mailbox: 'The address exists but cannot take mail now (full, disabled, over its limit).',
  reputation: 'The receiving server refused the sender: blocklists, authentication, reverse DNS.',
  content: 'The message was refused for what it contained or the receiver’s policy.',
  temporary: 'A passing problem on the way: rate limits, time-outs, server errors.',
  other: 'Causes that fit none of the groups above.',
}

/** Address hygiene findings in plain words (Leads, the Overview card, the exports, the CLI). */
export const HYGIENE_FLAG_LABELS: Record<HygieneFlag, string> = {
  typo: 'Likely typo',
  role: 'Role address',
  disposable: 'Throwaway domain',
  malformed: 'Not a valid address',
}

/** What each finding means for a marketer, for tooltips. */
export const HYGIENE_FLAG_MEANINGS: Record<HygieneFlag, string> = {
  typo: 'The domain looks like a misspelling of a common one (gmial.com for gmail.com): fix the address instead of removing the lead.',
  role: 'A shared mailbox such as info@ or sales@: these bounce and complain more than a person’s address.',
  disposable: 'A throwaway mail service: the person never meant to stay reachable.',
  malformed: 'Not a working address as written (a misplaced dot, or a domain nobody can register).',
}
