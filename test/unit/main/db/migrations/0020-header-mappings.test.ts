import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../../../electron/main/db/migrations'
import { configureConnection } from '../../../../../electron/main/db/open'

describe('migration 0020: header mappings', () => {
  it('adds the table and keeps the data written at version 10', () => {
    const db = new Database(':memory:')
    configureConnection(db)
    migrate(db, MIGRATIONS, 10)
    db.prepare("INSERT INTO lists (name) VALUES ('Deliverability')").run()
    migrate(db, MIGRATIONS, 20)
    expect(db.prepare('SELECT name FROM lists').all()).toEqual([{ name: 'Deliverability' }])
    db.prepare(
      "INSERT INTO header_mappings (signature, mapping_json, saved_at) VALUES ('a\u001fb', '{\"email\":1}', 'now')",
    ).run()
    expect(() =>
      db
        .prepare("INSERT INTO header_mappings (signature, mapping_json, saved_at) VALUES ('a\u001fb', '{}', 'now')")
        .run(),
    ).toThrow(/UNIQUE|PRIMARY KEY/)
  })
})
