import type { Db } from './open'
import type { LeadState, SnapshotWriter } from './snapshot-store'

/** One row of a later snapshot, as the import read it. */
export interface IncomingLead extends LeadState {
  identity: string
  marketoId: string | null
  email: string
  domain: string
  line: number
}

/** A row whose lead already appeared earlier in the file: not stored, the caller reports and uncounts it. */
export interface RepeatedLead extends IncomingLead {
  leadId: number
}

/** Rows per multi-row INSERT into the staging table (8 parameters each, far below SQLite's limit). */
const BATCH = 64
const COLUMNS = 8
/**
 * The staged row's columns with those derived again: the identity is `id:<Marketo Id>` or
 * `email:<address>` (import-file.ts), and a normalized address has exactly one `@`.
 */
const INCOMING_ROW = `i.identity, i.email, iif(i.identity GLOB 'id:*', substr(i.identity, 4), NULL) AS marketo_id,
  substr(i.email, instr(i.email, '@') + 1) AS domain, i.email_invalid, i.invalid_cause_id, i.email_suspended,
  i.suspended_cause_id, i.suspended_at, i.line`
/** Changed leads are read back in pages of this many, so a snapshot where everything changed stays small in memory. */
const PAGE = 4096

/**
 * A later weekly snapshot of a list as set operations: its rows go into a temporary table as they
 * are parsed (64 per statement, nothing looked up per row), then a few joins find the leads that
 * are new, whose address changed, whose state differs from their open span, and which are gone.
 * Only those (about 1 % of a weekly export) go through the snapshot writer's per-lead logic; an
 * unchanged lead costs no read from JavaScript and no write.
 *
 * Only for a snapshot that goes after every other of a list that has snapshots already: there the
 * only spans the new one can touch are the open ones. The temporary tables live in SQLite's temp
 * file (deleted by the OS when the process ends, so a killed import leaves nothing there either).
 */
