/**
 * Sisimai's reason names (v5.2 spelling: `ratelimited` and `emailtoolarge` replace the older
 * `speeding`/`toomanyconn` and `mesgtoobig`), so results can be compared with its corpus.
 */
export const REASONS = [
  'userunknown',
  'hostunknown',
  'hasmoved',
  'mailboxfull',
  'suspend',
  'notaccept',
  'blocked',
  'badreputation',
  'requireptr',
  'authfailure',
  'securityerror',
  'failedstarttls',
  'spamdetected',
  'virusdetected',
  'contenterror',
  'filtered',
  'rejected',
  'policyviolation',
  'norelaying',
  'ratelimited',
  'exceedlimit',
  'emailtoolarge',
  'networkerror',
  'expired',
  'systemerror',
  'systemfull',
  'mailererror',
  'syntaxerror',
  'notcompliantrfc',
  'suppressed',
  'onhold',
  'undefined',
  'delivered',
] as const
export type Reason = (typeof REASONS)[number]

/**
 * The marketer's coarse view of a reason: fourteen kinds of "what happened" that the corpora in
 * `test/fixtures/provider-texts/` are labelled with and the accuracy benchmark scores. A reason is a
 * finer split that keeps Sisimai's vocabulary; a category is what a person acts on.
 */
export const CATEGORIES = [
  'unknown-user',
  'unknown-domain',
  'mailbox-full',
  'mailbox-inactive',
  'blocked-sender',
  'authentication',
  'spam-content',
  'policy',
  'rate-limit',
  'message-too-large',
  'server-or-network',
  'protocol',
  'suppressed',
  'unknown',
  'delivered',
] as const
export type Category = (typeof CATEGORIES)[number]

export const SEVERITIES = ['permanent', 'transient', 'success', 'unknown'] as const
export type Severity = (typeof SEVERITIES)[number]

export const VERDICTS = ['remove', 'retry', 'fix-sending', 'review'] as const
export type Verdict = (typeof VERDICTS)[number]

export interface Evidence {
  /** Stable id of the rule that decided the reason, e.g. `phrase:userunknown` or `status:5.1.1`. */
  rule: string
  /** The part of the input text that the rule matched ('' when the rule used no text, e.g. a default). */
  match: string
  /** Offsets of `match` in the input text, so a UI can highlight it; -1 when there is no match. */
  start: number
  end: number
}

export interface Classification {
  replyCode: number | null
  /** Enhanced status code as `class.subject.detail`, e.g. `5.1.1`. */
  status: string | null
  severity: Severity
  reason: Reason
  /** The marketer's coarse kind of failure (see `category.ts`). */
  category: Category
  hardBounce: boolean
  verdict: Verdict
  provider: string | null
  explanation: string
  action: string
  evidence: Evidence[]
}

export interface ClassifyContext {
  /** The recipient's email address or just its domain; helps name the provider when the text does not. */
  email?: string
  domain?: string
}
