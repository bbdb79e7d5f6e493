/**
 * The tiered bounce policies, in SQL over the activity history (and one rule over snapshots).
 *
 * What counts (see the issue and DESIGN.md, "Policies"):
 * - hard: an Email Bounced (8) whose Details our classifier reads as a bad address or a dead
 *   domain (`hard_bounce`);
 * - soft: any other Email Bounced, and an Email Bounced Soft (27) that carries a Category;
 * - not counted unless the user says so: soft bounces without a Category (a broken email, e.g. a
 *   Velocity script, not the lead) and bounces our classifier reads as the sender's problem
 *   (blocks, authentication, content; verdict `fix-sending`), which then count as soft.
 * A window is D calendar days (UTC) ending on the as-of day, inclusive.
 */
import type {
  FlaggedLead,
  PolicyAction,
  PolicyOptions,
  PolicyPreview,
  SnapshotFlaggedLead,
  SnapshotRule,
} from '../../shared/activity'
import type { Db } from './open'

const DAY = 86_400

/** Stronger actions win when several tiers flag a lead. */
const STRENGTH: Record<PolicyAction, number> = { review: 1, suspend: 2, remove: 3 }

interface TierRow {
  lead_id: number
  email: string | null
  hard: number
  soft: number
  first_at: number
  last_at: number
  delivered_later: number
}

const TIER_SQL = `
  WITH counted AS (
    SELECT e.lead_id, e.at,
      (e.type = 8 AND coalesce(d.hard_bounce, 0) = 1) AS hard,
      (NOT (e.type = 8 AND coalesce(d.hard_bounce, 0) = 1)
        AND (coalesce(d.verdict, '') <> 'fix-sending' OR @senderSide)
        AND (e.type = 8 OR e.category IS NOT NULL OR @categoryless)) AS soft
    FROM activity_events e INDEXED BY activity_bounces
    LEFT JOIN activity_details d ON d.id = e.detail_id
    WHERE e.at >= @from AND e.at < @to AND e.type IN (8, 27)
  ),
  flagged AS (
    SELECT lead_id, sum(hard) AS hard, sum(soft) AS soft, min(at) AS first_at, max(at) AS last_at
    FROM counted
    WHERE hard OR soft
    GROUP BY lead_id
    HAVING (@h > 0 AND sum(hard) >= @h) OR (@s > 0 AND sum(soft) >= @s)
  )
  SELECT f.lead_id, f.hard, f.soft, f.first_at, f.last_at,
    coalesce(l.email, (SELECT email FROM leads WHERE identity = 'id:' || f.lead_id)) AS email,
    EXISTS (
      SELECT 1 FROM activity_events x INDEXED BY activity_deliveries
      WHERE x.type = 7 AND x.lead_id = f.lead_id AND x.at > f.last_at
    ) AS delivered_later
  FROM flagged f
  LEFT JOIN activity_leads l ON l.id = f.lead_id
`

/** The day (YYYY-MM-DD, UTC) of the latest stored event, or null with no events. */
export function latestEventDay(db: Db): string | null {
  const row = db.prepare<[], { at: number | null }>('SELECT max(at) AS at FROM activity_events').get()
  return row?.at == null ? null : new Date(row.at * 1000).toISOString().slice(0, 10)
}

function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000
}

const isoDay = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10)
const isoInstant = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')

export function previewPolicy(db: Db, options: PolicyOptions): PolicyPreview {
  const asOf = options.asOf ?? latestEventDay(db)
  const byAction: Record<PolicyAction, number> = { review: 0, suspend: 0, remove: 0 }
  if (asOf === null) return { asOf, windows: [], flagged: 0, deliveredLater: 0, byAction, leads: [] }
  const to = dayStart(asOf) + DAY
  const statement = db.prepare<Record<string, number>, TierRow>(TIER_SQL)
  const chosen = new Map<number, FlaggedLead>()
  const windows = options.tiers.map((tier, index) => {
    const from = to - tier.days * DAY
    const rows = statement.all({
      from,
      to,
      h: tier.hard,
      s: tier.soft,
      senderSide: options.countSenderSide ? 1 : 0,
      categoryless: options.countCategoryless ? 1 : 0,
    })
    for (const row of rows) {
      const earlier = chosen.get(row.lead_id)
      if (earlier && STRENGTH[earlier.action] >= STRENGTH[tier.action]) continue
      chosen.set(row.lead_id, {
        leadId: row.lead_id,
        email: row.email,
        hard: row.hard,
        soft: row.soft,
        firstAt: isoInstant(row.first_at),
        lastAt: isoInstant(row.last_at),
        action: tier.action,
        tier: index,
        deliveredLater: row.delivered_later === 1,
      })
    }
    return { from: isoDay(from), to: asOf }
  })
  const leads = [...chosen.values()].sort(
    (a, b) => STRENGTH[b.action] - STRENGTH[a.action] || b.hard - a.hard || b.soft - a.soft || a.leadId - b.leadId,
  )
  let deliveredLater = 0
  for (const lead of leads) {
    byAction[lead.action] += 1
    if (lead.deliveredLater) deliveredLater += 1
  }
  return { asOf, windows, flagged: leads.length, deliveredLater, byAction, leads }
}

/**
 * Email Suspended in at least K of the last N snapshots of a list: needs no activity file. A
 * span covers snapshots from_seq..to_seq, so a lead's count is the overlap of its suspended spans
 * with the list's last N positions.
 */
export function snapshotRuleLeads(db: Db, rule: SnapshotRule): SnapshotFlaggedLead[] {
  const rows = db
    .prepare<
      { n: number; k: number },
      { lead_id: number; email: string; marketo_id: string | null; list: string; suspended_in: number; of: number }
    >(
      `WITH tops AS (
         SELECT list_id, max(seq) AS top, min(count(*), @n) AS of FROM imports GROUP BY list_id
       ),
       counts AS (
         SELECT s.list_id, s.lead_id,
           sum(min(s.to_seq, t.top) - max(s.from_seq, t.top - @n + 1) + 1) AS suspended_in, t.of
         FROM spans s JOIN tops t ON t.list_id = s.list_id
         WHERE s.email_suspended = 1 AND s.to_seq >= t.top - @n + 1 AND s.from_seq <= t.top
         GROUP BY s.list_id, s.lead_id
         HAVING suspended_in >= @k
       )
       SELECT c.lead_id, l.email, l.marketo_id, li.name AS list, c.suspended_in, c.of
       FROM counts c JOIN leads l ON l.id = c.lead_id JOIN lists li ON li.id = c.list_id
       ORDER BY c.suspended_in DESC, l.email`,
    )
    .all({ n: rule.n, k: rule.k })
  return rows.map((row) => ({
    leadId: row.marketo_id !== null && /^\d+$/.test(row.marketo_id) ? Number(row.marketo_id) : null,
    email: row.email,
    list: row.list,
    suspendedIn: row.suspended_in,
    of: row.of,
    action: rule.action,
  }))
}
