import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../../../electron/main/db/migrations'
import { configureConnection } from '../../../../../electron/main/db/open'

describe('migration 0080: activity events', () => {
  it('adds the activity tables beside existing snapshots, and keys events by their GUID', () => {
    const db = new Database(':memory:')
    configureConnection(db)
    migrate(db, MIGRATIONS, 60)
    db.exec(`INSERT INTO lists (id, name) VALUES (1, 'Deliverability')`)
    migrate(db, MIGRATIONS, 80)
    expect(db.prepare('SELECT name FROM lists').all()).toEqual([{ name: 'Deliverability' }])
    db.exec(`
      INSERT INTO activity_files (id, file_name, file_sha256, file_size, imported_at, events, new_events, report_json)
      VALUES (1, 'a.csv', 'sha', 1, '2026-01-01T00:00:00Z', 1, 1, '{}');
      INSERT INTO activity_leads (id) VALUES (42);
      INSERT INTO activity_events (id, lead_id, at, type, file_id) VALUES (1001, 42, 0, 8, 1);
    `)
    const again = db.prepare(
      'INSERT OR IGNORE INTO activity_events (id, lead_id, at, type, file_id) VALUES (1001, 42, 5, 8, 1)',
    )
    expect(again.run().changes).toBe(0)
    // A lead's timeline and the bounce scans read indexes, not the table.
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n')
    expect(plan('SELECT at, type FROM activity_events WHERE lead_id = 42 ORDER BY at')).toMatch(
      /COVERING INDEX activity_by_lead/,
    )
    expect(plan('SELECT lead_id FROM activity_events WHERE type IN (8, 27) AND at >= 0 AND at < 100')).toMatch(
      /COVERING INDEX activity_bounces \(at>\? AND at<\?\)/,
    )
  })
})
