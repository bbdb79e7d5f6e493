import type { Reason } from './types'

/**
 * What an enhanced status code says about the reason, in two strengths.
 *
 * A *decisive* code names its cause so precisely that the wording around it cannot change the answer
 * (5.2.2 is a full mailbox even when the text also says "user unknown"). Every other code is only a
 * *hint*, used when no phrase matched: 5.7.1 covers policy, relay and reputation refusals alike.
 */

const DECISIVE: ReadonlyMap<string, Reason> = new Map<string, Reason>([
  ['5.1.6', 'hasmoved'],
  ['5.7.17', 'hasmoved'],
  ['5.7.18', 'hasmoved'],
  ['4.1.7', 'rejected'],
  ['5.1.7', 'rejected'],
  ['4.2.2', 'mailboxfull'],
  ['5.2.2', 'mailboxfull'],
  ['5.2.3', 'exceedlimit'],
  ['5.3.4', 'emailtoolarge'],
  ['5.7.13', 'suspend'],
  ['5.7.20', 'authfailure'],
  ['5.7.21', 'authfailure'],
  ['5.7.22', 'authfailure'],
  ['5.7.23', 'authfailure'],
  ['4.7.26', 'authfailure'],
  ['5.7.26', 'authfailure'],
  // Microsoft: the sending domain failed DMARC.
  ['5.7.509', 'authfailure'],
  ['4.7.25', 'requireptr'],
  ['5.7.25', 'requireptr'],
  // Microsoft: temporarily rate limited because of the sending IP's reputation. The text says both;
  // a reputation problem is what the sender has to fix.
  ['4.7.650', 'badreputation'],
  ['4.7.651', 'badreputation'],
])

const HINTS: ReadonlyMap<string, Reason> = new Map<string, Reason>([
  // "System congestion" in the standard, but servers send it for their own rate limits as often; the
  // words ("rate limit exceeded", "concurrency limit") say which.
  ['4.4.5', 'systemfull'],
  // "Mail system full" in the standard; servers send it for "you send too many messages" as well.
  ['4.3.1', 'systemfull'],
  ['4.1.8', 'rejected'],
  ['5.1.8', 'rejected'],
  ['5.1.0', 'userunknown'],
  ['5.1.1', 'userunknown'],
  ['5.1.3', 'userunknown'],
  ['5.1.351', 'userunknown'],
  ['5.1.2', 'hostunknown'],
  ['5.4.4', 'hostunknown'],
  ['5.1.10', 'notaccept'],
  ['4.3.2', 'notaccept'],
  ['5.3.2', 'notaccept'],
  ['5.7.27', 'notaccept'],
  ['5.2.0', 'filtered'],
  ['5.2.1', 'filtered'],
  ['5.2.4', 'filtered'],
  ['4.2.1', 'blocked'],
  ['4.7.1', 'blocked'],
  ['4.7.2', 'blocked'],
  ['5.3.0', 'systemerror'],
  ['4.3.3', 'systemerror'],
  ['5.3.3', 'systemerror'],
  ['4.3.5', 'systemerror'],
  ['5.3.5', 'systemerror'],
  ['4.1.9', 'systemerror'],
  ['5.1.9', 'systemerror'],
  ['4.4.3', 'systemerror'],
  ['5.4.3', 'systemerror'],
  ['4.5.5', 'systemerror'],
  ['5.5.5', 'systemerror'],
  ['4.5.3', 'ratelimited'],
  ['5.5.3', 'ratelimited'],
  ['5.5.4', 'systemerror'],
  ['5.4.0', 'networkerror'],
  ['4.4.2', 'networkerror'],
  ['4.4.4', 'networkerror'],
  ['4.4.6', 'networkerror'],
  ['5.4.6', 'networkerror'],
  ['5.4.312', 'networkerror'],
  ['4.4.1', 'expired'],
  ['4.4.7', 'expired'],
  ['5.4.7', 'expired'],
  ['5.4.300', 'expired'],
  ['4.4.316', 'expired'],
  ['5.4.316', 'expired'],
  ['5.5.2', 'syntaxerror'],
  ['5.5.6', 'syntaxerror'],
  ['5.7.28', 'spamdetected'],
  ['4.7.28', 'ratelimited'],
  ['4.7.24', 'authfailure'],
  ['5.7.24', 'authfailure'],
  ['5.7.29', 'authfailure'],
  ['5.7.30', 'failedstarttls'],
  ['4.4.317', 'failedstarttls'],
  ['5.4.317', 'failedstarttls'],
  ['5.1.90', 'ratelimited'],
  ['5.2.121', 'ratelimited'],
  ['5.2.122', 'ratelimited'],
])

