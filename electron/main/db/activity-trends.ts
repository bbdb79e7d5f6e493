import {
  DEFAULT_THRESHOLDS,
  type ActivityTrendPoint,
  type BounceRate,
  type BounceRateThresholds,
  type RateGroup,
  type TrendBucket,
} from '../../shared/activity'
import type { Db } from './open'

/**
 * Events by day or week of their date (UTC). A week is keyed by its Monday. The counting follows
 * the policies' words: hard is a bad address or dead domain, sender-side and category-less
 * bounces are shown apart.
 */
export function activityTrends(db: Db, bucket: TrendBucket): ActivityTrendPoint[] {
  const period = bucket === 'day' ? "date(e.at, 'unixepoch')" : "date(e.at, 'unixepoch', '-6 days', 'weekday 1')"
  return db
    .prepare<[], ActivityTrendPoint>(
      `SELECT ${period} AS period,
         sum(e.type = 6) AS sends,
         sum(e.type = 7) AS delivered,
         sum(e.type = 8 AND coalesce(d.hard_bounce, 0) = 1) AS hard,
         sum(e.type IN (8, 27) AND coalesce(d.hard_bounce, 0) = 0 AND coalesce(d.verdict, '') <> 'fix-sending'
           AND (e.type = 8 OR e.category IS NOT NULL)) AS soft,
         sum(e.type IN (8, 27) AND coalesce(d.hard_bounce, 0) = 0 AND d.verdict = 'fix-sending') AS senderSide,
         sum(e.type = 27 AND e.category IS NULL AND coalesce(d.verdict, '') <> 'fix-sending') AS categoryless
       FROM activity_events e
       LEFT JOIN activity_details d ON d.id = e.detail_id
       GROUP BY period
       ORDER BY period`,
    )
    .all()
}

const THRESHOLD_KEY = 'bounce-rate-thresholds'

export function readThresholds(db: Db): BounceRateThresholds {
  const row = db
    .prepare<[string], { value: string }>('SELECT value FROM activity_settings WHERE key = ?')
    .get(THRESHOLD_KEY)
  if (!row) return { ...DEFAULT_THRESHOLDS }
  const stored = JSON.parse(row.value) as Partial<BounceRateThresholds>
  return { ...DEFAULT_THRESHOLDS, ...stored }
}

export function saveThresholds(db: Db, thresholds: BounceRateThresholds): BounceRateThresholds {
  db.prepare(
    `INSERT INTO activity_settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(THRESHOLD_KEY, JSON.stringify(thresholds))
  return thresholds
}

/**
 * Hard bounces per Send Email, by recipient domain or mailbox provider, where sends were
 * imported. A lead's domain is the one its bounces named, else its snapshot's. `providerOf` maps
 * a domain to its provider (the classifier's table), or null.
 */
export function bounceRates(
  db: Db,
  group: RateGroup,
  providerOf: (domain: string) => string | null,
  minSends = 1,
): BounceRate[] {
  const rows = db
    .prepare<[], { domain: string | null; sends: number; hard: number }>(
      `WITH per_lead AS (
         SELECT e.lead_id, sum(e.type = 6) AS sends,
           sum(e.type = 8 AND coalesce(d.hard_bounce, 0) = 1) AS hard
         FROM activity_events e
         LEFT JOIN activity_details d ON d.id = e.detail_id
         WHERE e.type IN (6, 8)
         GROUP BY e.lead_id
       )
       SELECT coalesce(l.domain, (SELECT domain FROM leads WHERE identity = 'id:' || p.lead_id)) AS domain,
         sum(p.sends) AS sends, sum(p.hard) AS hard
       FROM per_lead p
       LEFT JOIN activity_leads l ON l.id = p.lead_id
       GROUP BY 1`,
    )
    .all()
  const totals = new Map<string, { sends: number; hard: number }>()
  for (const row of rows) {
    const domain = row.domain ?? '(unknown)'
    const key = group === 'domain' ? domain : row.domain === null ? '(unknown)' : (providerOf(domain) ?? 'other')
    const total = totals.get(key) ?? { sends: 0, hard: 0 }
    total.sends += row.sends
    total.hard += row.hard
    totals.set(key, total)
  }
  const thresholds = readThresholds(db)
  return [...totals.entries()]
    .filter(([, total]) => total.sends >= minSends)
    .map(([key, total]) => {
      const rate = total.hard / total.sends
      const percent = rate * 100
      const level: BounceRate['level'] =
        percent >= thresholds.dataProblem ? 'data-problem' : percent > thresholds.lookCloser ? 'look-closer' : 'ok'
      return { key, sends: total.sends, hard: total.hard, rate, level }
    })
    .sort((a, b) => b.rate - a.rate || b.sends - a.sends || a.key.localeCompare(b.key))
}
