import type { Migration } from './migration'

/** The activity history's own settings (the bounce-rate thresholds), one value per key. */
export const activitySettings: Migration = {
  version: 81,
  name: 'activity-settings',
  up(db) {
    db.exec(`
      CREATE TABLE activity_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `)
  },
}
