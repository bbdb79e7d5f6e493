import { REASONS, VERDICTS, type Reason } from '../../shared/classify/types'
import type { ImportSummary, Overview } from '../../shared/ipc'
import type { Db } from './open'
import { IMPORT_COLUMNS, toImportSummary } from './import-store'

type ImportRow = Parameters<typeof toImportSummary>[0]

const isReason = (value: string): value is Reason => (REASONS as readonly string[]).includes(value)

/** Read-only questions the views ask; only this module and the stores contain SQL. */
export function createQueries(db: Db) {
  const listImports = db.prepare<[], ImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM imports ORDER BY snapshot_date DESC, id DESC`,
  )
  const latestTwo = db.prepare<[], ImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM imports ORDER BY snapshot_date DESC, id DESC LIMIT 2`,
  )
  const verdictCounts = db.prepare<[number], { verdict: string; rows: number }>(`
    SELECT c.verdict AS verdict, count(*) AS rows
    FROM import_rows r JOIN causes c ON c.id = r.invalid_cause_id
    WHERE r.import_id = ? AND r.email_invalid = 1
    GROUP BY c.verdict`)
  const reasonCounts = db.prepare<[number], { reason: string; rows: number }>(`
    SELECT c.reason AS reason, count(*) AS rows
    FROM import_rows r JOIN causes c ON c.id = r.invalid_cause_id
    WHERE r.import_id = ? AND r.email_invalid = 1
    GROUP BY c.reason ORDER BY rows DESC, reason LIMIT 8`)

  return {
    listImports(): ImportSummary[] {
      return listImports.all().map(toImportSummary)
    },
    overview(): Overview {
      const [latestRow, previousRow] = latestTwo.all()
      if (!latestRow) return { latest: null, previous: null, byVerdict: [], byReason: [] }
      const counts = new Map(verdictCounts.all(latestRow.id).map((row) => [row.verdict, row.rows]))
      return {
        latest: toImportSummary(latestRow),
        previous: previousRow ? toImportSummary(previousRow) : null,
        byVerdict: VERDICTS.map((verdict) => ({ verdict, rows: counts.get(verdict) ?? 0 })),
        byReason: reasonCounts
          .all(latestRow.id)
          .filter((row): row is { reason: Reason; rows: number } => isReason(row.reason)),
      }
    },
  }
}

export type Queries = ReturnType<typeof createQueries>
