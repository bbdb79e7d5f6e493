import type { Classification } from '../../shared/classify/types'
import type { ImportSummary, SnapshotDateSource } from '../../shared/ipc'
import type { Db } from './open'

export interface NewImport {
  fileName: string
  sha256: string
  size: number
  listName: string | null
  snapshotDate: string
  snapshotDateSource: SnapshotDateSource
  importedAt: string
}

export interface NewLead {
  identity: string
  marketoId: string | null
  email: string
  domain: string
}

export interface NewRow {
  importId: number
  line: number
  leadId: number
  email: string
  emailInvalid: boolean
  invalidCauseId: number | null
  emailSuspended: boolean
  suspendedCauseId: number | null
  suspendedAt: string | null
}

export interface ImportTotals {
  rows: number
  invalid: number
  suspended: number
  skipped: number
  report: unknown
}

interface ImportRow {
  id: number
  file_name: string
  list_name: string | null
  snapshot_date: string
  snapshot_date_source: SnapshotDateSource
  imported_at: string
  row_count: number
  invalid_count: number
  suspended_count: number
  skipped_count: number
}

export const IMPORT_COLUMNS = `id, file_name, list_name, snapshot_date, snapshot_date_source, imported_at,
  row_count, invalid_count, suspended_count, skipped_count`

export function toImportSummary(row: ImportRow): ImportSummary {
  return {
    id: row.id,
    fileName: row.file_name,
    listName: row.list_name,
    snapshotDate: row.snapshot_date,
    snapshotDateSource: row.snapshot_date_source,
    importedAt: row.imported_at,
    rows: row.row_count,
    invalid: row.invalid_count,
    suspended: row.suspended_count,
    skipped: row.skipped_count,
  }
}

/** The write side of an import; statements are prepared once per connection and reused per row. */
export function createImportStore(db: Db) {
  const findBySha = db.prepare<[string], ImportRow>(`SELECT ${IMPORT_COLUMNS} FROM imports WHERE file_sha256 = ?`)
  const getById = db.prepare<[number], ImportRow>(`SELECT ${IMPORT_COLUMNS} FROM imports WHERE id = ?`)
  const insertImportStmt = db.prepare<NewImport>(`
    INSERT INTO imports (file_name, file_sha256, file_size, list_name, snapshot_date, snapshot_date_source, imported_at)
    VALUES (@fileName, @sha256, @size, @listName, @snapshotDate, @snapshotDateSource, @importedAt)`)
  const finishStmt = db.prepare<{
    id: number
    rows: number
    invalid: number
    suspended: number
    skipped: number
    report: string
  }>(`
    UPDATE imports SET row_count = @rows, invalid_count = @invalid, suspended_count = @suspended,
      skipped_count = @skipped, report_json = @report WHERE id = @id`)
  const upsertLeadStmt = db.prepare<NewLead, { id: number }>(`
    INSERT INTO leads (identity, marketo_id, email, domain) VALUES (@identity, @marketoId, @email, @domain)
    ON CONFLICT (identity) DO UPDATE SET email = excluded.email, domain = excluded.domain,
      marketo_id = coalesce(excluded.marketo_id, leads.marketo_id)
    RETURNING id`)
  const findCause = db.prepare<[string], { id: number }>('SELECT id FROM causes WHERE text = ?')
  const insertCause = db.prepare(`
    INSERT INTO causes (text, classifier_version, reply_code, status, severity, reason, hard_bounce, verdict, provider, rule)
    VALUES (@text, @version, @replyCode, @status, @severity, @reason, @hardBounce, @verdict, @provider, @rule)`)
  const insertRowStmt = db.prepare(`
    INSERT INTO import_rows (import_id, line, lead_id, email, email_invalid, invalid_cause_id, email_suspended, suspended_cause_id, suspended_at)
    VALUES (@importId, @line, @leadId, @email, @emailInvalid, @invalidCauseId, @emailSuspended, @suspendedCauseId, @suspendedAt)`)

  return {
    findImportBySha256(sha256: string): ImportSummary | null {
      const row = findBySha.get(sha256)
      return row ? toImportSummary(row) : null
    },
    getImport(id: number): ImportSummary | null {
      const row = getById.get(id)
      return row ? toImportSummary(row) : null
    },
    insertImport(data: NewImport): number {
      return Number(insertImportStmt.run(data).lastInsertRowid)
    },
    finishImport(id: number, totals: ImportTotals): void {
      finishStmt.run({ id, ...totals, report: JSON.stringify(totals.report) })
    },
    upsertLead(lead: NewLead): number {
      const row = upsertLeadStmt.get(lead)
      if (!row) throw new Error(`lead ${lead.identity} was not stored`)
      return row.id
    },
    /** Stores a distinct cause text with its classification; the same text always gets the same id. */
    upsertCause(text: string, result: Classification, version: string): number {
      const existing = findCause.get(text)
      if (existing) return existing.id
      const info = insertCause.run({
        text,
        version,
        replyCode: result.replyCode,
        status: result.status,
        severity: result.severity,
        reason: result.reason,
        hardBounce: result.hardBounce ? 1 : 0,
        verdict: result.verdict,
        provider: result.provider,
        rule: result.evidence[0]?.rule ?? 'none',
      })
      return Number(info.lastInsertRowid)
    },
    insertRow(row: NewRow): void {
      insertRowStmt.run({
        ...row,
        emailInvalid: row.emailInvalid ? 1 : 0,
        emailSuspended: row.emailSuspended ? 1 : 0,
      })
    },
  }
}

export type ImportStore = ReturnType<typeof createImportStore>
