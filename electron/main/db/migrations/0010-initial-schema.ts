import type { Migration } from './migration'

/**
 * A weekly export of the whole database repeats almost every row, so rows are not stored per
 * import. A *list* is a series of snapshots (imports of the same smart list); each import has a
 * position `seq` in its list, by snapshot date. A *span* says: this lead was in snapshots
 * from_seq..to_seq of this list, in this state. Spans still running to the newest snapshot live
 * in `open_spans` (one per lead, read through the `spans` view with to_seq = 2^31-1), ended ones
 * in `closed_spans`. An unchanged lead in a new weekly snapshot costs no write at all, and a
 * snapshot with 1 % churn appends about 1 % of rows.
 *
 * Distinct cause texts are stored and classified once. Per-import counts are kept in
 * `import_counts`, so overview and trends never scan spans.
 */
export const initialSchema: Migration = {
  version: 10,
  name: 'initial-schema',
  up(db) {
    db.exec(`
      CREATE TABLE lists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES lists(id),
        seq INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL UNIQUE,
        file_size INTEGER NOT NULL,
        snapshot_date TEXT NOT NULL,
        snapshot_date_source TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        row_count INTEGER NOT NULL DEFAULT 0,
        invalid_count INTEGER NOT NULL DEFAULT 0,
        suspended_count INTEGER NOT NULL DEFAULT 0,
        skipped_count INTEGER NOT NULL DEFAULT 0,
        report_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX imports_by_list_seq ON imports(list_id, seq);
      CREATE INDEX imports_by_snapshot ON imports(snapshot_date, id);

      CREATE TABLE leads (
        id INTEGER PRIMARY KEY,
        identity TEXT NOT NULL UNIQUE,
        marketo_id TEXT,
        email TEXT NOT NULL,
        domain TEXT NOT NULL
      ) STRICT;
      CREATE INDEX leads_by_domain ON leads(domain);
      CREATE INDEX leads_by_email ON leads(email);

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

      -- The span of each lead that runs to the newest snapshot of its list: one row per lead,
      -- updated in place, so a weekly snapshot with few changes writes few rows.
      CREATE TABLE open_spans (
        list_id INTEGER NOT NULL REFERENCES lists(id),
        lead_id INTEGER NOT NULL REFERENCES leads(id),
        from_seq INTEGER NOT NULL,
        email_invalid INTEGER NOT NULL,
        invalid_cause_id INTEGER REFERENCES causes(id),
        email_suspended INTEGER NOT NULL,
        suspended_cause_id INTEGER REFERENCES causes(id),
        suspended_at TEXT,
        PRIMARY KEY (list_id, lead_id)
      ) STRICT, WITHOUT ROWID;

      -- Spans that ended: appended in the order they close, so history grows at the end of the
      -- file instead of splitting pages all over it.
      CREATE TABLE closed_spans (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES lists(id),
        lead_id INTEGER NOT NULL REFERENCES leads(id),
        from_seq INTEGER NOT NULL,
        to_seq INTEGER NOT NULL,
        email_invalid INTEGER NOT NULL,
        invalid_cause_id INTEGER REFERENCES causes(id),
        email_suspended INTEGER NOT NULL,
        suspended_cause_id INTEGER REFERENCES causes(id),
        suspended_at TEXT,
        CHECK (from_seq <= to_seq)
      ) STRICT;
      CREATE INDEX closed_spans_by_lead ON closed_spans(list_id, lead_id, from_seq);

      -- What readers use: snapshot k of a list is every span with from_seq <= k <= to_seq.
      CREATE VIEW spans AS
        SELECT list_id, lead_id, from_seq, 2147483647 AS to_seq, email_invalid, invalid_cause_id,
               email_suspended, suspended_cause_id, suspended_at
        FROM open_spans
        UNION ALL
        SELECT list_id, lead_id, from_seq, to_seq, email_invalid, invalid_cause_id,
               email_suspended, suspended_cause_id, suspended_at
        FROM closed_spans;

      CREATE TABLE import_counts (
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        dimension TEXT NOT NULL,
        key TEXT NOT NULL,
        rows INTEGER NOT NULL,
        PRIMARY KEY (import_id, dimension, key)
      ) STRICT, WITHOUT ROWID;
    `)
  },
}
