import type { Classification } from '../../shared/classify/types'
import type { ImportSummary, SnapshotDateSource } from '../../shared/ipc'
import type { ColumnMapping } from '../../shared/lead-fields'
import type { Db } from './open'
import { TALLIES_VERSION } from './snapshot-counts'

export interface NewImport {
  listId: number
  seq: number
  fileName: string
  sha256: string
  size: number
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
  list_name: string
  snapshot_date: string
  snapshot_date_source: SnapshotDateSource
  imported_at: string
  row_count: number
  invalid_count: number
  suspended_count: number
  skipped_count: number
}

/** Select list for `toImportSummary`; the query must join `lists AS l` to `imports AS i`. */
export const IMPORT_COLUMNS = `i.id, i.file_name, l.name AS list_name, i.snapshot_date, i.snapshot_date_source,
  i.imported_at, i.row_count, i.invalid_count, i.suspended_count, i.skipped_count`
export const IMPORTS_WITH_LISTS = 'imports AS i JOIN lists AS l ON l.id = i.list_id'

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

/** A Marketo export row is 100–200 bytes; a rough count is all the index decision needs. */
const BYTES_PER_EXPORT_ROW = 150

/** Must match the migrations that created them. */
const SECONDARY_LEAD_INDEXES = [
  { name: 'leads_by_domain', create: 'CREATE INDEX IF NOT EXISTS leads_by_domain ON leads(domain)' },
  { name: 'leads_by_email', create: 'CREATE INDEX IF NOT EXISTS leads_by_email ON leads(email)' },
] as const

/** A classification as the named parameters of the `causes` columns it fills. */
export function causeColumns(result: Classification, version: string) {
  return {
    version,
    replyCode: result.replyCode,
    status: result.status,
    severity: result.severity,
    reason: result.reason,
    hardBounce: result.hardBounce ? 1 : 0,
    verdict: result.verdict,
    provider: result.provider,
    rule: result.evidence[0]?.rule ?? 'none',
  }
}

