import { VERDICTS } from '../../shared/classify/types'
import { providerShortLabel } from '../../shared/labels'
import {
  REASON_GROUPS,
  type ActionItem,
  type Compared,
  type ImportSummary,
  type KeyCompared,
  type OverviewComparison,
  type ProviderCompared,
} from '../../shared/ipc'
import type { HistoryQueries } from './history-queries'
import type { Db } from './open'
import { reasonGroupOf } from './reason-groups'
import { FLAGGED } from './span-reads'
import { HARD_BOUNCE_KEY } from './snapshot-counts'

export const TOP_KEYS = 10

interface Snapshot {
  summary: ImportSummary
  listId: number
  seq: number
}

/** A provider's bounce rate counts as risen when all of these hold, so noise on tiny lists stays quiet. */
const RISE = { minAddresses: 20, minBounces: 5, minPoints: 0.01, minFactor: 2 }

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

const count = (n: number): string => n.toLocaleString('en-US')
const plural = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`
const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`

/** `14 Nov`, with the year only when it is not the year of `reference`. */
export function shortDay(day: string, reference: string): string {
  const [year, month, date] = day.split('-')
  const name = MONTHS[Number(month) - 1] ?? month ?? ''
  const base = `${Number(date)} ${name}`
  return year === reference.slice(0, 4) ? base : `${base} ${year ?? ''}`
}

