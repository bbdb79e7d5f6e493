import {
  BREAKDOWN_SERIES,
  DEFAULT_THRESHOLDS,
  type ActivityBreakdown,
  type ActivityTrendPoint,
  type BreakdownBy,
  type BreakdownCell,
  type BounceRate,
  type BounceRateThresholds,
  type RateGroup,
  type TrendBucket,
} from '../../shared/activity'
import { VERDICTS } from '../../shared/classify/types'
import type { Db } from './open'

/**
 * Events by day or week of their date (UTC). A week is keyed by its Monday. The counting follows
 * the policies' words: hard is a bad address or dead domain, sender-side and category-less
 * bounces are shown apart.
 */
export function activityTrends(db: Db, bucket: TrendBucket): ActivityTrendPoint[] {
  const period = periodOf(bucket)
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

/** The day (UTC) or the week's Monday of an event, as YYYY-MM-DD. */
function periodOf(bucket: TrendBucket): string {
  return bucket === 'day' ? "date(e.at, 'unixepoch')" : "date(e.at, 'unixepoch', '-6 days', 'weekday 1')"
}

const NO_TEXT = '(no text)'
const UNKNOWN = '(unknown)'
const OTHER = 'other'

/**
 * Bounces by day or week, split by our verdict, Marketo's Category, or the lead's provider or
 * domain (with the same leads' sends, for a rate). A lead's domain is the one its bounces named,
 * else its snapshot's, as for `bounceRates`. `providerOf` maps a domain to its provider, or null.
 */
export function activityBreakdown(
  db: Db,
  bucket: TrendBucket,
  by: BreakdownBy,
  providerOf: (domain: string) => string | null,
): ActivityBreakdown {
  const period = periodOf(bucket)
  const hard = 'e.type = 8 AND coalesce(d.hard_bounce, 0) = 1'
  type Row = { period: string; key: string | null; bounces: number; hard: number; sends: number }
  const rows =
    by === 'verdict' || by === 'category'
      ? db
          .prepare<[], Row>(
            `SELECT ${period} AS period,
               ${by === 'verdict' ? 'd.verdict' : 'CAST(e.category AS TEXT)'} AS key,
               count(*) AS bounces, sum(${hard}) AS hard, 0 AS sends
             FROM activity_events e
             LEFT JOIN activity_details d ON d.id = e.detail_id
             WHERE e.type IN (8, 27)
             GROUP BY 1, 2`,
          )
          .all()
      : // Per lead first: the domain is looked up once per lead and period, not once per event.
        db
          .prepare<[], Row>(
            `WITH per_lead AS (
               SELECT ${period} AS period, e.lead_id,
                 sum(e.type IN (8, 27)) AS bounces, sum(${hard}) AS hard, sum(e.type = 6) AS sends
               FROM activity_events e
               LEFT JOIN activity_details d ON d.id = e.detail_id
               WHERE e.type IN (6, 8, 27)
               GROUP BY 1, 2
             )
             SELECT p.period,
               coalesce(l.domain, (SELECT domain FROM leads WHERE identity = 'id:' || p.lead_id)) AS key,
               sum(p.bounces) AS bounces, sum(p.hard) AS hard, sum(p.sends) AS sends
             FROM per_lead p
             LEFT JOIN activity_leads l ON l.id = p.lead_id
             GROUP BY 1, 2`,
          )
          .all()
  const keyOf = (key: string | null): string => {
    if (by === 'verdict') return key ?? NO_TEXT
    if (by === 'category') return key ?? 'none'
    if (key === null) return UNKNOWN
    return by === 'domain' ? key : (providerOf(key) ?? OTHER)
  }
  const cells = new Map<string, Map<string, BreakdownCell>>()
  const totals = new Map<string, { bounces: number; sends: number }>()
  for (const row of rows) {
    const key = keyOf(row.key)
    const byKey = cells.get(row.period) ?? new Map<string, BreakdownCell>()
    cells.set(row.period, byKey)
    const cell = byKey.get(key) ?? { bounces: 0, hard: 0, sends: 0 }
    cell.bounces += row.bounces
    cell.hard += row.hard
    cell.sends += row.sends
    byKey.set(key, cell)
    const total = totals.get(key) ?? { bounces: 0, sends: 0 }
    total.bounces += row.bounces
    total.sends += row.sends
    totals.set(key, total)
  }
  const keys = seriesKeys(by, totals)
  const shown = new Set(keys)
  const points = [...cells.keys()].sort().map((periodKey) => {
    const byKey = cells.get(periodKey) ?? new Map<string, BreakdownCell>()
    const row = keys.map((): BreakdownCell => ({ bounces: 0, hard: 0, sends: 0 }))
    for (const [key, cell] of byKey) {
      const at = shown.has(key) ? keys.indexOf(key) : keys.indexOf(OTHER)
      const target = row[at]
      if (!target) continue
      target.bounces += cell.bounces
      target.hard += cell.hard
      target.sends += cell.sends
    }
    return { period: periodKey, total: row.reduce((sum, cell) => sum + cell.bounces, 0), cells: row }
  })
  return { by, keys, points, withSends: rows.some((row) => row.sends > 0) }
}

/**
 * Verdicts in their order, Categories in number order (`none` last); other splits by most bounces, then most sends, then
 * name, the ones past BREAKDOWN_SERIES summed into `other`.
 */
function seriesKeys(by: BreakdownBy, totals: Map<string, { bounces: number; sends: number }>): string[] {
  const all = [...totals.keys()]
  if (by === 'verdict') {
    // The verdicts' own order (remove, retry, fix-sending, review), as everywhere else in the app.
    const rank = (key: string): number => {
      const at = (VERDICTS as readonly string[]).indexOf(key)
      return at === -1 ? VERDICTS.length : at
    }
    return all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  }
  if (by === 'category') {
    const rank = (key: string): number => (key === 'none' ? Number.MAX_SAFE_INTEGER : Number(key))
    return all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  }
  const ordered = all
    .filter((key) => key !== OTHER)
    .sort((a, b) => {
      const [x, y] = [totals.get(a), totals.get(b)]
      return (y?.bounces ?? 0) - (x?.bounces ?? 0) || (y?.sends ?? 0) - (x?.sends ?? 0) || a.localeCompare(b)
    })
  const hasOther = totals.has(OTHER) || ordered.length > BREAKDOWN_SERIES
  return hasOther ? [...ordered.slice(0, BREAKDOWN_SERIES - 1), OTHER] : ordered
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
