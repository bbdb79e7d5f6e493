import type { Reason } from '../types'
import type { ProviderRule, RuleSource } from './types'

/**
 * Mailbox providers' own codes and wordings, with sources. Titles and explanations are ours: what
 * happened and whose problem it is, in one sentence for a marketer.
 *
 * Orange/La Poste, Spectrum, Cox and NetEase were hand-written tables in `provider-codes.ts`; their
 * codes carry variable parts (Orange's `OFR004_505`, Spectrum's `AUP#In-1350`), so those records are
 * phrases whose gate word (`ofr`, `lpn`, `aup#`) keeps them off every other text.
 */

const ORANGE: RuleSource = { title: 'Orange Postmaster: error codes', url: 'https://postmaster.orange.fr' }
const SPECTRUM: RuleSource = {
  title: 'Spectrum Business: understanding email error codes',
  url: 'https://www.spectrumbusiness.net/support/internet/understanding-email-error-codes',
}
const COX: RuleSource = {
  title: 'Cox Postmaster: error codes',
  url: 'http://postmaster.cox.net/confluence/display/postmaster/Error+Codes',
}
const NETEASE: RuleSource = {
  title: 'NetEase Mail help: bounce codes (退信代码说明)',
  url: 'http://help.163.com/09/1224/17/5RAJ4LMH00753VB8.html',
}
const MICROSOFT: RuleSource = {
  title: 'Microsoft Learn: email non-delivery reports and SMTP errors in Exchange Online',
  url: 'https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online',
}

type Entry = readonly [match: string, reason: Reason, title: string, explanation: string]

// Orange and La Poste share the numbering: the last three digits name the cause; the prefix
// (`OFR_`, `OFR004_`, `LPN007_`) names the platform. Codes Orange lists as a generic "service refused,
// please try later" (105, 107, 108 …) are left to the wording.
const ORANGE_CODES: readonly (readonly [code: string, reason: Reason, title: string, explanation: string])[] = [
  [
    '101',
    'blocked',
    'sending IP on a blocklist',
    'Orange refused the sending IP because a public blocklist (Spamhaus) lists it; the address is fine.',
  ],
  [
    '102',
    'blocked',
    'sending IP blocked for spam',
    'Orange blocked the sending IP after spam from it; the sender must get it unblocked.',
  ],
  [
    '103',
    'blocked',
    'sending IP refused',
    'Orange refused connections from the sending IP; the address itself is not in question.',
  ],
  [
    '104',
    'ratelimited',
    'too many connections',
    'The sending server opened too many connections at once; Orange slows it down and later sends go through.',
  ],
  [
    '305',
    'securityerror',
    'invalid authentication',
    'The sending account gave an invalid authentication code; a sending setup problem.',
  ],
  [
    '401',
    'authfailure',
    'SPF refused the sending IP',
    'The sending IP is not allowed by the sender domain’s SPF record, so Orange refused the mail.',
  ],
  [
    '402',
    'securityerror',
    'authentication required',
    'Orange requires the sender to authenticate first; a sending setup problem.',
  ],
  ['403', 'rejected', 'invalid sender', 'Orange refused the sender address, not the recipient.'],
  ['405', 'rejected', 'invalid sender', 'Orange refused the sender address, not the recipient.'],
  ['415', 'rejected', 'invalid sender', 'Orange refused the sender address, not the recipient.'],
  [
    '416',
    'userunknown',
    'the recipient does not exist',
    'The recipient address does not exist at Orange or La Poste; remove it.',
  ],
  [
    '417',
    'mailboxfull',
    'the mailbox is full',
    'The recipient’s mailbox is over quota; the mail goes through once they make room.',
  ],
  [
    '420',
    'suspend',
    'the mailbox is archived',
    'The recipient’s mailbox was archived because nobody uses it; it no longer receives mail.',
  ],
  [
    '421',
    'rejected',
    'sender not owned by the account',
    'The sending account used a From address it does not own; a sending setup problem.',
  ],
  [
    '426',
    'suspend',
    'the recipient account is blocked',
    'The recipient’s account is blocked, so it cannot receive mail for now.',
  ],
  [
    '505',
    'systemerror',
    'message refused, try later',
    'Orange refused the message after receiving it and asks to try again later; usually temporary.',
  ],
  [
    '506',
    'spamdetected',
    'message refused as spam',
    'Orange’s filter judged the message to be spam; change the content or the sending reputation.',
  ],
  [
    '510',
    'blocked',
    'sender refused after the message',
    'Orange refused the sender after receiving the message; the address is fine.',
  ],
  [
    '514',
    'emailtoolarge',
    'the message is too large',
    'The message is bigger than Orange accepts; send a smaller one.',
  ],
  [
    '517',
    'authfailure',
    'DMARC check failed',
    'The message failed the sender domain’s DMARC check, so Orange refused it.',
  ],
  [
    '630',
    'policyviolation',
    'sending host refused by policy',
    'Orange’s policy refuses the sending host; the sender must fix its setup or reputation.',
  ],
  [
    '999',
    'blocked',
    'service refused to the sending host',
    'Orange refused service to the sending server, usually for its reputation or too many connections.',
  ],
]

