import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../../../electron/main/db/migrations'
import { configureConnection } from '../../../../../electron/main/db/open'

describe('migration 0050: tallies version', () => {
  it('marks snapshots imported at version 30 as counted by no known set of tallies', () => {
    const db = new Database(':memory:')
    configureConnection(db)
    migrate(db, MIGRATIONS, 30)
    db.exec(`
      INSERT INTO lists (id, name) VALUES (1, 'Deliverability');
      INSERT INTO imports (id, list_id, seq, file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at)
      VALUES (1, 1, 1, 'a.csv', 'sha', 10, '2026-11-06', 'file-name', '2026-11-06T10:00:00Z');
    `)
    migrate(db, MIGRATIONS, 50)
    expect(db.prepare('SELECT id, tallies_version FROM imports').all()).toEqual([{ id: 1, tallies_version: 0 }])
  })
})
