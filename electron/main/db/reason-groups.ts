import { REASONS, VERDICTS, type Reason, type Verdict } from '../../shared/classify/types'
import type { ReasonGroup } from '../../shared/ipc'

/**
 * Which group each reason is stacked in on charts and the overview. The split follows who has to
 * act: `address` (remove it), `mailbox` (the address exists but cannot take mail now),
 * `reputation` and `content` (the sending side must change), `temporary` (wait and retry).
 */
const GROUP_OF: Record<Reason, ReasonGroup> = {
  userunknown: 'address',
  hostunknown: 'address',
  hasmoved: 'address',
  notaccept: 'address',
  mailboxfull: 'mailbox',
  suspend: 'mailbox',
  exceedlimit: 'mailbox',
  blocked: 'reputation',
  badreputation: 'reputation',
  requireptr: 'reputation',
  authfailure: 'reputation',
  securityerror: 'reputation',
  failedstarttls: 'reputation',
  norelaying: 'reputation',
  rejected: 'reputation',
  spamdetected: 'content',
  virusdetected: 'content',
  contenterror: 'content',
  filtered: 'content',
  policyviolation: 'content',
  emailtoolarge: 'content',
  notcompliantrfc: 'content',
  ratelimited: 'temporary',
  networkerror: 'temporary',
  expired: 'temporary',
  systemerror: 'temporary',
  systemfull: 'temporary',
  mailererror: 'temporary',
  onhold: 'temporary',
  syntaxerror: 'other',
  suppressed: 'other',
  undefined: 'other',
  delivered: 'other',
}

// Sets, because trend filters check every stored facet key (thousands per snapshot).
const KNOWN_REASONS: ReadonlySet<string> = new Set(REASONS)
const KNOWN_VERDICTS: ReadonlySet<string> = new Set(VERDICTS)

export function isReason(value: string | null): value is Reason {
  return value !== null && KNOWN_REASONS.has(value)
}

export function isVerdict(value: string | null): value is Verdict {
  return value !== null && KNOWN_VERDICTS.has(value)
}

/** Tallies keyed by a stored reason text; anything unknown (an older classifier's name) is `other`. */
export function reasonGroupOf(reason: string): ReasonGroup {
  return isReason(reason) ? GROUP_OF[reason] : 'other'
}

export function reasonsInGroup(group: ReasonGroup): Reason[] {
  return REASONS.filter((reason) => GROUP_OF[reason] === group)
}
