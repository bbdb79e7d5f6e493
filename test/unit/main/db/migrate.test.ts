import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, NewerDatabaseError, schemaVersion } from '../../../../electron/main/db/migrate'
import type { Migration } from '../../../../electron/main/db/migrations/migration'

const createTable = (version: number, table: string): Migration => ({
  version,
  name: `create-${table}`,
  up: (db) => db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY) STRICT`),
})

const tables = (db: Database.Database): string[] =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name)

describe('migrate', () => {
  it('applies pending migrations in order and records the version', () => {
    const db = new Database(':memory:')
    expect(migrate(db, [createTable(10, 'a'), createTable(20, 'b')])).toBe(20)
    expect(schemaVersion(db)).toBe(20)
    expect(tables(db)).toEqual(['a', 'b'])
  })

  it('only runs what is pending', () => {
    const db = new Database(':memory:')
    migrate(db, [createTable(10, 'a')])
    expect(migrate(db, [createTable(10, 'a'), createTable(20, 'b')])).toBe(20)
    expect(tables(db)).toEqual(['a', 'b'])
  })

  it('rolls back every pending step when one fails', () => {
    const db = new Database(':memory:')
    const failing: Migration = {
      version: 30,
      name: 'boom',
      up: () => {
        throw new Error('boom')
      },
    }
    expect(() => migrate(db, [createTable(10, 'a'), createTable(20, 'b'), failing])).toThrow('boom')
    expect(schemaVersion(db)).toBe(0)
    expect(tables(db)).toEqual([])
  })

  it('refuses a database written by a newer app', () => {
    const db = new Database(':memory:')
    db.pragma('user_version = 90')
    expect(() => migrate(db, [createTable(10, 'a')])).toThrow(NewerDatabaseError)
    expect(() => migrate(db, [createTable(10, 'a')])).toThrow(/newer version of Bounce Auditor/)
  })

  it('rejects migrations listed out of order', () => {
    const db = new Database(':memory:')
    expect(() => migrate(db, [createTable(20, 'b'), createTable(10, 'a')])).toThrow(/out of order/)
  })

  it('can stop at a target version, so a migration can be tested from the state before it', () => {
    const db = new Database(':memory:')
    expect(migrate(db, [createTable(10, 'a'), createTable(20, 'b')], 10)).toBe(10)
    expect(tables(db)).toEqual(['a'])
  })
})
