import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../../../electron/main/db/migrations'
import { configureConnection } from '../../../../../electron/main/db/open'

function freshDb(): Database.Database {
  const db = new Database(':memory:')
  configureConnection(db)
  migrate(db, MIGRATIONS, 10)
  return db
}

function addImport(db: Database.Database, id: number, sha = `sha-${id}`): void {
  db.prepare("INSERT OR IGNORE INTO lists (id, name) VALUES (1, 'Deliverability')").run()
  db.prepare(
    "INSERT INTO imports (id, list_id, seq, file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at) VALUES (?, 1, ?, 'a.csv', ?, 1, '2026-11-13', 'user', 'now')",
  ).run(id, id, sha)
}

describe('migration 0010: initial schema', () => {
  it('creates STRICT tables that reject values of the wrong type', () => {
    const db = freshDb()
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all()
    expect(tables.map((t) => t.name).sort()).toEqual([
      'causes',
      'closed_spans',
      'import_counts',
      'imports',
      'leads',
      'lists',
      'open_spans',
    ])
    expect(tables.every((t) => t.strict === 1)).toBe(true)
    expect(() =>
      db
        .prepare(
          "INSERT INTO imports (list_id, seq, file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at) VALUES (1, 1, 'a', 'h', 'big', 'd', 's', 'now')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
  })

  it('enforces foreign keys and drops an import’s counts with it', () => {
    const db = freshDb()
    expect(() =>
      db
        .prepare(
          'INSERT INTO open_spans (list_id, lead_id, from_seq, email_invalid, email_suspended) VALUES (9, 9, 1, 0, 0)',
        )
        .run(),
    ).toThrow(/FOREIGN KEY/)
    addImport(db, 1)
    db.prepare("INSERT INTO import_counts (import_id, dimension, key, rows) VALUES (1, 'verdict', 'remove', 3)").run()
    db.prepare('DELETE FROM imports WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) AS n FROM import_counts').get()).toEqual({ n: 0 })
  })

  it('refuses the same file hash twice and spans that end before they start', () => {
    const db = freshDb()
    addImport(db, 1, 'same')
    expect(() => addImport(db, 2, 'same')).toThrow(/UNIQUE/)
    db.prepare("INSERT INTO leads (id, identity, email, domain) VALUES (1, 'email:a@b.c', 'a@b.c', 'b.c')").run()
    expect(() =>
      db
        .prepare(
          'INSERT INTO closed_spans (list_id, lead_id, from_seq, to_seq, email_invalid, email_suspended) VALUES (1, 1, 3, 2, 0, 0)',
        )
        .run(),
    ).toThrow(/CHECK/)
  })
})