// Spectrum numbers its refusals AUP#I-nnnn (mail to Spectrum) and AUP#O-nnnn (mail from Spectrum
// accounts) in documented ranges.
const SPECTRUM_RANGES: readonly (readonly [
  digits: string,
  from: number,
  reason: Reason,
  title: string,
  explanation: string,
])[] = [
  [
    '1000',
    1000,
    'blocked',
    'sending IP blocked for suspicious activity',
    'Spectrum blocked the sending IP after suspicious activity; the address is fine.',
  ],
  [
    '10[1-8]\\d',
    1010,
    'rejected',
    'sending account blocked or limited',
    'Spectrum blocked or limited the sending account after suspicious activity.',
  ],
  [
    '1090',
    1090,
    'systemerror',
    'message could not be processed',
    'Spectrum could not process the message and asks to try again later.',
  ],
  [
    '1(10\\d|1[0-4]\\d|150)',
    1100,
    'requireptr',
    'sending IP without valid reverse DNS',
    'The sending IP has no matching reverse DNS, which Spectrum requires; a sending setup problem.',
  ],
  [
    '1(1[6-9]\\d)',
    1160,
    'policyviolation',
    'against the domain’s security policy',
    'The message goes against the receiving domain’s security policy at Spectrum.',
  ],
  [
    '12[0-5]\\d',
    1200,
    'blocked',
    'sending IP on a blocklist',
    'A blocklist Spectrum uses (Cloudmark, Spamhaus) lists the sending IP; the address is fine.',
  ],
  [
    '1260',
    1260,
    'networkerror',
    'IPv6 not accepted',
    'Spectrum does not accept mail over IPv6; the sending server should use IPv4.',
  ],
  [
    '1(3[0-9]\\d|4\\d\\d)',
    1300,
    'ratelimited',
    'too many connections or messages',
    'The sending server sent too much at once; Spectrum slows it down and later sends go through.',
  ],
  [
    '15[0-2]\\d',
    1500,
    'rejected',
    'sending as another address',
    'The sender used an address or domain it may not send as; a sending setup problem.',
  ],
  ['1530', 1530, 'emailtoolarge', 'the message is too large', 'The message is larger than Spectrum accepts (20 MB).'],
  [
    '15[45]\\d',
    1540,
    'ratelimited',
    'too many messages or recipients',
    'Too many messages in one session or recipients in one message; send in smaller batches.',
  ],
  [
    '1560',
    1560,
    'policyviolation',
    'too many invalid recipients',
    'The sender tried too many addresses that do not exist; clean the list.',
  ],
  [
    '1580',
    1580,
    'ratelimited',
    'too many recipients in a short time',
    'Too many recipients in a short time; Spectrum slows the sender down.',
  ],
]