export function createSnapshotMerge(db: Db, listId: number, seq: number) {
  // Leftovers of an import that failed on this connection.
  db.exec('DROP TABLE IF EXISTS temp.incoming; DROP TABLE IF EXISTS temp.incoming_leads')
  // A rowid table written in file order: the append is sequential, the rowid is the row's order.
  // Only what cannot be derived: the Marketo Id is in the identity, the domain in the address.
  db.exec(`CREATE TEMP TABLE incoming (
    identity TEXT NOT NULL, email TEXT NOT NULL, email_invalid INTEGER NOT NULL, invalid_cause_id INTEGER, email_suspended INTEGER NOT NULL,
    suspended_cause_id INTEGER, suspended_at TEXT, line INTEGER NOT NULL)`)
  // One row per lead of the snapshot, keyed like `open_spans`, so the joins below walk both in order.
  db.exec(`CREATE TEMP TABLE incoming_leads (
    lead_id INTEGER PRIMARY KEY, row INTEGER NOT NULL)`)

  const placeholders = `(${Array.from({ length: COLUMNS }, () => '?').join(', ')})`
  const insertBatch = db.prepare(
    `INSERT INTO temp.incoming VALUES ${Array.from({ length: BATCH }, () => placeholders).join(', ')}`,
  )
  const insertOne = db.prepare(`INSERT INTO temp.incoming VALUES ${placeholders}`)
  const moveLead = db.prepare('UPDATE leads SET email = ?, domain = ? WHERE id = ?')
  const pending: (string | number | null)[] = []
  let added = 0

  const flush = (): void => {
    if (pending.length === BATCH * COLUMNS) insertBatch.run(pending)
    else for (let at = 0; at < pending.length; at += COLUMNS) insertOne.run(pending.slice(at, at + COLUMNS))
    pending.length = 0
  }

  const rowOf = (row: Record<string, unknown>): IncomingLead & { leadId: number } => ({
    leadId: row.lead_id as number,
    identity: row.identity as string,
    marketoId: row.marketo_id as string | null,
    email: row.email as string,
    domain: row.domain as string,
    line: row.line as number,
    emailInvalid: row.email_invalid === 1,
    invalidCauseId: row.invalid_cause_id as number | null,
    emailSuspended: row.email_suspended === 1,
    suspendedCauseId: row.suspended_cause_id as number | null,
    suspendedAt: row.suspended_at as string | null,
  })

  return {
    add(lead: IncomingLead): void {
      pending.push(
        lead.identity,
        lead.email,
        lead.emailInvalid ? 1 : 0,
        lead.invalidCauseId,
        lead.emailSuspended ? 1 : 0,
        lead.suspendedCauseId,
        lead.suspendedAt,
        lead.line,
      )
      added += 1
      if (pending.length === BATCH * COLUMNS) flush()
    },

    /**
     * Derives the snapshot's changes and writes them through `writer`; returns the rows whose lead
     * appeared earlier in the file (the first row of a lead wins, as in the per-row path).
     * `checkpoint` runs between the steps, so a cancel does not wait for all of them.
     */
    apply(writer: SnapshotWriter, checkpoint: () => void): RepeatedLead[] {
      flush()
      // Each row's lead in one pass over the identity index: a known lead's id, or the row's own
      // number, negated, as a stand-in for a lead not stored yet. The first row of a lead wins.
      db.exec(`INSERT OR IGNORE INTO temp.incoming_leads (lead_id, row)
        SELECT coalesce(l.id, -i.rowid), i.rowid FROM temp.incoming AS i
        LEFT JOIN leads AS l ON l.identity = i.identity ORDER BY i.rowid`)
      checkpoint()
      // New leads (a few in a weekly export), stored in file order, then put in their stand-ins' place.
      db.exec(`INSERT OR IGNORE INTO leads (identity, marketo_id, email, domain)
        SELECT identity, marketo_id, email, domain FROM (
          SELECT ${INCOMING_ROW} FROM temp.incoming_leads AS d JOIN temp.incoming AS i ON i.rowid = d.row
          WHERE d.lead_id < 0 ORDER BY i.rowid)`)
      db.exec(`INSERT OR IGNORE INTO temp.incoming_leads (lead_id, row)
        SELECT l.id, d.row FROM temp.incoming_leads AS d JOIN temp.incoming AS i ON i.rowid = d.row
        JOIN leads AS l ON l.identity = i.identity WHERE d.lead_id < 0 ORDER BY d.row;
        DELETE FROM temp.incoming_leads WHERE lead_id < 0`)
      checkpoint()
      const distinct = (db.prepare('SELECT count(*) AS n FROM temp.incoming_leads').get() as { n: number }).n
      const repeated: RepeatedLead[] =
        distinct === added
          ? []
          : db
              .prepare<[], Record<string, unknown>>(
                `SELECT l.id AS lead_id, ${INCOMING_ROW} FROM temp.incoming AS i
                 JOIN leads AS l ON l.identity = i.identity
                 JOIN temp.incoming_leads AS d ON d.lead_id = l.id
                 WHERE d.row <> i.rowid ORDER BY i.rowid`,
              )
              .all()
              .map(rowOf)
      // Leads that are new to the list, whose state differs from their open span or whose address
      // changed, a page at a time (the writer changes `open_spans` between pages, behind the last
      // lead read). Both tables are walked in lead order.
      const changed = db.prepare<{ list: number; after: number; page: number }, Record<string, unknown>>(
        `SELECT d.lead_id, ${INCOMING_ROW}, l.email <> i.email AS moved FROM temp.incoming_leads AS d
         JOIN temp.incoming AS i ON i.rowid = d.row
         JOIN leads AS l ON l.id = d.lead_id
         LEFT JOIN open_spans AS o ON o.list_id = @list AND o.lead_id = d.lead_id
         WHERE d.lead_id > @after AND (o.lead_id IS NULL OR l.email <> i.email
           OR o.email_invalid IS NOT i.email_invalid OR o.invalid_cause_id IS NOT i.invalid_cause_id
           OR o.email_suspended IS NOT i.email_suspended OR o.suspended_cause_id IS NOT i.suspended_cause_id
           OR o.suspended_at IS NOT i.suspended_at)
         ORDER BY d.lead_id LIMIT @page`,
      )
      let after = 0
      for (;;) {
        const rows = changed.all({ list: listId, after, page: PAGE })
        const page = rows.map(rowOf)
        page.forEach((lead, index) => {
          // A known lead whose address changed takes the new one (the lead indexes follow).
          if (rows[index]?.moved === 1) moveLead.run(lead.email, lead.domain, lead.leadId)
          writer.add(lead.leadId, lead)
        })
        checkpoint()
        if (page.length < PAGE) break
        after = page.at(-1)?.leadId ?? after
      }
      // Leads of the list missing from this snapshot: their open span closes before it.
      writer.finishWithout(
        db
          .prepare<{ list: number; seq: number }, { lead_id: number }>(
            `SELECT o.lead_id FROM open_spans AS o
             WHERE o.list_id = @list AND o.from_seq < @seq
               AND NOT EXISTS (SELECT 1 FROM temp.incoming_leads AS d WHERE d.lead_id = o.lead_id)`,
          )
          .all({ list: listId, seq })
          .map((row) => row.lead_id),
      )
      return repeated
    },

    /** Frees the staging tables (also after a failure: they belong to the connection, not the transaction). */
    drop(): void {
      db.exec('DROP TABLE IF EXISTS temp.incoming; DROP TABLE IF EXISTS temp.incoming_leads')
    },
  }
}
