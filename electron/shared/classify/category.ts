import { CATEGORIES, type Category, type Reason, type Severity } from './types'

export { CATEGORIES, type Category } from './types'

const CATEGORY_OF_REASON: Readonly<Record<Reason, Category>> = {
  userunknown: 'unknown-user',
  hasmoved: 'unknown-user',
  hostunknown: 'unknown-domain',
  notaccept: 'unknown-domain',
  mailboxfull: 'mailbox-full',
  suspend: 'mailbox-inactive',
  blocked: 'blocked-sender',
  badreputation: 'blocked-sender',
  requireptr: 'blocked-sender',
  authfailure: 'authentication',
  securityerror: 'policy',
  failedstarttls: 'authentication',
  spamdetected: 'spam-content',
  virusdetected: 'spam-content',
  contenterror: 'spam-content',
  filtered: 'policy',
  rejected: 'policy',
  policyviolation: 'policy',
  norelaying: 'policy',
  ratelimited: 'rate-limit',
  exceedlimit: 'message-too-large',
  emailtoolarge: 'message-too-large',
  networkerror: 'server-or-network',
  expired: 'server-or-network',
  systemerror: 'server-or-network',
  systemfull: 'server-or-network',
  mailererror: 'server-or-network',
  syntaxerror: 'protocol',
  notcompliantrfc: 'protocol',
  suppressed: 'suppressed',
  onhold: 'unknown',
  undefined: 'unknown',
  delivered: 'delivered',
}

export function categoryOf(reason: Reason): Category {
  return CATEGORY_OF_REASON[reason]
}

/**
 * The category of a result: a server that "does not accept mail" only for now (4.3.2 "system not
 * accepting network messages") is a server problem of the moment, not a domain without mail. (A host
 * "not found, try again" is read as a DNS failure before this, from its words.)
 */
export function categoryFor(reason: Reason, severity: Severity): Category {
  if (reason === 'notaccept' && severity === 'transient') return 'server-or-network'
  // A temporary refusal whose words name no cause is still a passing problem on the receiving side.
  if (reason === 'onhold' && severity === 'transient') return 'server-or-network'
  return CATEGORY_OF_REASON[reason]
}

/**
 * The reason that stands for a whole category when only the category is known (the language layer
 * predicts categories, because that is what its training texts are labelled with).
 */
export const REASON_OF_CATEGORY: Readonly<Record<Category, Reason>> = {
  'unknown-user': 'userunknown',
  'unknown-domain': 'hostunknown',
  'mailbox-full': 'mailboxfull',
  'mailbox-inactive': 'suspend',
  'blocked-sender': 'blocked',
  authentication: 'authfailure',
  'spam-content': 'spamdetected',
  policy: 'rejected',
  'rate-limit': 'ratelimited',
  'message-too-large': 'emailtoolarge',
  'server-or-network': 'networkerror',
  protocol: 'syntaxerror',
  suppressed: 'suppressed',
  unknown: 'onhold',
  delivered: 'delivered',
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value)
}
