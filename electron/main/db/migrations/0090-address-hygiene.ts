import type { Migration } from './migration'

/**
 * Address hygiene findings (issue 17), stored so that an import pays only for what is new:
 *
 * - `hygiene_domains`: one row per distinct lead domain, worked out once — its registrable domain
 *   (Public Suffix List), and the domain-level flags (typo with the domain it probably meant,
 *   disposable, malformed). Bits: 1 typo, 4 disposable, 8 malformed.
 * - `lead_hygiene`: only the leads with at least one finding (a few in a hundred): their flags
 *   (bits as above, plus 2 role) and, for a typo, the whole suggested address.
 * - `hygiene_state`: the findings' version and the highest lead id already checked. Lead ids only
 *   grow, so an import checks the leads above it; the triggers below queue a lead whose address
 *   changed and keep the mark from pointing past a deleted lead whose id could be given out again.
 *
 * Version 0 means "never computed": databases from before this migration get their findings once,
 * in the import worker behind the maintenance notice (main/hygiene/lead-hygiene.ts).
 */
export const addressHygiene: Migration = {
  version: 90,
  name: 'address-hygiene',
  up(db) {
    db.exec(`
      CREATE TABLE hygiene_domains (
        domain TEXT PRIMARY KEY,
        registrable_domain TEXT,
        flags INTEGER NOT NULL,
        suggested_domain TEXT
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE lead_hygiene (
        lead_id INTEGER PRIMARY KEY,
        flags INTEGER NOT NULL CHECK (flags > 0),
        suggestion TEXT
      ) STRICT;

      CREATE TABLE hygiene_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL,
        checked_through INTEGER NOT NULL
      ) STRICT;
      INSERT INTO hygiene_state (id, version, checked_through) VALUES (1, 0, 0);

      CREATE TABLE hygiene_recheck (
        lead_id INTEGER PRIMARY KEY
      ) STRICT;

      CREATE TRIGGER leads_hygiene_on_new_email AFTER UPDATE OF email ON leads
      WHEN new.email IS NOT old.email
      BEGIN
        DELETE FROM lead_hygiene WHERE lead_id = old.id;
        INSERT OR IGNORE INTO hygiene_recheck (lead_id) VALUES (new.id);
      END;

      CREATE TRIGGER leads_hygiene_on_delete AFTER DELETE ON leads
      BEGIN
        DELETE FROM lead_hygiene WHERE lead_id = old.id;
        DELETE FROM hygiene_recheck WHERE lead_id = old.id;
        UPDATE hygiene_state SET checked_through = (SELECT coalesce(max(id), 0) FROM leads)
        WHERE checked_through > (SELECT coalesce(max(id), 0) FROM leads);
      END;
    `)
  },
}
