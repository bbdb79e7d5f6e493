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

type LeadRow = {
  lead_id: number
  email: string | null
  last_at: number
  delivered_later: number
} & Record<string, number>

/**
 * One pass over the bounces of the widest window serves every tier: each tier's counts are sums
 * over the part of it inside that tier's window (values bound, column names from the tier's
 * index). Every window ends on the as-of day, so a flagged lead's last counted bounce is the same
 * in each tier that flags it, and "delivered to later" compares it with the lead's latest delivery.
 */
function tiersSql(tierCount: number): string {
  const perTier = Array.from({ length: tierCount }, (_, i) =>
    [
      `sum(kind = 1 AND at >= @from${i}) AS h${i}`,
      `sum(kind = 2 AND at >= @from${i}) AS s${i}`,
      `min(CASE WHEN at >= @from${i} THEN at END) AS f${i}`,
    ].join(', '),
  ).join(',\n      ')
  const flags = Array.from(
    { length: tierCount },
    (_, i) => `(@hard${i} > 0 AND h${i} >= @hard${i}) OR (@soft${i} > 0 AND s${i} >= @soft${i})`,
  ).join('\n      OR ')
  // `counted` is materialized with each bounce's kind (1 hard, 2 soft) worked out once: inlined,
  // SQLite evaluated the hard/soft expressions again inside every tier's sums.
  return `
    WITH counted AS MATERIALIZED (
      SELECT lead_id, at, kind FROM (
        SELECT e.lead_id, e.at,
          CASE
            WHEN e.type = 8 AND coalesce(d.hard_bounce, 0) = 1 THEN 1
            WHEN (coalesce(d.verdict, '') <> 'fix-sending' OR @senderSide)
              AND (e.type = 8 OR e.category IS NOT NULL OR @categoryless) THEN 2
            ELSE 0
          END AS kind
        FROM activity_events e INDEXED BY activity_bounces
        LEFT JOIN activity_details d ON d.id = e.detail_id
        WHERE e.at >= @from AND e.at < @to AND e.type IN (8, 27)
      )
      WHERE kind > 0
    ),
    per_lead AS (
      SELECT lead_id, max(at) AS last_at,
      ${perTier}
      FROM counted
      GROUP BY lead_id
    )
    SELECT p.*,
      coalesce(l.email, (SELECT email FROM leads WHERE identity = 'id:' || p.lead_id)) AS email,
      -- The import keeps each lead's latest delivery (migration 0091): no probe of its events.
      coalesce(l.last_delivered_at > p.last_at, 0) AS delivered_later
    FROM per_lead p
    LEFT JOIN activity_leads l ON l.id = p.lead_id
    WHERE ${flags}
  `
}

/**
 * The day (YYYY-MM-DD, UTC) of the latest stored event, or null with no events. Read from the
 * files (each keeps its latest event, migration 0091): events are never deleted and each came
 * with a file, and `max(at)` over the events would read the whole table.
 */
export function latestEventDay(db: Db): string | null {
  const row = db.prepare<[], { at: number | null }>('SELECT max(last_at) AS at FROM activity_files').get()
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
  if (asOf === null || options.tiers.length === 0) {
    return { asOf, windows: [], flagged: 0, deliveredLater: 0, byAction, leads: [] }
  }
  const to = dayStart(asOf) + DAY
  const froms = options.tiers.map((tier) => to - tier.days * DAY)
  const params: Record<string, number> = {
    from: Math.min(...froms),
    to,
    senderSide: options.countSenderSide ? 1 : 0,
    categoryless: options.countCategoryless ? 1 : 0,
  }
  options.tiers.forEach((tier, i) => {
    params[`from${i}`] = froms[i] ?? to
    params[`hard${i}`] = tier.hard
    params[`soft${i}`] = tier.soft
  })
  const rows = db.prepare<Record<string, number>, LeadRow>(tiersSql(options.tiers.length)).all(params)
  // Column names per tier, made once: tens of thousands of rows each read them several times.
  const columns = options.tiers.map((tier, i) => ({ tier, hard: `h${i}`, soft: `s${i}`, first: `f${i}` }))
  const leads: FlaggedLead[] = []
  for (const row of rows) {
    let chosen = -1
    for (let i = 0; i < columns.length; i += 1) {
      const column = columns[i] as (typeof columns)[number]
      const { tier } = column
      const flags =
        (tier.hard > 0 && (row[column.hard] ?? 0) >= tier.hard) ||
        (tier.soft > 0 && (row[column.soft] ?? 0) >= tier.soft)
      const best = columns[chosen]?.tier
      if (flags && (best === undefined || STRENGTH[tier.action] > STRENGTH[best.action])) chosen = i
    }
    const column = columns[chosen]
    if (column === undefined) continue
    leads.push({
      leadId: row.lead_id,
      email: row.email,
      hard: row[column.hard] ?? 0,
      soft: row[column.soft] ?? 0,
      firstAt: isoInstant(row[column.first] ?? row.last_at),
      lastAt: isoInstant(row.last_at),
      action: column.tier.action,
      tier: chosen,
      deliveredLater: row.delivered_later === 1,
    })
  }
  leads.sort(
    (a, b) => STRENGTH[b.action] - STRENGTH[a.action] || b.hard - a.hard || b.soft - a.soft || a.leadId - b.leadId,
  )
  let deliveredLater = 0
  for (const lead of leads) {
    byAction[lead.action] += 1
    if (lead.deliveredLater) deliveredLater += 1
  }
  const windows = froms.map((from) => ({ from: isoDay(from), to: asOf }))
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
