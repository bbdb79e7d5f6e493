import type { Classification } from '../../shared/classify/types'
import type { Statement } from 'better-sqlite3'
import type { Db } from './open'

/** Rows per multi-row INSERT: 64 × 10 values stays far below SQLite's bound-parameter limit. */
const ROWS_PER_INSERT = 64

export interface NewActivityEvent {
  id: number
  leadId: number
  at: number
  type: number
  category: number | null
  subcategory: number | null
  detailId: number | null
  mailingId: number | null
  campaignId: number | null
  fileId: number
}

/** What an import learnt about one lead: its latest address and delivery in the file, if any. */
export interface LeadFacts {
  id: number
  email?: string
  emailAt?: number
  lastDeliveredAt?: number
}

export type DetailClassification = Pick<
  Classification,
  'verdict' | 'reason' | 'severity' | 'category' | 'hardBounce' | 'replyCode' | 'status' | 'provider'
>

export interface ActivityFileRow {
  id: number
  fileName: string
  importedAt: string
  events: number
  newEvents: number
  report: unknown
}

/** The event indexes as migration 0080 creates them; the import may rebuild them (see suspendIndexesIfCheaper). */
export const EVENT_INDEXES = `
  CREATE INDEX activity_bounces ON activity_events(at, lead_id, type, category, detail_id) WHERE type IN (8, 27);
  CREATE INDEX activity_by_lead ON activity_events(lead_id, at, type);
`

