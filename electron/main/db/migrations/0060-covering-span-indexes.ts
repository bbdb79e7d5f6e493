import type { Migration } from './migration'

/**
 * The indexes by first and last snapshot carry the span's flags (and cause), so a diff of two
 * snapshots far apart and the per-snapshot change counts read them alone instead of looking up
 * each of tens of thousands of spans in its table (measured: 0.36 s → a fraction of that for a
 * diff across a year of weekly snapshots of 200,000 rows).
 */
export const coveringSpanIndexes: Migration = {
  version: 60,
  name: 'covering-span-indexes',
  up(db) {
    db.exec(`
      DROP INDEX open_spans_by_from;
      DROP INDEX closed_spans_by_from;
      DROP INDEX closed_spans_by_to;
      CREATE INDEX open_spans_by_from
        ON open_spans(list_id, from_seq, email_invalid, email_suspended, invalid_cause_id);
      CREATE INDEX closed_spans_by_from
        ON closed_spans(list_id, from_seq, to_seq, lead_id, email_invalid, email_suspended, invalid_cause_id);
      CREATE INDEX closed_spans_by_to
        ON closed_spans(list_id, to_seq, from_seq, lead_id, email_invalid, email_suspended, invalid_cause_id);
    `)
  },
}
