import type { Migration } from './migration'

/**
 * Indexes for the history, trend, diff and explorer queries (issue 5).
 *
 * - `*_flagged`: only the spans of Email Invalid or Email Suspended leads (about a tenth of a
 *   list), keyed by cause, and covering (every state column is in the index): overview,
 *   newly-invalid counts, trends with row filters and explorer pages filtered by a cause read
 *   these alone, without a lookup into the table per span. Partial, so the unflagged majority
 *   costs nothing at import.
 * - `*_by_from` / `closed_spans_by_to`: the spans that start or end between two snapshots,
 *   which is all a diff or a "newly invalid" count has to look at; they also serve the
 *   `from_seq`/`to_seq` range updates of openGap/closeGap.
 */
export const historyIndexes: Migration = {
  version: 30,
  name: 'history-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX open_spans_flagged
        ON open_spans(list_id, invalid_cause_id, from_seq, email_invalid, email_suspended, suspended_cause_id, suspended_at)
        WHERE email_invalid = 1 OR email_suspended = 1;
      CREATE INDEX closed_spans_flagged
        ON closed_spans(list_id, invalid_cause_id, from_seq, to_seq, email_invalid, email_suspended, suspended_cause_id,
          suspended_at, lead_id)
        WHERE email_invalid = 1 OR email_suspended = 1;
      CREATE INDEX open_spans_by_from ON open_spans(list_id, from_seq);
      CREATE INDEX closed_spans_by_from ON closed_spans(list_id, from_seq);
      CREATE INDEX closed_spans_by_to ON closed_spans(list_id, to_seq);
    `)
  },
}
