import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../../../electron/main/db/migrations'
import { configureConnection } from '../../../../../electron/main/db/open'

describe('migration 0091: activity aggregates', () => {
  it('fills each lead’s latest delivery and each file’s latest event from the stored events', () => {
    const db = new Database(':memory:')
    configureConnection(db)
    migrate(db, MIGRATIONS, 90)
    db.exec(`
      INSERT INTO activity_files (id, file_name, file_sha256, file_size, imported_at, events, new_events, report_json)
      VALUES (1, 'a.csv', 'sha', 1, '2026-01-01T00:00:00Z', 4, 4, '{}'),
             (2, 'b.csv', 'sha', 1, '2026-01-02T00:00:00Z', 1, 0, '{}');
      INSERT INTO activity_leads (id) VALUES (41), (42);
      INSERT INTO activity_events (id, lead_id, at, type, file_id) VALUES
        (1, 42, 100, 7, 1), (2, 42, 300, 7, 1), (3, 42, 500, 8, 1), (4, 41, 200, 6, 1);
    `)
    migrate(db, MIGRATIONS, 91)
    expect(db.prepare('SELECT id, last_delivered_at FROM activity_leads ORDER BY id').all()).toEqual([
      { id: 41, last_delivered_at: null },
      { id: 42, last_delivered_at: 300 },
    ])
    // File 2 brought no new event: no latest event of its own, and the maximum over files is unchanged.
    expect(db.prepare('SELECT id, last_at FROM activity_files ORDER BY id').all()).toEqual([
      { id: 1, last_at: 500 },
      { id: 2, last_at: null },
    ])
  })
})
