import type { Migration } from './migration'

/**
 * The classifier's answer for a cause text can depend on the recipient's mailbox provider
 * (Gmail's own meaning of 4.7.28, for example), so a cause is stored once per (text, provider)
 * instead of once per text. `mailbox_provider` is `providerFromDomain` of the recipient's domain,
 * '' when it names none; `sample_domain` is one recipient domain it was classified with, so a
 * newer classifier can classify it again the same way. Existing causes keep their ids (every span
 * points at them) and become the '' provider's, as they were classified without a domain.
 */
export const causesByProvider: Migration = {
  version: 70,
  name: 'causes-by-provider',
  rebuildsReferencedTable: true,
  up(db) {
    db.exec(`
      CREATE TABLE causes_new (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        mailbox_provider TEXT NOT NULL DEFAULT '',
        sample_domain TEXT,
        classifier_version TEXT NOT NULL,
        reply_code INTEGER,
        status TEXT,
        severity TEXT NOT NULL,
        reason TEXT NOT NULL,
        hard_bounce INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        provider TEXT,
        rule TEXT NOT NULL,
        UNIQUE (text, mailbox_provider)
      ) STRICT;
      INSERT INTO causes_new (id, text, classifier_version, reply_code, status, severity, reason, hard_bounce, verdict, provider, rule)
        SELECT id, text, classifier_version, reply_code, status, severity, reason, hard_bounce, verdict, provider, rule FROM causes;
      DROP TABLE causes;
      ALTER TABLE causes_new RENAME TO causes;
    `)
  },
}
