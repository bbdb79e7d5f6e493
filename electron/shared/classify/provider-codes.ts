import { GATES, isOpen } from './gates'
import type { Reason } from './types'

/**
 * Refusal codes that some providers append to their replies, each documented by the provider with one
 * meaning. When such a code is present it says more than the surrounding wording, which is often the
 * same generic "Service refused, please try later" or "sender rejected" for many different causes.
 *
 * - Orange and La Poste (France): `OFR_506`, `OFR005_505`, `LPN007_416`, `LPN000_630`; the last three
 *   digits name the cause.
 * - Spectrum (Charter): `AUP#In-1310`, `AUP#O-1000`; four digits, grouped in documented ranges.
 * - Cox: `AUP#CXBL`, `AUP#CDRBL`, `AUP#IPBL0001`; a short tag.
 * - NetEase (China): `DT:SPM`, `RP:TRC`, `MI:SPF`; a two-part tag.
 */
export interface ProviderCodeMatch {
  reason: Reason
  rule: string
  start: number
  end: number
}

// Codes without a listed reason ("service refused, please try later" 105, 107, 108 …) are generic and
// left to the wording.
const ORANGE_LAPOSTE: ReadonlyMap<string, Reason> = new Map<string, Reason>([
  ['101', 'blocked'], // sending IP on a blocklist (Spamhaus)
  ['102', 'blocked'], // sending IP blocked for spam
  ['103', 'blocked'], // sending IP refused
  ['104', 'ratelimited'], // too many connections
  ['305', 'securityerror'], // invalid authentication code
  ['401', 'authfailure'], // SPF: the sending IP is not allowed for the domain
  ['402', 'securityerror'], // authentication required
  ['403', 'rejected'], // invalid sender
  ['405', 'rejected'], // invalid sender
  ['415', 'rejected'], // invalid sender
  ['416', 'userunknown'], // invalid recipient
  ['417', 'mailboxfull'], // recipient over quota
  ['420', 'suspend'], // recipient mailbox archived
  ['421', 'rejected'], // MAIL FROM not owned by the authenticated user
  ['426', 'suspend'], // recipient account blocked
  ['505', 'systemerror'], // message refused after the body, try later
  ['506', 'spamdetected'], // message refused as spam
  ['510', 'blocked'], // sender refused after the body
  ['514', 'emailtoolarge'], // size limit reached
  ['517', 'authfailure'], // DMARC verification failed
  ['630', 'policyviolation'], // client host refused by policy
  ['999', 'blocked'], // service refused to the sending host
])

const SPECTRUM: readonly (readonly [number, number, Reason])[] = [
  [1000, 1000, 'blocked'], // sending IP blocked for suspicious activity
  [1010, 1080, 'rejected'], // sending account blocked or limited
  [1090, 1090, 'systemerror'], // message could not be processed, try later
  [1100, 1150, 'requireptr'], // sending IP has no valid reverse DNS
  [1160, 1190, 'policyviolation'], // against the domain's security policies
  [1200, 1250, 'blocked'], // sending IP listed by Cloudmark or Spamhaus
  [1260, 1260, 'networkerror'], // IPv6 not accepted
  [1300, 1340, 'ratelimited'], // too many connections
  [1350, 1490, 'ratelimited'], // too many messages or recipients
  [1500, 1520, 'rejected'], // sending as another address or domain
  [1530, 1530, 'emailtoolarge'], // larger than 20 MB
  [1540, 1550, 'ratelimited'], // too many messages in one session or recipients in one message
  [1560, 1560, 'policyviolation'], // too many invalid recipients
  [1580, 1580, 'ratelimited'], // too many recipients in a short time
]

const COX: ReadonlyMap<string, Reason> = new Map<string, Reason>([
  ['cxbl', 'blocked'], // sending IP blocked for spam-like behaviour
  ['cdrbl', 'blocked'], // sending IP temporarily blocked for spam-like behaviour
  ['cxdns', 'requireptr'], // reverse DNS of the sending IP fails
  ['cxsndr', 'authfailure'], // SPF, DomainKeys or DKIM failed for the sending domain
  ['cxsmtp', 'rejected'], // could not verify a legitimate sender
  ['cxcnct', 'ratelimited'], // too many connections
  ['cxmxrt', 'ratelimited'], // too many recipients
  ['cxthrt', 'securityerror'], // sending limited after suspicious account activity
  ['cxmj', 'securityerror'], // sending blocked after suspicious account activity
])

