import type { Migration } from './migration'

/**
 * Which set of per-import tallies a snapshot was counted with. When the app learns a new tally
 * (cross-tabulated facets, stored newly-invalid and recovered counts), snapshots counted before
 * are recounted once on open instead of being read from spans on every first query.
 */
export const talliesVersion: Migration = {
  version: 50,
  name: 'tallies-version',
  up(db) {
    db.exec('ALTER TABLE imports ADD COLUMN tallies_version INTEGER NOT NULL DEFAULT 0')
  },
}
