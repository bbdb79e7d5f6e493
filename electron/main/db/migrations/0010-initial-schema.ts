import type { Migration } from './migration'

/**
 * Imports are snapshots; a lead is identified across snapshots; each distinct cause text is
 * stored and classified once, and rows point at it. Rows are keyed by (import, line) so a
 * snapshot can be read back in file order and deleted as a unit.
 */
export const initialSchema: Migration = {
  version: 10,
  name: 'initial-schema',
  up(db) {
    db.exec(`
      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL UNIQUE,
        file_size INTEGER NOT NULL,
        list_name TEXT,
        snapshot_date TEXT NOT NULL,
        snapshot_date_source TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        row_count INTEGER NOT NULL DEFAULT 0,
        invalid_count INTEGER NOT NULL DEFAULT 0,
        suspended_count INTEGER NOT NULL DEFAULT 0,
        skipped_count INTEGER NOT NULL DEFAULT 0,
        report_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX imports_by_snapshot ON imports(snapshot_date, id);

      CREATE TABLE leads (
        id INTEGER PRIMARY KEY,
        identity TEXT NOT NULL UNIQUE,
        marketo_id TEXT,
        email TEXT NOT NULL,
        domain TEXT NOT NULL
      ) STRICT;
      CREATE INDEX leads_by_domain ON leads(domain);

      CREATE TABLE causes (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL UNIQUE,
        classifier_version TEXT NOT NULL,
        reply_code INTEGER,
        status TEXT,
        severity TEXT NOT NULL,
        reason TEXT NOT NULL,
        hard_bounce INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        provider TEXT,
        rule TEXT NOT NULL
      ) STRICT;

      CREATE TABLE import_rows (
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        lead_id INTEGER NOT NULL REFERENCES leads(id),
        email TEXT NOT NULL,
        email_invalid INTEGER NOT NULL,
        invalid_cause_id INTEGER REFERENCES causes(id),
        email_suspended INTEGER NOT NULL,
        suspended_cause_id INTEGER REFERENCES causes(id),
        suspended_at TEXT,
        PRIMARY KEY (import_id, line)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX import_rows_by_lead ON import_rows(lead_id, import_id);
      CREATE INDEX import_rows_by_invalid_cause ON import_rows(invalid_cause_id);
    `)
  },
}
