/**
 * The policies users build by hand in Marketo ("hard ×2 or soft ×4 in 30 days → suspend a week;
 * hard ×6 or soft ×12 → mark invalid"), as tiers over the activity history, and the CSV of
 * flagged leads Marketo can import into a static list.
 */
import type { Writable } from 'node:stream'
import { POLICY_ACTIONS, type FlaggedLead, type PolicyAction, type PolicyTier } from '../../shared/activity'
import { createCsvWriter } from '../export/csv-writer'

/** What a team might start from: the two tiers practitioners describe most often. */
export const DEFAULT_TIERS: readonly PolicyTier[] = [
  { hard: 2, soft: 4, days: 30, action: 'suspend' },
  { hard: 6, soft: 12, days: 90, action: 'remove' },
]

export const MAX_POLICY_DAYS = 3660

export class PolicyRuleError extends Error {
  override name = 'PolicyRuleError'
}

/**
 * `H,S,D` or `H,S,D,action` (`2,4,30` or `6,12,90,remove`): at least H hard or S soft bounces
 * within D days; 0 leaves a count unused. The action defaults to review.
 */
export function parseRule(text: string): PolicyTier {
  const parts = text.split(',').map((part) => part.trim())
  if (parts.length !== 3 && parts.length !== 4) {
    throw new PolicyRuleError(`expected H,S,D (e.g. 2,4,30) or H,S,D,action, got '${text}'`)
  }
  const [hard, soft, days] = parts.slice(0, 3).map((part) => (/^\d{1,5}$/.test(part) ? Number(part) : NaN)) as [
    number,
    number,
    number,
  ]
  if ([hard, soft, days].some(Number.isNaN)) throw new PolicyRuleError(`H, S and D must be whole numbers in '${text}'`)
  const action = (parts[3] ?? 'review') as PolicyAction
  if (!POLICY_ACTIONS.includes(action)) {
    throw new PolicyRuleError(`the action must be one of ${POLICY_ACTIONS.join(', ')}, got '${parts[3] ?? ''}'`)
  }
  return validTier({ hard, soft, days, action })
}

export function validTier(tier: PolicyTier): PolicyTier {
  if (tier.hard === 0 && tier.soft === 0) throw new PolicyRuleError('a tier needs a hard or a soft count above 0')
  if (tier.days < 1 || tier.days > MAX_POLICY_DAYS) {
    throw new PolicyRuleError(`D (days) must be between 1 and ${MAX_POLICY_DAYS}, got ${tier.days}`)
  }
  return tier
}

export const POLICY_CSV_HEADER = [
  'Id',
  'Email Address',
  'Action',
  'Hard bounces',
  'Soft bounces',
  'First counted bounce',
  'Last counted bounce',
  'Delivered later',
] as const

/**
 * The flagged leads as a CSV Marketo's list import reads (UTF-8 with BOM, commas, CRLF; cells
 * that would start a formula in Excel are neutralised by the shared writer). Marketo matches
 * list imports on Email Address; the Id is there for people and for an import matched on Id.
 */
export async function writePolicyCsv(target: string | Writable, leads: readonly FlaggedLead[]): Promise<number> {
  const writer = createCsvWriter(target)
  try {
    await writer.writeRow(POLICY_CSV_HEADER)
    for (const lead of leads) {
      await writer.writeRow([
        lead.leadId,
        lead.email ?? '',
        lead.action,
        lead.hard,
        lead.soft,
        lead.firstAt,
        lead.lastAt,
        lead.deliveredLater ? 'yes' : 'no',
      ])
    }
    await writer.end()
  } catch (error) {
    await writer.abort()
    throw error
  }
  return leads.length
}
