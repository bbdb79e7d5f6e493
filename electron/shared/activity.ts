/**
 * Types of the activity history (Marketo's bounce, send and delivery events) and its policies,
 * shared by the Node side, the CLI and the renderer.
 */
import type { Reason, Verdict } from './classify/types'

/** What importing one Bulk Activity Extract file did. */
export interface ActivityImportSummary {
  kind: 'activities'
  fileId: number
  file: string
  /** Rows of the kept types (Send Email, Email Delivered, Email Bounced, Email Bounced Soft). */
  events: number
  /** Of those, events not stored before (the rest came with an earlier or overlapping file). */
  newEvents: number
  /** Kept rows by type name. */
  byType: { send: number; delivered: number; bounced: number; bouncedSoft: number }
  /** Rows of other activity types, counted and not stored, by type id. */
  ignored: number
  ignoredByType: Record<string, number>
  /** Distinct leads in the file's kept events, and how many were new to the history. */
  leads: number
  newLeads: number
  /** First and last event date in the file (YYYY-MM-DD, UTC), null when it had no kept event. */
  from: string | null
  to: string | null
  delimiter: 'comma' | 'tab' | 'semicolon' | 'space'
  unknownColumns: string[]
  /** Bounce rows whose Category was not a number (kept, without a category). */
  unreadableCategories: number
}

export const POLICY_ACTIONS = ['review', 'suspend', 'remove'] as const
export type PolicyAction = (typeof POLICY_ACTIONS)[number]

/** "≥ hard hard or ≥ soft soft bounces within days days → action"; 0 means that count is not used. */
export interface PolicyTier {
  hard: number
  soft: number
  days: number
  action: PolicyAction
}

export interface PolicyOptions {
  tiers: PolicyTier[]
  /** Count Email Bounced Soft events without a Category (usually a broken email, not the lead). */
  countCategoryless?: boolean
  /** Count bounces our classifier reads as the sender's problem (blocks, authentication, content). */
  countSenderSide?: boolean
  /** YYYY-MM-DD (UTC); default: the day of the latest stored event. */
  asOf?: string
}

export interface FlaggedLead {
  leadId: number
  email: string | null
  hard: number
  soft: number
  /** ISO instants (UTC) of the first and last counted bounce in the deciding tier's window. */
  firstAt: string
  lastAt: string
  action: PolicyAction
  /** Index of the deciding tier (the strongest action among the tiers that flag the lead). */
  tier: number
  /** A delivery to this lead after its last counted bounce. */
  deliveredLater: boolean
}

export interface PolicyPreview {
  asOf: string | null
  /** Per tier: the window it counted (YYYY-MM-DD, inclusive). */
  windows: { from: string; to: string }[]
  flagged: number
  deliveredLater: number
  byAction: Record<PolicyAction, number>
  leads: FlaggedLead[]
}

/** Email Suspended in at least `k` of the last `n` snapshots of a list. */
export interface SnapshotRule {
  k: number
  n: number
  action: PolicyAction
}

export interface SnapshotFlaggedLead {
  leadId: number | null
  email: string
  list: string
  suspendedIn: number
  of: number
  action: PolicyAction
}

/** A bounce whose Marketo Category and our reading disagree. */
export interface CategoryDisagreement {
  detailId: number
  text: string
  category: number | null
  ourVerdict: string
  ourReason: string
  why: string
  events: number
  leads: number
  lastAt: string
}

export interface ActivityTotals {
  events: number
  bounced: number
  bouncedSoft: number
  send: number
  delivered: number
  leads: number
  files: number
  /** First and last event day (YYYY-MM-DD, UTC). */
  from: string | null
  to: string | null
}

/** One event of a lead, for its timeline. */
export interface LeadEvent {
  at: string
  type: number
  category: number | null
  subcategory: number | null
  details: string | null
  verdict: Verdict | null
  reason: Reason | null
  mailing: string | null
}

export const TREND_BUCKETS = ['day', 'week'] as const
export type TrendBucket = (typeof TREND_BUCKETS)[number]

/** Events per day or week (by event date, UTC; a week starts on Monday). */
export interface ActivityTrendPoint {
  period: string
  sends: number
  delivered: number
  /** Email Bounced whose text is a bad address or dead domain. */
  hard: number
  /** Other Email Bounced and Email Bounced Soft with a Category. */
  soft: number
  /** Bounces our classifier reads as the sender's problem. */
  senderSide: number
  /** Email Bounced Soft without a Category (the email itself failed). */
  categoryless: number
}

/** What the bounces over time are split by: our verdict, Marketo's Category, or the lead's provider or domain. */
export const BREAKDOWN_KEYS = ['verdict', 'category', 'provider', 'domain'] as const
export type BreakdownBy = (typeof BREAKDOWN_KEYS)[number]

/** At most this many series; the rest are summed into `other` so a table stays readable. */
export const BREAKDOWN_SERIES = 6

/** One period's count for one series (aligned with `ActivityBreakdown.keys`). */
export interface BreakdownCell {
  /** Email Bounced and Email Bounced Soft events. */
  bounces: number
  /** Of those, hard bounces (Email Bounced whose text is a bad address or dead domain). */
  hard: number
  /** Send Email events of the same leads (provider and domain only; 0 otherwise). */
  sends: number
}

/**
 * Bounces by event day or week, split into series. Keys are verdict ids, Category numbers as text
 * (`none` without one), provider ids or domains; `(unknown)` where the lead's address is unknown,
 * `other` for the series past BREAKDOWN_SERIES. Largest series first (Categories in number order).
 */
export interface ActivityBreakdown {
  by: BreakdownBy
  keys: string[]
  points: { period: string; total: number; cells: BreakdownCell[] }[]
  /** Whether any Send Email event was imported: only then is a rate per provider or domain shown. */
  withSends: boolean
}

export const RATE_GROUPS = ['provider', 'domain'] as const
export type RateGroup = (typeof RATE_GROUPS)[number]

/** Hard bounces per email sent, for one provider or domain. */
export interface BounceRate {
  key: string
  sends: number
  hard: number
  rate: number
  level: 'ok' | 'look-closer' | 'data-problem'
}

/** The hard-bounce rates users are told to watch, in percent; editable in Settings. */
export interface BounceRateThresholds {
  lookCloser: number
  dataProblem: number
}

export const DEFAULT_THRESHOLDS: BounceRateThresholds = { lookCloser: 5, dataProblem: 10 }