/** Figures of the overview that the stored tallies do not carry; reads only flagged spans. */
export function createOverviewQueries(db: Db, history: HistoryQueries) {
  const countsOf = db.prepare<[number, string], { key: string; rows: number }>(
    'SELECT key, rows FROM import_counts WHERE import_id = ? AND dimension = ? ORDER BY rows DESC, key',
  )
  const countOf = db.prepare<[number, string, string], { rows: number }>(
    'SELECT rows FROM import_counts WHERE import_id = ? AND dimension = ? AND key = ?',
  )
  // Whether a suspension is still within Marketo's 24 hours depends on the snapshot's date, so
  // it is counted from the (few) suspended spans rather than stored.
  const recentSuspended = db.prepare<{ list: number; seq: number; since: string }, { recent: number | null }>(`
    SELECT sum(s.suspended_at >= @since) AS recent
    FROM (
      SELECT suspended_at FROM open_spans INDEXED BY open_spans_flagged
      WHERE list_id = @list AND ${FLAGGED} AND email_suspended = 1 AND from_seq <= @seq
      UNION ALL
      SELECT suspended_at FROM closed_spans INDEXED BY closed_spans_flagged
      WHERE list_id = @list AND ${FLAGGED} AND email_suspended = 1 AND from_seq <= @seq AND to_seq >= @seq
    ) AS s`)
  // What the sender-side blocks marked invalid point at, to name the two commonest in the sentence.
  const senderBlocks = db.prepare<
    { list: number; seq: number },
    { provider: string | null; status: string | null; n: number }
  >(`
    SELECT ci.provider, ci.status, count(*) AS n FROM (
      SELECT invalid_cause_id FROM open_spans INDEXED BY open_spans_flagged
      WHERE list_id = @list AND email_invalid = 1 AND from_seq <= @seq
      UNION ALL
      SELECT invalid_cause_id FROM closed_spans INDEXED BY closed_spans_flagged
      WHERE list_id = @list AND email_invalid = 1 AND from_seq <= @seq AND to_seq >= @seq
    ) AS s JOIN causes AS ci ON ci.id = s.invalid_cause_id
    WHERE ci.verdict = 'fix-sending'
    GROUP BY ci.provider, ci.status ORDER BY n DESC LIMIT 2`)

  const tally = (importId: number, dimension: string): Map<string, number> =>
    new Map(countsOf.all(importId, dimension).map((row) => [row.key, row.rows]))

  const compared = (latest: number, previous: number | undefined | null): Compared => ({
    latest,
    previous: previous ?? null,
  })

  const figures = (snapshot: Snapshot): { recent: number; hard: number } => {
    const row = recentSuspended.get({ list: snapshot.listId, seq: snapshot.seq, since: snapshot.summary.snapshotDate })
    const hard = countOf.get(snapshot.summary.id, 'hard-bounce', HARD_BOUNCE_KEY)?.rows ?? 0
    return { recent: row?.recent ?? 0, hard }
  }

  return {
    extend(latest: Snapshot, previous: Snapshot | null) {
      const now = figures(latest)
      const before = previous ? figures(previous) : null
      const transitions = previous ? history.transitions(latest.listId) : null
      const l = latest.summary
      const p = previous?.summary ?? null
      const comparison: OverviewComparison = {
        rows: compared(l.rows, p?.rows),
        invalid: compared(l.invalid, p?.invalid),
        suspended: compared(l.suspended, p?.suspended),
        suspendedWithin24h: compared(now.recent, before?.recent),
        suspendedOlder: compared(l.suspended - now.recent, p && before ? p.suspended - before.recent : null),
        hardBounces: compared(now.hard, before?.hard),
        hardBounceRate: {
          latest: l.rows > 0 ? now.hard / l.rows : null,
          previous: p && before && p.rows > 0 ? before.hard / p.rows : null,
        },
        newlyInvalid: transitions ? (transitions.newlyInvalid.get(latest.seq) ?? 0) : null,
        recovered: transitions ? (transitions.recovered.get(latest.seq) ?? 0) : null,
      }

      const verdictsNow = tally(l.id, 'verdict')
      const verdictsBefore = p ? tally(p.id, 'verdict') : null
      const verdicts = VERDICTS.map((verdict) => ({
        verdict,
        ...compared(verdictsNow.get(verdict) ?? 0, verdictsBefore ? (verdictsBefore.get(verdict) ?? 0) : null),
      }))

      const groupTotals = (importId: number): Map<string, number> => {
        const totals = new Map<string, number>()
        for (const [reason, rows] of tally(importId, 'reason')) {
          const group = reasonGroupOf(reason)
          totals.set(group, (totals.get(group) ?? 0) + rows)
        }
        return totals
      }
      const groupsNow = groupTotals(l.id)
      const groupsBefore = p ? groupTotals(p.id) : null
      const reasonGroups = REASON_GROUPS.map((group) => ({
        group,
        ...compared(groupsNow.get(group) ?? 0, groupsBefore ? (groupsBefore.get(group) ?? 0) : null),
      }))

      const topOf = (dimension: string): KeyCompared[] =>
        countsOf
          .all(l.id, dimension)
          .slice(0, TOP_KEYS)
          .map((row) => ({
            key: row.key,
            ...compared(row.rows, p ? (countOf.get(p.id, dimension, row.key)?.rows ?? 0) : null),
          }))
      const topDomains = topOf('domain')
      const topProviders: ProviderCompared[] = topOf('provider').map((entry) => {
        const addresses = compared(
          countOf.get(l.id, 'leads-provider', entry.key)?.rows ?? 0,
          p ? (countOf.get(p.id, 'leads-provider', entry.key)?.rows ?? 0) : null,
        )
        return {
          ...entry,
          addresses,
          rate: {
            latest: addresses.latest > 0 ? entry.latest / addresses.latest : null,
            previous:
              addresses.previous && entry.previous !== null && addresses.previous > 0
                ? entry.previous / addresses.previous
                : null,
          },
        }
      })

      const actionItems: ActionItem[] = []
      const remove = verdictsNow.get('remove') ?? 0
      if (remove > 0) {
        actionItems.push({
          kind: 'remove',
          count: remove,
          sentence: `${plural(remove, 'address', 'addresses')} to remove: the mailbox or its domain does not exist.`,
          explorer: { importId: l.id, invalid: true, verdict: 'remove' },
        })
      }
      const sender = verdictsNow.get('fix-sending') ?? 0
      if (sender > 0) {
        const labels = senderBlocks
          .all({ list: latest.listId, seq: latest.seq })
          .map((row) => [row.provider ? providerShortLabel(row.provider) : null, row.status].filter(Boolean).join(' '))
          .filter((label) => label !== '')
        // "5.7.1" says nothing more when "Spamhaus 5.7.1" is already in the list.
        const examples = [...new Set(labels)].filter(
          (label, _index, all) => !all.some((other) => other !== label && other.endsWith(` ${label}`)),
        )
        actionItems.push({
          kind: 'review-sender-blocks',
          count: sender,
          sentence:
            `${plural(sender, 'lead', 'leads')} that Marketo marked Email Invalid ${sender === 1 ? 'was' : 'were'} ` +
            `blocked for sender reasons${examples.length > 0 ? ` (${examples.join(', ')})` : ''}: ` +
            'probably valid, review before deleting.',
          explorer: { importId: l.id, invalid: true, verdict: 'fix-sending' },
        })
      }
      if (p) {
        for (const provider of topProviders) {
          const { latest: rateNow, previous: rateBefore } = provider.rate
          if (rateNow === null || rateBefore === null || provider.key === 'other') continue
          if (
            provider.addresses.latest >= RISE.minAddresses &&
            provider.latest >= RISE.minBounces &&
            rateNow - rateBefore >= RISE.minPoints &&
            rateNow >= rateBefore * RISE.minFactor
          ) {
            const name = providerShortLabel(provider.key)
            actionItems.push({
              kind: 'provider-rise',
              count: provider.latest,
              sentence: `${name} bounces rose from ${percent(rateBefore)} to ${percent(rateNow)} of ${name} addresses since ${shortDay(p.snapshotDate, l.snapshotDate)}.`,
              explorer: { importId: l.id, invalid: true, provider: provider.key },
            })
          }
        }
      }
      const retry = verdictsNow.get('retry') ?? 0
      if (retry > 0) {
        actionItems.push({
          kind: 'retry',
          count: retry,
          sentence: `${plural(retry, 'address was', 'addresses were')} marked Email Invalid for a temporary reason (a full mailbox, a rate limit): they may take mail again, so retry before removing.`,
          explorer: { importId: l.id, invalid: true, verdict: 'retry' },
        })
      }
      const review = verdictsNow.get('review') ?? 0
      if (review > 0) {
        actionItems.push({
          kind: 'review-unclear',
          count: review,
          sentence: `${plural(review, 'address has', 'addresses have')} a bounce text that does not say whether the address is bad: review by hand.`,
          explorer: { importId: l.id, invalid: true, verdict: 'review' },
        })
      }
      return { comparison, verdicts, reasonGroups, topDomains, topProviders, actionItems }
    },
  }
}

export type OverviewQueries = ReturnType<typeof createOverviewQueries>
