import { providerFromDomain } from '../../shared/classify/provider'
import type { Reason, Verdict } from '../../shared/classify/types'
import { NO_CAUSE, OTHER_PROVIDER, type CountedCause } from './snapshot-counts'
import { transitionKey } from './facets'
import type { Db } from './open'
import { queryPlan } from './span-reads'

/** Dimensions of `import_counts` that hold a snapshot's changes against the one before it. */
export const TRANSITION_DIMENSIONS = ['newly-invalid', 'recovered'] as const

interface StartingSpan {
  email_invalid: number
  invalid_cause_id: number | null
  domain: string
  /** The lead's state in the snapshot before, if it was in it. */
  before_invalid: number | null
  before_cause_id: number | null
}

/**
 * Stores, per snapshot of a list, how many leads became Email Invalid and how many recovered
 * since the snapshot before, keyed by domain, provider, verdict and reason so filtered charts
 * can sum them. A lead's state only changes where one of its spans starts, so each snapshot reads the
 * spans starting at it (the churn, about 1 % of rows) and probes the span ending just before.
 * Runs wherever spans change: at the end of an import, after a snapshot is moved or deleted,
 * and after causes are classified again.
 */
export function createTransitionCounter(db: Db) {
  const causeById = db.prepare<[number], StoredCause>(
    'SELECT id, reply_code, status, reason, verdict, provider, hard_bounce FROM causes WHERE id = ?',
  )
  // Filled per recount: causes do not change while spans are being counted, but may between.
  const causes = new Map<number, CountedCause | undefined>()
  const causeOf = (causeId: number): CountedCause | undefined => {
    if (causes.has(causeId)) return causes.get(causeId)
    const row = causeById.get(causeId)
    const cause = row && toCountedCause(row)
    causes.set(causeId, cause)
    return cause
  }
  const importsOf = db.prepare<[number], { id: number; seq: number }>(
    'SELECT id, seq FROM imports WHERE list_id = ? ORDER BY seq',
  )
  const startingAt = db.prepare<{ list: number; seq: number }, StartingSpan>(`
    SELECT s.email_invalid, s.invalid_cause_id, l.domain, b.email_invalid AS before_invalid,
           b.invalid_cause_id AS before_cause_id
    FROM (
      SELECT lead_id, email_invalid, invalid_cause_id FROM open_spans INDEXED BY open_spans_by_from
      WHERE list_id = @list AND from_seq = @seq
      UNION ALL
      SELECT lead_id, email_invalid, invalid_cause_id FROM closed_spans INDEXED BY closed_spans_by_from
      WHERE list_id = @list AND from_seq = @seq
    ) AS s
    JOIN leads AS l ON l.id = s.lead_id
    LEFT JOIN closed_spans AS b INDEXED BY closed_spans_by_lead
      ON b.list_id = @list AND b.lead_id = s.lead_id AND b.to_seq = @seq - 1`)
  const clear = db.prepare<[number]>(
    `DELETE FROM import_counts WHERE import_id = ? AND dimension IN (${TRANSITION_DIMENSIONS.map((d) => `'${d}'`).join(', ')})`,
  )
  const insert = db.prepare<[number, string, string, number]>(
    'INSERT INTO import_counts (import_id, dimension, key, rows) VALUES (?, ?, ?, ?)',
  )
  const providers = new Map<string, string | null>()
  const domainProvider = (domain: string): string | null => {
    let provider = providers.get(domain)
    if (provider === undefined) {
      provider = providerFromDomain(domain)
      providers.set(domain, provider)
    }
    return provider
  }
  const keyOf = (domain: string, causeId: number | null): string => {
    const cause = (causeId === null ? undefined : causeOf(causeId)) ?? NO_CAUSE
    return transitionKey(domain, domainProvider(domain) ?? cause.provider ?? OTHER_PROVIDER, cause)
  }

  const countSnapshot = (listId: number, importId: number, seq: number): void => {
    clear.run(importId)
    // The first snapshot of a list has nothing to change from.
    if (seq <= 1) return
    const newly = new Map<string, number>()
    const recovered = new Map<string, number>()
    const bump = (counts: Map<string, number>, key: string): void => {
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    for (const span of startingAt.iterate({ list: listId, seq })) {
      const wasInvalid = span.before_invalid === 1
      if (span.email_invalid === 1 && !wasInvalid) bump(newly, keyOf(span.domain, span.invalid_cause_id))
      else if (span.email_invalid !== 1 && wasInvalid) bump(recovered, keyOf(span.domain, span.before_cause_id))
    }
    for (const [key, rows] of newly) insert.run(importId, 'newly-invalid', key, rows)
    for (const [key, rows] of recovered) insert.run(importId, 'recovered', key, rows)
  }

  return {
    /** The plan of the statement that reads a snapshot's starting spans (tests look at it). */
    plan(list: number, seq: number): string[] {
      return queryPlan(db, startingAt.source, { list, seq })
    },
    /** Recounts the snapshots at these positions of the list (all of them when omitted). */
    recount(listId: number, seqs?: readonly number[]): void {
      causes.clear()
      for (const { id, seq } of importsOf.all(listId)) {
        if (seqs === undefined || seqs.includes(seq)) countSnapshot(listId, id, seq)
      }
    },
  }
}

interface StoredCause {
  id: number
  reply_code: number | null
  status: string | null
  reason: Reason
  verdict: Verdict
  provider: string | null
  hard_bounce: number
}

/** Causes by id with the fields the tallies need, read once per recount. */
export function storedCountedCauses(db: Db): Map<number, CountedCause> {
  const rows = db
    .prepare<[], StoredCause>('SELECT id, reply_code, status, reason, verdict, provider, hard_bounce FROM causes')
    .all()
  return new Map(rows.map((row) => [row.id, toCountedCause(row)]))
}

function toCountedCause(row: StoredCause): CountedCause {
  return {
    replyCode: row.reply_code,
    status: row.status,
    reason: row.reason,
    verdict: row.verdict,
    provider: row.provider,
    hardBounce: row.hard_bounce === 1,
  }
}