const COX_CODES: readonly Entry[] = [
  [
    'aup#cxbl',
    'blocked',
    'Cox: sending IP blocked for spam-like behaviour',
    'Cox blocked the sending IP for spam-like behaviour; the address is fine, the sender must ask for an unblock.',
  ],
  [
    'aup#cdrbl',
    'blocked',
    'Cox: sending IP blocked for a day',
    'Cox blocked the sending IP for up to 24 hours for spam-like behaviour; the address is fine.',
  ],
  [
    'aup#cxdns',
    'requireptr',
    'Cox: reverse DNS of the sending IP fails',
    'The sending IP has no valid reverse DNS, which Cox requires; a sending setup problem.',
  ],
  [
    'aup#cxsndr',
    'authfailure',
    'Cox: the sender domain failed authentication',
    'The sender domain failed SPF, DomainKeys or DKIM at Cox (or does not resolve); a sending setup problem.',
  ],
  [
    'aup#cxsmtp',
    'rejected',
    'Cox: could not verify the sender',
    'Cox could not verify a legitimate sender; the sending setup is in question, not the address.',
  ],
  [
    'aup#cxcnct',
    'ratelimited',
    'Cox: too many connections',
    'The sending server opened too many connections; Cox slows it down and later sends go through.',
  ],
  [
    'aup#cxmxrt',
    'ratelimited',
    'Cox: too many recipients',
    'The sender exceeded how many messages or recipients Cox accepts; later sends go through.',
  ],
  [
    'aup#cxthrt',
    'securityerror',
    'Cox: sending limited after suspicious activity',
    'Cox limited the sending account after suspicious activity on it.',
  ],
  [
    'aup#cxmj',
    'securityerror',
    'Cox: sending blocked after suspicious activity',
    'Cox blocked the sending account after suspicious activity on it.',
  ],
]

const NETEASE_CODES: readonly Entry[] = [
  [
    'dt:spm',
    'spamdetected',
    'NetEase: content judged spam',
    'NetEase (163.com, 126.com) judged the message content or sending setup to be spam.',
  ],
  [
    'dt:rbl',
    'blocked',
    'NetEase: sending IP on a blocklist',
    'The sending IP is on one or more blocklists NetEase uses; the address is fine.',
  ],
  [
    'hl:rep',
    'badreputation',
    'NetEase: poor sending-IP behaviour',
    'The sending IP sent to many addresses that do not exist, so NetEase paused it.',
  ],
  [
    'hl:mep',
    'badreputation',
    'NetEase: forged sender domains from the IP',
    'NetEase paused the sending IP for sending with forged sender domains.',
  ],
  [
    'hl:icc',
    'ratelimited',
    'NetEase: too many connections',
    'The sending IP opened too many connections at once; NetEase paused it for a while.',
  ],
  [
    'hl:ifc',
    'ratelimited',
    'NetEase: too many messages in a short time',
    'The sending IP sent too much mail in a short time; NetEase paused it for a while.',
  ],
  [
    'hl:ihu',
    'blocked',
    'NetEase: sending IP suspended for spam',
    'NetEase suspended the sending IP for spam; the address is fine.',
  ],
  [
    'mi:sfq',
    'ratelimited',
    'NetEase: sender over its sending frequency',
    'The sender sent too many messages in a short time; later sends go through.',
  ],
  [
    'mi:stc',
    'ratelimited',
    'NetEase: sender over its daily connections',
    'The sender opened too many connections today; later sends go through.',
  ],
  [
    'mi:spf',
    'authfailure',
    'NetEase: SPF failed',
    'The message failed the sender domain’s SPF check at NetEase; a sending setup problem.',
  ],
  [
    'mi:dma',
    'authfailure',
    'NetEase: DMARC failed',
    'The message failed the sender domain’s DMARC check at NetEase; a sending setup problem.',
  ],
  [
    'mi:nhd',
    'syntaxerror',
    'NetEase: invalid HELO name',
    'The sending server introduced itself with an invalid name; a sending setup problem.',
  ],
  [
    'mi:imf',
    'syntaxerror',
    'NetEase: malformed message headers',
    'The message headers are malformed; a sending setup problem.',
  ],
  [
    'rp:qrc',
    'ratelimited',
    'NetEase: sender over its recipient quota',
    'The sender reached its recipient quota at NetEase; later sends go through.',
  ],
  [
    'rp:trc',
    'ratelimited',
    'NetEase: too many recipients today',
    'The sender addressed too many recipients today; later sends go through.',
  ],
  [
    'rp:rcl',
    'ratelimited',
    'NetEase: too many recipients in one message',
    'One message named too many recipients; send in smaller batches.',
  ],
  [
    'rp:frl',
    'rejected',
    'NetEase: refused by the recipient’s rules',
    'The recipient’s own settings refuse this sender; the address exists.',
  ],
  [
    'rp:cel',
    'blocked',
    'NetEase: sender on the refuse list',
    'The sending IP or domain is on NetEase’s refuse list; the address is fine.',
  ],
]