/** A code from the table above, or one of the families Microsoft and others number by range. */
export function decisiveReason(status: string): Reason | null {
  const exact = DECISIVE.get(status)
  if (exact !== undefined) return exact
  const [cls, subject, detailText] = status.split('.')
  const detail = Number(detailText)
  if (subject === '7' && cls === '5' && detail >= 606 && detail <= 649) return 'blocked' // banned sending IP
  if (subject === '7' && cls === '4' && detail >= 500 && detail <= 699) return 'ratelimited' // throttling
  return null
}

export function hintedReason(status: string): Reason | null {
  const exact = HINTS.get(status)
  if (exact !== undefined) return exact
  const [cls, subject, detailText] = status.split('.')
  const detail = Number(detailText)
  if (cls === '2') return 'delivered'
  if (subject === '6' && (cls === '5' || detail === 0 || detail === 2 || detail === 5)) return 'contenterror'
  if (subject === '7' && cls === '5') {
    if (detail >= 321 && detail <= 325) return 'failedstarttls'
    if (detail >= 500 && detail <= 899) return 'blocked' // Microsoft tenant and IP bans, banned senders
    if (detail >= 900) return 'policyviolation' // Microsoft transport rules
    if (detail >= 124 && detail <= 136) return 'filtered' // group or mailbox delivery restrictions
    return 'securityerror'
  }
  if (subject === '7' && cls === '4' && detail >= 321 && detail <= 325) return 'failedstarttls'
  return null
}

// Codes that servers use for many different causes, or commonly misuse: they lose to the words, even to
// the language layer's reading of them (5.7.1 covers relay, policy and reputation refusals alike, 4.4.2
// and 4.3.x are sent for throttling, 5.2.1 for unknown users and disabled accounts).
const GENERIC_STATUSES: ReadonlySet<string> = new Set([
  '4.7.1',
  '5.7.1',
  '4.7.2',
  '5.7.2',
  '4.7.3',
  '5.7.3',
  '4.2.1',
  '5.2.1',
  '4.3.2',
  '5.3.2',
  '4.4.1',
  '4.4.2',
  '5.4.2',
  '4.4.3',
  '5.4.3',
  '5.4.1',
  '5.5.4',
  '4.5.3',
  '5.5.3',
])

/**
 * True for x.0.0-style codes, those in the list above, and security codes (x.7.x) that no table or
 * documented range names: the words decide before they do.
 */
export function isGenericStatus(status: string): boolean {
  const [cls, subject, detailText] = status.split('.')
  if (subject === '0' || detailText === '0' || GENERIC_STATUSES.has(status)) return true
  if (subject !== '7' || HINTS.has(status) || DECISIVE.has(status)) return false
  const detail = Number(detailText)
  const ranged =
    (detail >= 321 && detail <= 325) || (cls === '5' && ((detail >= 124 && detail <= 136) || detail >= 500))
  return !ranged
}

/** Sisimai re-examines these reasons with vaguer phrases, because the code alone says little. */
export const WEAK_REASONS: ReadonlySet<Reason> = new Set<Reason>([
  'undefined',
  'onhold',
  'systemerror',
  'securityerror',
  'expired',
  'networkerror',
  'hostunknown',
  'userunknown',
])
