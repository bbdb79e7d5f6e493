import { REASONS, VERDICTS, type Reason } from '../../shared/classify/types'
import type { ImportReportView, ImportSummary, Overview } from '../../shared/ipc'
import { createHistoryQueries } from './history-queries'
import { IMPORT_COLUMNS, IMPORTS_WITH_LISTS, toImportSummary } from './import-store'
import type { Db } from './open'
import { createOverviewQueries } from './overview-queries'

type ImportRow = Parameters<typeof toImportSummary>[0]

const isReason = (value: string): value is Reason => (REASONS as readonly string[]).includes(value)

/** Read-only questions the views ask; only this module and the stores contain SQL. */
export function createQueries(db: Db) {
  const listImports = db.prepare<[], ImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM ${IMPORTS_WITH_LISTS} ORDER BY i.snapshot_date DESC, i.id DESC`,
  )
  const latest = db.prepare<[], ImportRow & { list_id: number; seq: number }>(
    `SELECT ${IMPORT_COLUMNS}, i.list_id, i.seq FROM ${IMPORTS_WITH_LISTS} ORDER BY i.snapshot_date DESC, i.id DESC LIMIT 1`,
  )
  // The overview compares with the previous snapshot of the same list: another list's snapshot
  // has other leads, so its figures are no baseline.
  const previousInList = db.prepare<[number, number], ImportRow & { list_id: number; seq: number }>(
    `SELECT ${IMPORT_COLUMNS}, i.list_id, i.seq FROM ${IMPORTS_WITH_LISTS} WHERE i.list_id = ? AND i.seq = ?`,
  )
  const history = createHistoryQueries(db)
  const overviewExtras = createOverviewQueries(db, history)
  const countsOf = db.prepare<[number, string], { key: string; rows: number }>(
    'SELECT key, rows FROM import_counts WHERE import_id = ? AND dimension = ? ORDER BY rows DESC, key',
  )

  const reportOf = db.prepare<[number], ImportRow & { report_json: string }>(
    `SELECT ${IMPORT_COLUMNS}, i.report_json FROM ${IMPORTS_WITH_LISTS} WHERE i.id = ?`,
  )

  return {
    importReport(importId: number): ImportReportView | null {
      const row = reportOf.get(importId)
      if (!row) return null
      const stored = JSON.parse(row.report_json) as Partial<Omit<ImportReportView, 'import'>>
      return {
        import: toImportSummary(row),
        encoding: stored.encoding ?? 'utf-8',
        delimiter: stored.delimiter ?? ',',
        columns: stored.columns ?? 'header',
        unknownColumns: stored.unknownColumns ?? [],
        repeatedColumns: stored.repeatedColumns ?? [],
        blankRows: stored.blankRows ?? 0,
        duplicateEmails: stored.duplicateEmails ?? 0,
        dateOrder: stored.dateOrder ?? null,
        skippedRows: stored.skippedRows ?? [],
        unreadableDates: stored.unreadableDates ?? [],
      }
    },
    listImports(): ImportSummary[] {
      return listImports.all().map(toImportSummary)
    },
    history,
    overview(): Overview {
      const latestRow = latest.get()
      if (!latestRow) {
        return {
          latest: null,
          previous: null,
          byVerdict: [],
          byReason: [],
          comparison: null,
          verdicts: [],
          reasonGroups: [],
          topDomains: [],
          topProviders: [],
          actionItems: [],
        }
      }
      const previousRow = previousInList.get(latestRow.list_id, latestRow.seq - 1)
      const verdicts = new Map(countsOf.all(latestRow.id, 'verdict').map((row) => [row.key, row.rows]))
      const latestSummary = toImportSummary(latestRow)
      const previousSummary = previousRow ? toImportSummary(previousRow) : null
      return {
        latest: latestSummary,
        previous: previousSummary,
        ...overviewExtras.extend(
          { summary: latestSummary, listId: latestRow.list_id, seq: latestRow.seq },
          previousRow && previousSummary
            ? { summary: previousSummary, listId: previousRow.list_id, seq: previousRow.seq }
            : null,
        ),
        byVerdict: VERDICTS.map((verdict) => ({ verdict, rows: verdicts.get(verdict) ?? 0 })),
        byReason: countsOf
          .all(latestRow.id, 'reason')
          .flatMap((row) => (isReason(row.key) ? [{ reason: row.key, rows: row.rows }] : []))
          .slice(0, 8),
      }
    },
  }
}

export type Queries = ReturnType<typeof createQueries>
