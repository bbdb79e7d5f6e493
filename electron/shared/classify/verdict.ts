import type { Reason, Severity, Verdict } from './types'

/**
 * Sisimai's hard-bounce rule: the address itself cannot receive mail. `notaccept` is hard unless the
 * server said it was temporary (a 4xx code).
 */
export function isHardBounce(reason: Reason, severity: Severity): boolean {
  if (reason === 'userunknown' || reason === 'hasmoved') return true
  // A domain that does not resolve, even under a 4xx, has no mail; "try again" wordings were read as
  // DNS failures before this.
  if (reason === 'hostunknown') return true
  return reason === 'notaccept' && severity !== 'transient'
}

// The address is probably fine; the sender's IP, domain, authentication or content is the problem.
const SENDER_SIDE: ReadonlySet<Reason> = new Set<Reason>([
  'blocked',
  'badreputation',
  'requireptr',
  'authfailure',
  'securityerror',
  'failedstarttls',
  'spamdetected',
  'virusdetected',
  'contenterror',
  'rejected',
  'policyviolation',
  'exceedlimit',
  'emailtoolarge',
  'notcompliantrfc',
  'syntaxerror',
])

// Conditions that clear up by themselves; a later send is the remedy.
const PASSING: ReadonlySet<Reason> = new Set<Reason>([
  'mailboxfull',
  'expired',
  'ratelimited',
  'systemfull',
  'systemerror',
  'networkerror',
])

/**
 * What the marketer should do.
 *
 * The verdict follows the reason first and the severity second: a 550 from a blocklist is permanent for
 * that message but says nothing about the address, so it is `fix-sending`, never `remove`.
 */
export function verdictFor(reason: Reason, severity: Severity, hardBounce: boolean): Verdict {
  // An ESP refused to send because the address already bounced, complained or unsubscribed: the lead
  // should leave the list, whatever the severity (the address is not hard-bounced by that send).
  if (hardBounce || reason === 'suppressed') return 'remove'
  if (SENDER_SIDE.has(reason)) return 'fix-sending'
  if (reason === 'mailboxfull' || reason === 'expired' || reason === 'ratelimited' || reason === 'systemfull') {
    return 'retry'
  }
  if (PASSING.has(reason)) return severity === 'permanent' ? 'review' : 'retry'
  // "Relay denied" for a recipient usually means the domain's mail moved elsewhere or its MX is wrong:
  // it may be the address, it may be the route; a person should look.
  if (reason === 'norelaying') return 'review'
  const passingNow = reason === 'suspend' || reason === 'hostunknown' || reason === 'notaccept'
  if (severity === 'transient' && (passingNow || reason === 'onhold' || reason === 'undefined')) {
    return 'retry'
  }
  return 'review'
}