// Exchange Online's own detail numbers, outside (or beside) the registry: read only for mail the text
// or recipient names as Microsoft's.
const MICROSOFT_STATUSES: readonly Entry[] = [
  [
    '5.7.124',
    'rejected',
    'Microsoft 365: sender not allowed to write to the group',
    'The recipient is a group that accepts only listed senders; the address exists but refuses you.',
  ],
  [
    '5.7.133',
    'rejected',
    'Microsoft 365: the group accepts internal senders only',
    'The recipient group accepts mail only from its own organisation; the address exists.',
  ],
  [
    '5.7.134',
    'rejected',
    'Microsoft 365: the mailbox accepts internal senders only',
    'The recipient mailbox accepts mail only from its own organisation; the address exists.',
  ],
  [
    '5.7.135',
    'rejected',
    'Microsoft 365: the public folder accepts internal senders only',
    'The recipient public folder accepts mail only from its own organisation.',
  ],
  [
    '5.7.136',
    'rejected',
    'Microsoft 365: the mail user accepts internal senders only',
    'The recipient accepts mail only from its own organisation; the address exists.',
  ],
  [
    '5.7.501',
    'blocked',
    'Microsoft 365: sending account banned for spam',
    'Microsoft banned the sending account or IP after spam from it; the address is fine.',
  ],
  [
    '5.7.502',
    'blocked',
    'Microsoft 365: sending account banned for spam',
    'Microsoft banned the sending account or IP after spam from it; the address is fine.',
  ],
  [
    '5.7.503',
    'blocked',
    'Microsoft 365: sending account banned for spam',
    'Microsoft banned the sending account or IP after spam from it; the address is fine.',
  ],
  [
    '5.7.507',
    'blocked',
    'Microsoft 365: the recipient’s organisation refuses the sending IP',
    'The recipient’s organisation blocks the sending IP; the address is fine.',
  ],
  [
    '5.7.508',
    'blocked',
    'Microsoft 365: the sending IP exceeded its limits',
    'The sending IP went over what Microsoft permits and is refused; the address is fine.',
  ],
  [
    '5.7.511',
    'blocked',
    'Microsoft 365: banned sender',
    'Microsoft banned the sending IP or domain; the sender must ask for delisting.',
  ],
  [
    '5.7.512',
    'notcompliantrfc',
    'Microsoft 365: malformed message headers',
    'The message lacks a valid From header as required by the mail standard; a sending setup problem.',
  ],
  [
    '5.7.705',
    'blocked',
    'Microsoft 365: the sending tenant is blocked',
    'The sender’s own Microsoft 365 organisation is blocked for too much bad mail; the address is fine.',
  ],
  [
    '5.7.708',
    'blocked',
    'Microsoft 365: traffic from this IP not accepted',
    'Microsoft does not accept mail from the sending IP (often a new or low-reputation one); the address is fine.',
  ],
  [
    '5.7.750',
    'rejected',
    'Microsoft 365: sending from an unregistered domain',
    'The sender’s tenant sent from a domain it has not registered; a sending setup problem.',
  ],
]

function lowerId(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.]+/g, '-')
}

