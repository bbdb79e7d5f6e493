import type { CodeUsage, CodeUsageSnapshot, CodeUsageSummary } from '../../shared/ipc'
import type { Db } from './open'
import { createVersionedMemo, queryPlan } from './span-reads'

export const EXAMPLES_PER_CODE = 3
/** Candidates looked at per code before giving up on finding more examples that read differently. */
const EXAMPLE_CANDIDATES = 30

interface CauseUsageRow {
  cause_id: number
  reply_code: number | null
  status: string | null
  text_length: number
  latest: number
  total: number
}

/**
 * Email Invalid rows per cause of one list, in its newest snapshot (`latest`) and summed over all
 * of its snapshots (`total`). Codes live on the cause, and a list has far fewer causes than
 * rows, so spans are counted by cause first and the causes joined after. Only the flagged spans
 * are read, from the covering partial indexes, in cause order (no sort of the spans); CROSS JOIN
 * keeps them the outer loop whatever the statistics say. A span
 * covers from_seq..to_seq; an open one runs to the newest snapshot, `@newest`.
 */
const CAUSE_USAGE_SQL = `
  SELECT u.cause_id, c.reply_code, c.status, length(c.text) AS text_length,
         sum(u.latest) AS latest, sum(u.total) AS total
  FROM (
    SELECT invalid_cause_id AS cause_id, count(*) AS latest, sum(@newest - from_seq + 1) AS total
    FROM open_spans INDEXED BY open_spans_flagged
    WHERE list_id = @list AND email_invalid = 1 AND invalid_cause_id IS NOT NULL
    GROUP BY invalid_cause_id
    UNION ALL
    SELECT invalid_cause_id, sum(to_seq >= @newest), sum(min(to_seq, @newest) - from_seq + 1)
    FROM closed_spans INDEXED BY closed_spans_flagged
    WHERE list_id = @list AND email_invalid = 1 AND invalid_cause_id IS NOT NULL
    GROUP BY invalid_cause_id
  ) AS u
  CROSS JOIN causes AS c ON c.id = u.cause_id
  GROUP BY u.cause_id`

/**
 * Two texts that differ only in the address, an IP or a queue id teach the reader nothing new:
 * examples are told apart by what is left when those are blanked.
 */
export function exampleShape(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\s<>()[\]"';,]+@[^\s<>()[\]"';,]+/g, '@')
    .replace(/\d+/g, '0')
    .replace(/\s+/g, ' ')
    .trim()
}

interface CodeTally {
  latestRows: number
  latestByImport: Map<number, number>
  allRows: number
  causes: Map<number, { total: number; length: number }>
}

/** How often each reply code and enhanced status occurs in the history (the Codes view's counts). */
export function createCodeUsageQueries(db: Db) {
  const memo = createVersionedMemo(db)
  const newestSnapshots = db.prepare<
    [],
    { id: number; list_id: number; seq: number; snapshot_date: string; name: string }
  >(`
    SELECT i.id, i.list_id, i.seq, i.snapshot_date, l.name
    FROM imports AS i JOIN lists AS l ON l.id = i.list_id
    WHERE i.seq = (SELECT max(seq) FROM imports WHERE list_id = i.list_id)
    ORDER BY i.snapshot_date DESC, i.id DESC`)
  const snapshotCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM imports')
  const causeUsage = db.prepare<{ list: number; newest: number }, CauseUsageRow>(CAUSE_USAGE_SQL)
  const causeText = db.prepare<[number], { text: string }>('SELECT text FROM causes WHERE id = ?')

  function examplesOf(tally: CodeTally): string[] {
    const ranked = [...tally.causes.entries()]
      .sort(([idA, a], [idB, b]) => b.total - a.total || a.length - b.length || idA - idB)
      .slice(0, EXAMPLE_CANDIDATES)
    const examples: string[] = []
    const shapes = new Set<string>()
    for (const [causeId] of ranked) {
      const text = causeText.get(causeId)?.text
      if (text === undefined) continue
      const shape = exampleShape(text)
      if (shapes.has(shape)) continue
      shapes.add(shape)
      examples.push(text)
      if (examples.length === EXAMPLES_PER_CODE) break
    }
    return examples
  }

  function compute(): CodeUsageSummary {
    const snapshots = newestSnapshots.all()
    const tallies = new Map<string, CodeTally>()
    const tallyOf = (code: string): CodeTally => {
      let tally = tallies.get(code)
      if (!tally) {
        tally = { latestRows: 0, latestByImport: new Map(), allRows: 0, causes: new Map() }
        tallies.set(code, tally)
      }
      return tally
    }
    for (const snapshot of snapshots) {
      for (const row of causeUsage.all({ list: snapshot.list_id, newest: snapshot.seq })) {
        const codes = [row.reply_code === null ? null : String(row.reply_code), row.status]
        for (const code of codes) {
          if (code === null) continue
          const tally = tallyOf(code)
          tally.latestRows += row.latest
          if (row.latest > 0) {
            tally.latestByImport.set(snapshot.id, (tally.latestByImport.get(snapshot.id) ?? 0) + row.latest)
          }
          tally.allRows += row.total
          // The same cause in two lists is one text: its rows add up.
          const cause = tally.causes.get(row.cause_id)
          if (cause) cause.total += row.total
          else tally.causes.set(row.cause_id, { total: row.total, length: row.text_length })
        }
      }
    }
    const codes: CodeUsage[] = [...tallies.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, tally]) => ({
        code,
        latestRows: tally.latestRows,
        latestByImport: [...tally.latestByImport.entries()].map(([importId, rows]) => ({ importId, rows })),
        allRows: tally.allRows,
        examples: examplesOf(tally),
      }))
    const latestSnapshots: CodeUsageSnapshot[] = snapshots.map((snapshot) => ({
      importId: snapshot.id,
      listName: snapshot.name,
      snapshotDate: snapshot.snapshot_date,
    }))
    return { latestSnapshots, snapshotCount: snapshotCount.get()?.n ?? 0, codes }
  }

  return {
    /** Kept until the database changes: the Codes view asks again on every visit. */
    usage(): CodeUsageSummary {
      return memo('code-usage', compute)
    },
    /** Steps of the plan for one list's per-cause counts (the EXPLAIN QUERY PLAN test reads it). */
    plan(): string[] {
      return queryPlan(db, CAUSE_USAGE_SQL, { list: 1, newest: 1 })
    },
  }
}