/** The write side of an import; statements are prepared once per connection and reused per row. */
export function createImportStore(db: Db) {
  const findBySha = db.prepare<[string], ImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM ${IMPORTS_WITH_LISTS} WHERE i.file_sha256 = ?`,
  )
  const getById = db.prepare<[number], ImportRow>(`SELECT ${IMPORT_COLUMNS} FROM ${IMPORTS_WITH_LISTS} WHERE i.id = ?`)
  const insertImportStmt = db.prepare<NewImport>(`
    INSERT INTO imports (list_id, seq, file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at)
    VALUES (@listId, @seq, @fileName, @sha256, @size, @snapshotDate, @snapshotDateSource, @importedAt)`)
  const upsertList = db.prepare<[string], { id: number }>(
    'INSERT INTO lists (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id',
  )
  const positionFor = db.prepare<[number, string], { seq: number }>(
    'SELECT count(*) + 1 AS seq FROM imports WHERE list_id = ? AND snapshot_date <= ?',
  )
  const findMapping = db.prepare<[string], { mapping_json: string }>(
    'SELECT mapping_json FROM header_mappings WHERE signature = ?',
  )
  const saveMappingStmt = db.prepare(
    `INSERT INTO header_mappings (signature, mapping_json, saved_at) VALUES (?, ?, ?)
     ON CONFLICT (signature) DO UPDATE SET mapping_json = excluded.mapping_json, saved_at = excluded.saved_at`,
  )
  const insertCount = db.prepare('INSERT INTO import_counts (import_id, dimension, key, rows) VALUES (?, ?, ?, ?)')
  const finishStmt = db.prepare<{
    id: number
    rows: number
    invalid: number
    suspended: number
    skipped: number
    report: string
    talliesVersion: number
  }>(`
    UPDATE imports SET row_count = @rows, invalid_count = @invalid, suspended_count = @suspended,
      skipped_count = @skipped, report_json = @report, tallies_version = @talliesVersion WHERE id = @id`)
  // Insert-or-ignore, then look up only on a conflict: most leads of a first import are new, and
  // most leads of a later one are known and unchanged, so neither case pays for the other.
  const insertLead = db.prepare<[string, string | null, string, string]>(
    'INSERT OR IGNORE INTO leads (identity, marketo_id, email, domain) VALUES (?, ?, ?, ?)',
  )
  const findLead = db.prepare<[string], { id: number; email: string }>('SELECT id, email FROM leads WHERE identity = ?')
  const updateLeadEmail = db.prepare('UPDATE leads SET email = ?, domain = ? WHERE id = ?')
  const findCause = db.prepare<[string, string], { id: number }>(
    'SELECT id FROM causes WHERE text = ? AND mailbox_provider = ?',
  )
  const insertCause = db.prepare(`
    INSERT INTO causes (text, mailbox_provider, sample_domain, classifier_version, reply_code, status, severity, reason,
      hard_bounce, verdict, provider, rule)
    VALUES (@text, @mailboxProvider, @sampleDomain, @version, @replyCode, @status, @severity, @reason, @hardBounce,
      @verdict, @provider, @rule)`)

  return {
    /**
     * Inserting a million random addresses into the email and domain indexes one by one is the
     * slowest part of a first import; building each index once at the end sorts instead. Worth
     * it only when the file brings more leads than the database already has, and never for a later
     * snapshot of a list: its rows are mostly leads already stored (a weekly export of a million
     * leads is 150 MB too, and rebuilding both indexes cost it more than the rest of its writes).
     * Runs inside the import's transaction, so a failed import puts the indexes back with
     * everything else.
     */
    suspendLeadIndexesIfCheaper(fileBytes: number, listHasSnapshots: boolean): boolean {
      if (listHasSnapshots) return false
      const leads = (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n
      if (fileBytes / BYTES_PER_EXPORT_ROW < leads) return false
      for (const index of SECONDARY_LEAD_INDEXES) db.exec(`DROP INDEX IF EXISTS ${index.name}`)
      return true
    },
    /**
     * The same for the open spans' secondary indexes when no snapshot has any span yet (the
     * database's first import): each is built once, by sorting, at the end. Returns the
     * statements that build them again (whatever indexes the table has, so a new one is covered).
     */
    suspendSpanIndexesIfEmpty(): string[] {
      if (db.prepare('SELECT 1 FROM open_spans LIMIT 1').get() !== undefined) return []
      if (db.prepare('SELECT 1 FROM closed_spans LIMIT 1').get() !== undefined) return []
      const indexes = db
        .prepare<[], { name: string; sql: string }>(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'open_spans' AND sql IS NOT NULL",
        )
        .all()
      for (const index of indexes) db.exec(`DROP INDEX ${index.name}`)
      return indexes.map((index) => index.sql)
    },
    restoreIndexes(statements: readonly string[]): void {
      for (const sql of statements) db.exec(sql)
    },
    restoreLeadIndexes(): void {
      for (const index of SECONDARY_LEAD_INDEXES) db.exec(index.create)
    },
    findImportBySha256(sha256: string): ImportSummary | null {
      const row = findBySha.get(sha256)
      return row ? toImportSummary(row) : null
    },
    getImport(id: number): ImportSummary | null {
      const row = getById.get(id)
      return row ? toImportSummary(row) : null
    },
    listId(name: string): number {
      const row = upsertList.get(name)
      if (!row) throw new Error(`list ${name} was not stored`)
      return row.id
    },
    /** Where a snapshot of this date goes in its list: after every snapshot of the same day or earlier. */
    positionFor(listId: number, snapshotDate: string): number {
      return positionFor.get(listId, snapshotDate)?.seq ?? 1
    },
    rememberedMapping(signature: string): ColumnMapping | null {
      const row = findMapping.get(signature)
      return row ? (JSON.parse(row.mapping_json) as ColumnMapping) : null
    },
    rememberMapping(signature: string, mapping: ColumnMapping, savedAt: string): void {
      saveMappingStmt.run(signature, JSON.stringify(mapping), savedAt)
    },
    saveCounts(importId: number, counts: ReadonlyMap<string, ReadonlyMap<string, number>>): void {
      for (const [dimension, keys] of counts) {
        for (const [key, rows] of keys) insertCount.run(importId, dimension, key, rows)
      }
    },
    insertImport(data: NewImport): number {
      return Number(insertImportStmt.run(data).lastInsertRowid)
    },
    finishImport(id: number, totals: ImportTotals): void {
      finishStmt.run({ id, ...totals, report: JSON.stringify(totals.report), talliesVersion: TALLIES_VERSION })
    },
    /**
     * The lead's id; a known Marketo Id whose address changed takes the new address. Looks up
     * first when most leads are expected to exist already (a later weekly export), inserts
     * first when most are new (the first one).
     */
    upsertLead(lead: NewLead, probablyKnown: boolean): number {
      const known = probablyKnown ? findLead.get(lead.identity) : undefined
      if (!known) {
        const inserted = insertLead.run(lead.identity, lead.marketoId, lead.email, lead.domain)
        if (inserted.changes === 1) return Number(inserted.lastInsertRowid)
      }
      const row = known ?? findLead.get(lead.identity)
      if (!row) throw new Error(`lead ${lead.identity} was not stored`)
      if (row.email !== lead.email) updateLeadEmail.run(lead.email, lead.domain, row.id)
      return row.id
    },
    hasSnapshots(listId: number): boolean {
      return db.prepare('SELECT 1 FROM imports WHERE list_id = ? LIMIT 1').get(listId) !== undefined
    },
    hasLeads(): boolean {
      return db.prepare('SELECT 1 FROM leads LIMIT 1').get() !== undefined
    },
    /**
     * Stores a distinct cause with its classification: the same text for recipients of the same
     * mailbox provider (`''` for none) always gets the same id. `sampleDomain` is the recipient
     * domain it was classified with, kept so a newer classifier can classify it again alike.
     */
    upsertCause(
      text: string,
      recipient: { mailboxProvider: string; sampleDomain: string | null },
      result: Classification,
      version: string,
    ): number {
      const existing = findCause.get(text, recipient.mailboxProvider)
      if (existing) return existing.id
      const info = insertCause.run({ text, ...recipient, ...causeColumns(result, version) })
      return Number(info.lastInsertRowid)
    },
  }
}

export type ImportStore = ReturnType<typeof createImportStore>
