import type { CatalogEntry } from './types'

const KEEP_FIX = 'Do not remove the lead: the address is probably fine.'

/**
 * Codes and tags specific to one provider. Only the ones marketers actually meet in Marketo exports;
 * wording is ours, from the providers' public error-code pages as summarised in reference/smtp-codes.md.
 */
export const PROVIDER_ENTRIES: readonly CatalogEntry[] = [
  // Microsoft (Outlook.com, Hotmail, Microsoft 365 / Exchange Online Protection)
  {
    kind: 'provider',
    provider: 'microsoft',
    code: 'S3150',
    title: 'Outlook.com blocked the sending network',
    severity: 'permanent',
    explanation:
      "Outlook.com refused the message because part of the sending network (your email service's IP range) is on Microsoft's own block list.",
    action: `${KEEP_FIX} Ask your Marketo admin or email service to request delisting from Microsoft (sender.office.com), then resend.`,
    reason: 'blocked',
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: 'S3140',
    title: 'Outlook.com blocked the sending IP',
    severity: 'permanent',
    explanation:
      'Outlook.com refused mail from the sending IP address, which is on its block list, usually after complaints or spam-like traffic.',
    action: `${KEEP_FIX} Have the sending IP delisted through Microsoft's sender portal and review recent complaint rates.`,
    reason: 'blocked',
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: 'S3113',
    title: 'Outlook.com is slowing down the sending IP',
    severity: 'transient',
    explanation:
      "Outlook.com temporarily limits how much it accepts from the sending IP because of that IP's reputation.",
    action: 'Keep the address; delivery is retried. Review sending volume and complaints if it happens often.',
    reason: 'badreputation',
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: 'SC-004',
    title: 'Outlook.com: too many unwanted messages from this IP',
    severity: 'permanent',
    explanation: 'Outlook.com stopped accepting mail from the sending IP because too much unwanted mail came from it.',
    action: `${KEEP_FIX} Review list quality and complaint rates with your deliverability contact.`,
    reason: 'blocked',
    aliases: ['SC-001', 'SC-002', 'SC-003'],
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: '5.7.606',
    title: 'Microsoft banned the sending IP',
    severity: 'permanent',
    explanation: "Microsoft's mail filter has banned the sending IP address (codes 5.7.606 to 5.7.649 all mean this).",
    action: `${KEEP_FIX} The sending IP must be delisted at sender.office.com; tell your Marketo admin or email service, then resend.`,
    reason: 'blocked',
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: '5.7.607',
    title: 'Microsoft banned the sending IP',
    severity: 'permanent',
    explanation: "Microsoft's mail filter has banned the sending IP address.",
    action: `${KEEP_FIX} The sending IP must be delisted at sender.office.com; tell your Marketo admin or email service.`,
    reason: 'blocked',
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: '5.7.608',
    title: 'Microsoft banned the sending IP',
    severity: 'permanent',
    explanation: "Microsoft's mail filter has banned the sending IP address.",
    action: `${KEEP_FIX} The sending IP must be delisted at sender.office.com; tell your Marketo admin or email service.`,
    reason: 'blocked',
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: '5.7.509',
    title: 'Microsoft: sender domain failed DMARC',
    severity: 'permanent',
    explanation:
      'Microsoft refused the message because your sending domain failed its DMARC check and its DMARC policy says to reject such mail.',
    action: `${KEEP_FIX} Have your admin fix SPF/DKIM alignment for your From domain in Marketo.`,
    reason: 'authfailure',
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: '4.7.650',
    title: 'Microsoft: temporary limit because of IP reputation',
    severity: 'transient',
    explanation:
      "Microsoft is temporarily limiting mail from the sending IP because of that IP's reputation (4.7.500 to 4.7.699 are throttling codes).",
    action: 'Keep the address; delivery is retried. If frequent, review volume and complaints.',
    reason: 'badreputation',
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: '5.4.300',
    title: 'Microsoft: message expired',
    severity: 'permanent',
    explanation: 'Microsoft kept trying to deliver the message but gave up after its time limit.',
    action: 'Keep the address; a later send may succeed.',
    reason: 'expired',
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: 'AS(…)',
    title: 'Microsoft anti-spam reference tag',
    severity: 'unknown',
    explanation:
      "A tag such as AS(201806281) that Microsoft's filtering appends to a refusal. It identifies the filter rule that fired; the reason itself is in the words before it.",
    action:
      'Read the rest of the bounce text; quote the tag if you ask Microsoft support or their delisting portal for help.',
    aliases: ['AS'],
  },
  {
    kind: 'provider',
    provider: 'microsoft',
    code: 'RESOLVER.ADR.RecipNotFound',
    title: 'Microsoft: recipient not found',
    severity: 'permanent',
    explanation: 'The Microsoft-hosted organisation has no mailbox with this address.',
    action: 'Remove the address or correct it.',
    reason: 'userunknown',
    aliases: ['RESOLVER.ADR.RecipientNotFound'],
  },
  // Yahoo / AOL
  {
    kind: 'provider',
    provider: 'yahoo',
    code: 'TSS04',
    title: 'Yahoo: deferred because of volume or complaints',
    severity: 'transient',
    explanation:
      'Yahoo temporarily deferred mail from the sending IP because of unexpected volume or user complaints: a reputation signal.',
    action: 'Keep the address; delivery is retried. Review complaint rates, list quality and sending volume.',
    reason: 'badreputation',
    aliases: ['TS01', 'TS02'],
  },
  {
    kind: 'provider',
    provider: 'yahoo',
    code: 'TSS09',
    title: 'Yahoo: mail from this IP permanently deferred',
    severity: 'permanent',
    explanation:
      'Yahoo has stopped accepting mail from the sending IP; retrying will not help until the block is lifted.',
    action: `${KEEP_FIX} Your email service must resolve the block with Yahoo's postmaster team.`,
    reason: 'blocked',
    aliases: ['TS03'],
  },
  {
    kind: 'provider',
    provider: 'yahoo',
    code: 'dd',
    title: "Yahoo: this user doesn't have an account",
    severity: 'permanent',
    explanation:
      'Yahoo\'s "554 delivery error: dd This user doesn\'t have a yahoo.com account" means the mailbox does not exist.',
    action: 'Remove the address.',
    reason: 'userunknown',
  },
  // Orange (France)
  {
    kind: 'provider',
    provider: 'orange',
    code: 'OFR_506',
    title: 'Orange: message refused as spam',
    severity: 'permanent',
    explanation: "Orange's filter refused the message as spam.",
    action: `${KEEP_FIX} Review the content and sender reputation.`,
    reason: 'spamdetected',
  },
  {
    kind: 'provider',
    provider: 'orange',
    code: 'OFR_416',
    title: 'Orange: invalid recipient',
    severity: 'permanent',
    explanation: 'Orange says the recipient address is invalid.',
    action: 'Remove the address.',
    reason: 'userunknown',
    aliases: ['LPN007_416'],
  },
]