/** The write side of the activity tables: statements prepared once per import. */
export function createActivityStore(db: Db) {
  const insertFile = db.prepare<[string, string, number, string]>(
    `INSERT INTO activity_files (file_name, file_sha256, file_size, imported_at, events, new_events, report_json)
     VALUES (?, ?, ?, ?, 0, 0, '{}')`,
  )
  const finishFile = db.prepare<[string, number, number, string, number | null, number]>(
    'UPDATE activity_files SET file_sha256 = ?, events = ?, new_events = ?, report_json = ?, last_at = ? WHERE id = ?',
  )
  const findDetail = db.prepare<[string, string], { id: number }>(
    'SELECT id FROM activity_details WHERE text = ? AND recipient_provider = ?',
  )
  const insertDetail = db.prepare(
    `INSERT INTO activity_details (text, recipient_provider, recipient_domain, classifier_version, verdict, reason, severity, category,
       hard_bounce, reply_code, status, provider)
     VALUES (@text, @recipientProvider, @recipientDomain, @version, @verdict, @reason, @severity, @category, @hardBounce, @replyCode,
       @status, @provider)`,
  )
  const upsertMailing = db.prepare<[number, string]>(
    `INSERT INTO activity_mailings (id, name) VALUES (?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE name <> excluded.name`,
  )
  const findGuid = db.prepare<[string], { id: number }>('SELECT id FROM activity_guids WHERE guid = ?')
  const insertGuid = db.prepare<[string]>('INSERT INTO activity_guids (guid) VALUES (?)')
  const insertEvents = new Map<number, Statement>()
  const eventsStatement = (rows: number): Statement => {
    let statement = insertEvents.get(rows)
    if (!statement) {
      statement = db.prepare(
        `INSERT OR IGNORE INTO activity_events
           (id, lead_id, at, type, category, subcategory, detail_id, mailing_id, campaign_id, file_id)
         VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      )
      insertEvents.set(rows, statement)
    }
    return statement
  }
  const leadsStatements = new Map<number, Statement>()
  const leadsStatement = (rows: number): Statement => {
    let statement = leadsStatements.get(rows)
    if (!statement) {
      // A later address wins (email_at); the latest delivery is the larger of the stored and the new one.
      statement = db.prepare(
        `INSERT INTO activity_leads (id, email, domain, email_at, last_delivered_at)
         VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (id) DO UPDATE SET
           email = CASE WHEN excluded.email_at IS NOT NULL AND (email_at IS NULL OR email_at <= excluded.email_at)
             THEN excluded.email ELSE email END,
           domain = CASE WHEN excluded.email_at IS NOT NULL AND (email_at IS NULL OR email_at <= excluded.email_at)
             THEN excluded.domain ELSE domain END,
           email_at = CASE WHEN excluded.email_at IS NOT NULL AND (email_at IS NULL OR email_at <= excluded.email_at)
             THEN excluded.email_at ELSE email_at END,
           last_delivered_at = CASE WHEN last_delivered_at IS NULL OR excluded.last_delivered_at > last_delivered_at
             THEN excluded.last_delivered_at ELSE last_delivered_at END`,
      )
      leadsStatements.set(rows, statement)
    }
    return statement
  }
  const countLeads = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activity_leads')
  const pending: (number | null)[] = []
  let pendingRows = 0
  let newEvents = 0
  const flushEvents = (): void => {
    if (pendingRows === 0) return
    newEvents += eventsStatement(pendingRows).run(pending).changes
    pending.length = 0
    pendingRows = 0
  }

  return {
    /**
     * Inserting into an index in lead order costs a random page per row; building it once after
     * the rows are in is a sort. When the file brings more events than are stored, the event
     * indexes are dropped for the import and built again before it commits (in the same
     * transaction, so a failure or cancel restores them). Returns whether they were dropped.
     */
    suspendIndexesIfCheaper(expectedEvents: number): boolean {
      const stored = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activity_events').get()?.n ?? 0
      if (stored >= expectedEvents) return false
      db.exec('DROP INDEX activity_by_lead; DROP INDEX activity_bounces;')
      return true
    },
    restoreIndexes(): void {
      db.exec(EVENT_INDEXES)
    },
    insertFile(file: { fileName: string; sha256: string; size: number; importedAt: string }): number {
      return Number(insertFile.run(file.fileName, file.sha256, file.size, file.importedAt).lastInsertRowid)
    },
    /** `lastAt`: the file's latest kept event (unix seconds), null when it had none. */
    finishFile(
      id: number,
      sha256: string,
      events: number,
      newEvents: number,
      report: unknown,
      lastAt: number | null,
    ): void {
      finishFile.run(sha256, events, newEvents, JSON.stringify(report), lastAt, id)
    },
    /**
     * Writes the leads a file named, in id order (B-tree inserts in order touch each page once),
     * ROWS_PER_INSERT to a statement, with the latest address and delivery each file showed.
     * Returns how many leads were new to the activity tables.
     */
    writeLeads(leads: readonly LeadFacts[]): number {
      const before = countLeads.get()?.n ?? 0
      const values: (number | string | null)[] = []
      for (let start = 0; start < leads.length; start += ROWS_PER_INSERT) {
        const slice = leads.slice(start, start + ROWS_PER_INSERT)
        values.length = 0
        for (const lead of slice) {
          const email = lead.email ?? null
          values.push(
            lead.id,
            email,
            email === null ? null : email.slice(email.lastIndexOf('@') + 1),
            lead.emailAt ?? null,
            lead.lastDeliveredAt ?? null,
          )
        }
        leadsStatement(slice.length).run(values)
      }
      return (countLeads.get()?.n ?? 0) - before
    },
    detailId(
      text: string,
      recipientProvider: string,
      recipientDomain: string | null,
      version: string,
      classify: () => DetailClassification,
    ): number {
      const known = findDetail.get(text, recipientProvider)
      if (known) return known.id
      const c = classify()
      return Number(
        insertDetail.run({
          text,
          recipientProvider,
          recipientDomain,
          version,
          verdict: c.verdict,
          reason: c.reason,
          severity: c.severity,
          category: c.category,
          hardBounce: c.hardBounce ? 1 : 0,
          replyCode: c.replyCode,
          status: c.status,
          provider: c.provider,
        }).lastInsertRowid,
      )
    },
    upsertMailing(id: number, name: string): void {
      upsertMailing.run(id, name)
    },
    /** A GUID that is not a number gets a negative id of its own, so it never meets a numeric one. */
    textGuidId(guid: string): number {
      const known = findGuid.get(guid)
      if (known) return -known.id
      return -Number(insertGuid.run(guid).lastInsertRowid)
    },
    /**
     * Queues an event; they are written ROWS_PER_INSERT to a statement (one call into SQLite per
     * 64 rows instead of per row). `INSERT OR IGNORE` on the GUID key drops an event already stored.
     */
    addEvent(event: NewActivityEvent): void {
      pending.push(
        event.id,
        event.leadId,
        event.at,
        event.type,
        event.category,
        event.subcategory,
        event.detailId,
        event.mailingId,
        event.campaignId,
        event.fileId,
      )
      pendingRows += 1
      if (pendingRows === ROWS_PER_INSERT) flushEvents()
    },
    /** Writes what is queued; returns how many events so far were new (not stored before). */
    finishEvents(): number {
      flushEvents()
      return newEvents
    },
  }
}

export type ActivityStore = ReturnType<typeof createActivityStore>

/**
 * After an app update the classifier may read a Details text differently: classify the stored
 * texts again (a few thousand at most, unlike events) so counts and policies follow the new rules.
 * Returns how many were updated.
 */
export function reclassifyActivityDetails(
  db: Db,
  version: string,
  classify: (text: string, domain: string | null) => DetailClassification,
): number {
  const stale = db
    .prepare<[string], { id: number; text: string; recipient_domain: string | null }>(
      'SELECT id, text, recipient_domain FROM activity_details WHERE classifier_version <> ?',
    )
    .all(version)
  if (stale.length === 0) return 0
  const update = db.prepare(
    `UPDATE activity_details SET classifier_version = @version, verdict = @verdict, reason = @reason,
       severity = @severity, category = @category, hard_bounce = @hardBounce, reply_code = @replyCode,
       status = @status, provider = @provider
     WHERE id = @id`,
  )
  db.transaction(() => {
    for (const row of stale) {
      const c = classify(row.text, row.recipient_domain)
      update.run({
        id: row.id,
        version,
        verdict: c.verdict,
        reason: c.reason,
        severity: c.severity,
        category: c.category,
        hardBounce: c.hardBounce ? 1 : 0,
        replyCode: c.replyCode,
        status: c.status,
        provider: c.provider,
      })
    }
  })()
  return stale.length
}

export function listActivityFiles(db: Db): ActivityFileRow[] {
  return db
    .prepare<
      [],
      { id: number; file_name: string; imported_at: string; events: number; new_events: number; report_json: string }
    >('SELECT id, file_name, imported_at, events, new_events, report_json FROM activity_files ORDER BY id')
    .all()
    .map((row) => ({
      id: row.id,
      fileName: row.file_name,
      importedAt: row.imported_at,
      events: row.events,
      newEvents: row.new_events,
      report: JSON.parse(row.report_json) as unknown,
    }))
}
