import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../../../electron/main/db/migrations'
import { configureConnection } from '../../../../../electron/main/db/open'

describe('migration 0081: activity settings', () => {
  it('adds a key-value table beside the activity events, which keep their rows', () => {
    const db = new Database(':memory:')
    configureConnection(db)
    migrate(db, MIGRATIONS, 80)
    db.exec(`INSERT INTO activity_leads (id) VALUES (7)`)
    migrate(db, MIGRATIONS, 81)
    expect(db.prepare('SELECT id FROM activity_leads').all()).toEqual([{ id: 7 }])
    db.exec(`INSERT INTO activity_settings (key, value) VALUES ('k', '1')`)
    expect(() => db.exec(`INSERT INTO activity_settings (key, value) VALUES ('k', '2')`)).toThrow(/UNIQUE/)
  })
})
