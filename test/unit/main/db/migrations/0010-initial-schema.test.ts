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

describe('migration 0010: initial schema', () => {
  it('creates STRICT tables that reject values of the wrong type', () => {
    const db = freshDb()
    const strict = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'",
      )
      .all()
    expect(strict.map((t) => t.name).sort()).toEqual(['causes', 'import_rows', 'imports', 'leads'])
    expect(strict.every((t) => t.strict === 1)).toBe(true)
    expect(() =>
      db
        .prepare(
          "INSERT INTO imports (file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at) VALUES ('a', 'h', 'big', 'd', 's', 'now')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
  })

  it('enforces foreign keys and cascades an import delete to its rows', () => {
    const db = freshDb()
    expect(() =>
      db
        .prepare(
          'INSERT INTO import_rows (import_id, line, lead_id, email, email_invalid, email_suspended) VALUES (99, 2, 1, ?, 0, 0)',
        )
        .run('a@b.c'),
    ).toThrow(/FOREIGN KEY/)
    db.prepare(
      "INSERT INTO imports (id, file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at) VALUES (1, 'a.csv', 'h', 1, '2026-11-13', 'user', 'now')",
    ).run()
    db.prepare("INSERT INTO leads (id, identity, email, domain) VALUES (1, 'email:a@b.c', 'a@b.c', 'b.c')").run()
    db.prepare(
      'INSERT INTO import_rows (import_id, line, lead_id, email, email_invalid, email_suspended) VALUES (1, 2, 1, ?, 1, 0)',
    ).run('a@b.c')
    db.prepare('DELETE FROM imports WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) AS n FROM import_rows').get()).toEqual({ n: 0 })
  })

  it('refuses the same file hash twice', () => {
    const db = freshDb()
    const insert = db.prepare(
      "INSERT INTO imports (file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at) VALUES (?, 'same', 1, '2026-11-13', 'user', 'now')",
    )
    insert.run('a.csv')
    expect(() => insert.run('b.csv')).toThrow(/UNIQUE/)
  })
})