// NetEase (163.com, 126.com, yeah.net) appends a two-part code to its replies; its postmaster help page
// lists each with one meaning (help.163.com, "退信代码说明").
const NETEASE: ReadonlyMap<string, Reason> = new Map<string, Reason>([
  ['dt:spm', 'spamdetected'], // content judged spam
  ['dt:rbl', 'blocked'], // sending IP on a blocklist
  ['hl:rep', 'badreputation'], // sending IP's reputation
  ['hl:mep', 'badreputation'], // sending IP sends too many bad messages
  ['hl:icc', 'ratelimited'], // too many concurrent connections from the IP
  ['hl:ifc', 'ratelimited'], // too many messages from the IP in a short time
  ['hl:ihu', 'blocked'], // sending IP suspended for spam
  ['mi:sfq', 'ratelimited'], // sender over its sending frequency
  ['mi:stc', 'ratelimited'], // sender over its daily connection count
  ['mi:spf', 'authfailure'], // SPF failed
  ['mi:dma', 'authfailure'], // DMARC failed
  ['mi:nhd', 'syntaxerror'], // invalid HELO name
  ['mi:imf', 'syntaxerror'], // malformed message headers
  ['rp:qrc', 'ratelimited'], // sender over its recipient quota
  ['rp:trc', 'ratelimited'], // too many recipients from the sender today
  ['rp:rcl', 'ratelimited'], // too many recipients in one message
  ['rp:frl', 'rejected'], // sender refused by the recipient's rules
  ['rp:cel', 'blocked'], // sender's IP or domain on the refuse list
])

const ORANGE_PATTERN = /\b(ofr|lpn)(?:\d{3})?_?(\d{3})\b/
const SPECTRUM_PATTERN = /\baup#(?:in?|out?)?-?(\d{4})\b/
const COX_PATTERN = /\baup#([a-z]{2,8})(\d{0,5})\b/

const NETEASE_PATTERN = /\b(dt|hl|mi|rp):([a-z]{3})\b/

const GATE = GATES.gateFor(['ofr', 'lpn', 'aup#', 'dt:', 'hl:', 'mi:', 'rp:'])

/** `open` is the result of `GATES.scan(lower)`, when the caller has it already. */
export function providerCodeReason(lower: string, open: Uint8Array = GATES.scan(lower)): ProviderCodeMatch | null {
  if (!isOpen(GATE, open)) return null
  const orange = ORANGE_PATTERN.exec(lower)
  if (orange !== null) {
    const reason = ORANGE_LAPOSTE.get(orange[2] ?? '')
    if (reason !== undefined) return found(reason, `${orange[1] ?? ''}_${orange[2] ?? ''}`, orange)
  }
  const spectrum = SPECTRUM_PATTERN.exec(lower)
  if (spectrum !== null) {
    const code = Number(spectrum[1])
    const range = SPECTRUM.find(([from, to]) => code >= from && code <= to)
    if (range !== undefined) return found(range[2], `aup-${code}`, spectrum)
  }
  const netease = NETEASE_PATTERN.exec(lower)
  if (netease !== null) {
    const code = `${netease[1] ?? ''}:${netease[2] ?? ''}`
    const reason = NETEASE.get(code)
    if (reason !== undefined) return found(reason, `netease-${code.replace(':', '-')}`, netease)
  }
  const cox = COX_PATTERN.exec(lower)
  if (cox !== null) {
    const tag = cox[1] ?? ''
    // IPBLnnnn: the sending IP is on one or more DNS blocklists; URLBLnnn: a link in the message is.
    const reason =
      tag === 'ipbl' && cox[2] !== '' ? 'blocked' : tag === 'urlbl' && cox[2] !== '' ? 'spamdetected' : COX.get(tag)
    if (reason !== undefined) return found(reason, `aup-${tag}${cox[2] ?? ''}`, cox)
  }
  return null
}

function found(reason: Reason, code: string, m: RegExpExecArray): ProviderCodeMatch {
  return { reason, rule: `provider-code:${code}`, start: m.index, end: m.index + m[0].length }
}
