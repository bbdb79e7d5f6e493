import type { Migration } from './migration'

/** Column mappings a user chose for an export whose header the app could not read by itself. */
export const headerMappings: Migration = {
  version: 20,
  name: 'header-mappings',
  up(db) {
    db.exec(`
      CREATE TABLE header_mappings (
        signature TEXT PRIMARY KEY,
        mapping_json TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `)
  },
}
