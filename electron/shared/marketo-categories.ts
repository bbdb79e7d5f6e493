/**
 * What Marketo's bounce `Category` numbers mean, in plain words.
 *
 * Marketo does not document these numbers. The meanings below are what practitioners report in
 * Marketo's community and on their blogs, checked against what the numbers go with in real
 * activity logs; the app shows them as such ("practitioner-documented, not official") and always
 * beside its own reading of the bounce text, never instead of it.
 */

export const ACTIVITY_TYPES = {
  sendEmail: 6,
  emailDelivered: 7,
  emailBounced: 8,
  emailBouncedSoft: 27,
} as const

export const KEPT_ACTIVITY_TYPES: readonly number[] = [6, 7, 8, 27]

export const ACTIVITY_TYPE_NAMES: Readonly<Record<number, string>> = {
  6: 'Send Email',
  7: 'Email Delivered',
  8: 'Email Bounced',
  27: 'Email Bounced Soft',
}

export interface MarketoCategoryInfo {
  /** The number as Marketo writes it, or null for a bounce without one. */
  category: number | null
  name: string
  meaning: string
  /** What Marketo usually does to the lead afterwards. */
  marketoEffect: string
  /** Whose problem it usually is. */
  about: 'address' | 'sender' | 'temporary' | 'email' | 'unknown'
}

export const CATEGORY_SOURCE_NOTE =
  'Marketo does not publish what these numbers mean. These explanations are practitioner-documented (Marketo community and consultants), not official.'

const CATEGORIES: readonly MarketoCategoryInfo[] = [
  {
    category: 1,
    name: 'Spam block',
    meaning:
      'The receiving server refused the email as spam or because of the sender’s reputation. Usually temporary, and usually about the sender, not the address.',
    marketoEffect: 'Marketo sets Email Suspended on the lead for a while.',
    about: 'sender',
  },
  {
    category: 2,
    name: 'Invalid address',
    meaning: 'The address does not exist or cannot receive mail: a hard bounce.',
    marketoEffect: 'Marketo sets Email Invalid on the lead and stops sending to it.',
    about: 'address',
  },
  {
    category: 3,
    name: 'Temporary soft bounce',
    meaning: 'A passing problem, such as a full mailbox or a busy server. Later sends usually get through.',
    marketoEffect: 'Nothing lasting; Marketo keeps sending.',
    about: 'temporary',
  },
  {
    category: 4,
    name: 'Technical soft bounce',
    meaning: 'A technical failure between the servers (a timeout, a DNS or connection problem).',
    marketoEffect: 'Nothing lasting; Marketo keeps sending.',
    about: 'temporary',
  },
  {
    category: 9,
    name: 'Undetermined',
    meaning: 'Marketo could not tell why the email bounced.',
    marketoEffect: 'Nothing lasting, as a rule.',
    about: 'unknown',
  },
  {
    category: null,
    name: 'No category',
    meaning:
      'The email itself failed before it reached anyone, for example a broken Velocity script or token. A problem in the email, not in the lead.',
    marketoEffect: 'Nothing on the lead; fix the email or its script.',
    about: 'email',
  },
]

const UNKNOWN: Omit<MarketoCategoryInfo, 'category'> = {
  name: 'Other category',
  meaning: 'A category number practitioners have not described.',
  marketoEffect: 'Unknown.',
  about: 'unknown',
}

export const MARKETO_CATEGORIES: readonly MarketoCategoryInfo[] = CATEGORIES

export function explainCategory(category: number | null): MarketoCategoryInfo {
  return CATEGORIES.find((entry) => entry.category === category) ?? { category, ...UNKNOWN }
}

/** Verdicts of our classifier that say the address is fine and the sender has to act. */
export const SENDER_SIDE_VERDICT = 'fix-sending'
