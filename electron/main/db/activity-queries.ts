import type { ActivityTotals, CategoryDisagreement, LeadEvent } from '../../shared/activity'
import type { Reason, Verdict } from '../../shared/classify/types'
import type { Db } from './open'

const isoInstant = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')

export function activityTotals(db: Db): ActivityTotals {
  const row = db
    .prepare<
      [],
      {
        events: number
        bounced: number | null
        soft: number | null
        send: number | null
        delivered: number | null
        first: number | null
        last: number | null
      }
    >(
      `SELECT count(*) AS events, sum(type = 8) AS bounced, sum(type = 27) AS soft, sum(type = 6) AS send,
         sum(type = 7) AS delivered, min(at) AS first, max(at) AS last
       FROM activity_events`,
    )
    .get()
  const leads = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activity_leads').get()?.n ?? 0
  const files = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activity_files').get()?.n ?? 0
  return {
    events: row?.events ?? 0,
    bounced: row?.bounced ?? 0,
    bouncedSoft: row?.soft ?? 0,
    send: row?.send ?? 0,
    delivered: row?.delivered ?? 0,
    leads,
    files,
    from: row?.first == null ? null : isoInstant(row.first).slice(0, 10),
    to: row?.last == null ? null : isoInstant(row.last).slice(0, 10),
  }
}

/**
 * Bounces where Marketo's Category and our reading of the Details disagree, most frequent first:
 * Category 2 (invalid address) on a text that says the sender was blocked or the failure was
 * temporary, and a soft or spam Category on a text that says the address does not exist.
 */
export function categoryDisagreements(db: Db, limit = 200): CategoryDisagreement[] {
  return db
    .prepare<
      [number],
      {
        detail_id: number
        text: string
        category: number | null
        verdict: string
        reason: string
        hard_bounce: number
        events: number
        leads: number
        last_at: number
      }
    >(
      `SELECT d.id AS detail_id, d.text, e.category, d.verdict, d.reason, d.hard_bounce,
         count(*) AS events, count(DISTINCT e.lead_id) AS leads, max(e.at) AS last_at
       FROM activity_events e INDEXED BY activity_bounces
       JOIN activity_details d ON d.id = e.detail_id
       WHERE e.type IN (8, 27)
         AND ((e.category = 2 AND d.hard_bounce = 0 AND d.verdict IN ('fix-sending', 'retry'))
           OR (e.category IN (1, 3, 4, 9) AND d.hard_bounce = 1))
       GROUP BY d.id, e.category
       ORDER BY events DESC, d.id
       LIMIT ?`,
    )
    .all(limit)
    .map((row) => ({
      detailId: row.detail_id,
      text: row.text,
      category: row.category,
      ourVerdict: row.verdict,
      ourReason: row.reason,
      why: disagreementWhy(row.category, row.verdict, row.hard_bounce === 1),
      events: row.events,
      leads: row.leads,
      lastAt: isoInstant(row.last_at),
    }))
}

function disagreementWhy(category: number | null, verdict: string, hard: boolean): string {
  if (category === 2 && verdict === 'fix-sending') {
    return 'Marketo calls the address invalid, but the text says the receiving server refused the sender (a block, authentication or content), not the address. The lead may be fine.'
  }
  if (category === 2) {
    return 'Marketo calls the address invalid, but the text reads as a temporary failure. A later send may get through.'
  }
  if (hard) {
    return 'Marketo counts this as a soft or spam bounce, but the text says the address or its domain does not exist.'
  }
  return 'Marketo’s category and the text disagree.'
}

/** One lead's events, newest first (for the lead panel's timeline). */
export function leadEvents(db: Db, leadId: number, limit = 500): LeadEvent[] {
  return db
    .prepare<
      [number, number],
      {
        at: number
        type: number
        category: number | null
        subcategory: number | null
        text: string | null
        verdict: Verdict | null
        reason: Reason | null
        mailing: string | null
      }
    >(
      `SELECT e.at, e.type, e.category, e.subcategory, d.text, d.verdict, d.reason, m.name AS mailing
       FROM activity_events e
       LEFT JOIN activity_details d ON d.id = e.detail_id
       LEFT JOIN activity_mailings m ON m.id = e.mailing_id
       WHERE e.lead_id = ?
       ORDER BY e.at DESC
       LIMIT ?`,
    )
    .all(leadId, limit)
    .map((row) => ({
      at: isoInstant(row.at),
      type: row.type,
      category: row.category,
      subcategory: row.subcategory,
      details: row.text,
      verdict: row.verdict,
      reason: row.reason,
      mailing: row.mailing,
    }))
}