/** Public blocklists (DNSBLs) that bounce texts name when the sending IP or domain is listed. */
export const BLOCKLIST_ENTRIES: readonly CatalogEntry[] = [
  [
    'spamhaus',
    'Spamhaus',
    'The most widely used blocklist (SBL, XBL, PBL, DBL, combined as ZEN).',
    ['zen.spamhaus.org', 'sbl', 'xbl', 'pbl', 'dbl'],
  ],
  [
    'spamcop',
    'SpamCop',
    'A blocklist fed by user spam reports; listings expire on their own when reports stop.',
    ['bl.spamcop.net'],
  ],
  ['sorbs', 'SORBS', 'A long-running blocklist of spam sources and dynamic IP ranges.', ['dnsbl.sorbs.net']],
  [
    'barracuda',
    'Barracuda Reputation Block List',
    "Barracuda's reputation list, used by its filtering appliances and others.",
    ['brbl', 'b.barracudacentral.org'],
  ],
  [
    'cbl',
    'Abuseat CBL',
    'A list of IPs seen sending from infected or misconfigured machines (now part of Spamhaus XBL).',
    ['cbl.abuseat.org', 'abuseat'],
  ],
  [
    'uceprotect',
    'UCEPROTECT',
    'A blocklist that can list whole networks of a hosting provider.',
    ['dnsbl-1.uceprotect.net'],
  ],
  ['psbl', 'Passive Spam Block List', 'A list built from spam traps.', ['psbl.surriel.com']],
  ['mailspike', 'Mailspike', 'A reputation-based blocklist.', ['bl.mailspike.net']],
  [
    'surbl',
    'SURBL',
    'A list of domains found in spam messages: it blocks because of links in your content.',
    ['multi.surbl.org'],
  ],
  [
    'uribl',
    'URIBL',
    'A list of domains found in spam messages: it blocks because of links in your content.',
    ['multi.uribl.com'],
  ],
  [
    'cloudmark',
    'Cloudmark CSI',
    "Cloudmark's sender reputation list, used by several ISPs (for example Orange and Cox).",
    ['csi.cloudmark.com'],
  ],
].map(([code, name, about, aliases]) => ({
  kind: 'blocklist' as const,
  provider: String(code),
  code: String(code),
  title: `${String(name)} blocklist`,
  severity: 'permanent' as const,
  explanation: `${String(about)} A bounce naming it means the sending IP or domain (or a link in the email) is listed, not that the address is bad.`,
  action: `${KEEP_FIX} Check the listing on the blocklist's website and ask your email service to request removal; then resend.`,
  reason: 'blocked' as const,
  aliases: aliases as readonly string[],
}))

/** Filtering services that refuse mail on behalf of the companies that use them. */
export const FILTER_ENTRIES: readonly CatalogEntry[] = [
  ['mimecast', 'Mimecast', ['mimecast.com']],
  ['proofpoint', 'Proofpoint', ['pphosted.com', 'ppe-hosted.com']],
  ['barracuda-filter', 'Barracuda Email Security', ['barracudanetworks.com', 'ess.barracudanetworks.com']],
  ['cisco', 'Cisco Secure Email (IronPort)', ['ironport', 'iphmx.com']],
  ['messagelabs', 'Broadcom/Symantec Email Security (MessageLabs)', ['messagelabs.com', 'symantec']],
  ['trendmicro', 'Trend Micro Email Security', ['trendmicro', 'tmes']],
  ['microsoft-eop', 'Microsoft Exchange Online Protection', ['protection.outlook.com', 'eop']],
].map(([code, name, aliases]) => ({
  kind: 'filter' as const,
  provider: String(code),
  code: String(code),
  title: `${String(name)} filter`,
  severity: 'unknown' as const,
  explanation: `${String(name)} filters mail for the recipient's company. Its refusals follow that company's own rules (spam scores, blocked senders, attachments), so the same email may reach other companies fine.`,
  action:
    "Read the reason in the bounce. If it is a policy or spam block, the address is fine: review content and reputation, or ask the recipient's IT team to allow your sending domain.",
  reason: 'policyviolation' as const,
  aliases: aliases as readonly string[],
}))