/** Mailbox providers' own codes and wordings (Microsoft 365, Orange, Spectrum, Cox, NetEase …), with sources. */
export const MAILBOX_PROVIDER_RULES: readonly ProviderRule[] = [
  ...ORANGE_CODES.map(([code, reason, title, explanation]): ProviderRule => ({
    id: `orange-${code}`,
    provider: 'orange',
    kind: 'phrase',
    match: `\\b(ofr|lpn)(\\d{3})?_?${code}\\b`,
    language: 'en',
    reason,
    title: `Orange/La Poste: ${title}`,
    explanation,
    source: ORANGE,
  })),
  ...SPECTRUM_RANGES.map(([digits, from, reason, title, explanation]): ProviderRule => ({
    id: `spectrum-${from}`,
    provider: 'spectrum',
    kind: 'phrase',
    match: `\\baup#(in?|o(ut?)?)?-?${digits}\\b`,
    language: 'en',
    reason,
    title: `Spectrum: ${title}`,
    explanation,
    source: SPECTRUM,
  })),
  ...COX_CODES.map(([code, reason, title, explanation]): ProviderRule => ({
    id: `cox-${lowerId(code.slice(4))}`,
    provider: 'cox',
    kind: 'code',
    match: code,
    language: 'en',
    reason,
    title,
    explanation,
    source: COX,
  })),
  {
    // IPBL + one digit per blocklist (Spamhaus Zen, Return Path, ivmSIP, Cloudmark …).
    id: 'cox-ipbl',
    provider: 'cox',
    kind: 'phrase',
    match: '\\baup#ipbl\\d{1,5}\\b',
    language: 'en',
    reason: 'blocked',
    title: 'Cox: sending IP on a public blocklist',
    explanation: 'A blocklist Cox uses lists the sending IP; the address is fine, the sender must get delisted.',
    source: COX,
  },
  {
    id: 'cox-urlbl',
    provider: 'cox',
    kind: 'phrase',
    match: '\\baup#urlbl\\d{1,5}\\b',
    language: 'en',
    reason: 'spamdetected',
    title: 'Cox: a link in the message is on a blocklist',
    explanation: 'A link in the message points to a domain on a blocklist Cox uses; change the content.',
    source: COX,
  },
  ...NETEASE_CODES.map(([code, reason, title, explanation]): ProviderRule => ({
    id: `netease-${lowerId(code)}`,
    provider: 'netease',
    kind: 'code',
    match: code,
    language: 'en',
    reason,
    title,
    explanation,
    source: NETEASE,
  })),
  ...MICROSOFT_STATUSES.map(([status, reason, title, explanation]): ProviderRule => ({
    id: `microsoft-${status}`,
    provider: 'microsoft',
    kind: 'status',
    match: status,
    language: 'en',
    reason,
    title,
    explanation,
    source: MICROSOFT,
  })),
  {
    // Directory-based edge blocking: the recipient is not in the organisation's directory.
    id: 'microsoft-as-201806281',
    provider: 'microsoft',
    kind: 'code',
    match: 'AS(201806281)',
    language: 'en',
    reason: 'userunknown',
    title: 'Microsoft 365: the recipient is not in the directory',
    explanation:
      'The receiving organisation’s directory has no such recipient, so Microsoft refused it; remove the address.',
    source: MICROSOFT,
  },
  {
    // The same edge blocking, as Exchange Online words it without the AS(…) tag: "access denied" reads
    // like a permission problem, but Microsoft documents it as an address its directory does not have.
    id: 'microsoft-5.4.1-access-denied',
    provider: 'microsoft',
    kind: 'phrase',
    match: '5\\.4\\.1\\b[^\\n]{0,80}(?<!relay\\s)access denied',
    language: 'en',
    reason: 'userunknown',
    title: 'Microsoft 365: "access denied" for an address it does not have',
    explanation:
      'Exchange Online refuses mail at its edge for addresses missing from the organisation’s directory and calls it "access denied"; the address does not exist, remove it.',
    source: {
      title: 'Microsoft Learn: fix NDR error code 550 5.4.1 in Exchange Online',
      url: 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-550-5-4-1-in-exchange-online',
    },
  },
]
