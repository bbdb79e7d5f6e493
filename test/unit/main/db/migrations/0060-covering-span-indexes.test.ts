import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../../../electron/main/db/migrations'
import { configureConnection } from '../../../../../electron/main/db/open'

const columnsOf = (db: Database.Database, index: string): string[] =>
  (db.prepare(`PRAGMA index_info(${index})`).all() as { name: string }[]).map((row) => row.name)

describe('migration 0060: covering span indexes', () => {
  it('rebuilds the by-first/last-snapshot indexes with the flags, keeping the spans', () => {
    const db = new Database(':memory:')
    configureConnection(db)
    migrate(db, MIGRATIONS, 50)
    db.exec(`
      INSERT INTO lists (id, name) VALUES (1, 'Deliverability');
      INSERT INTO leads (id, identity, email, domain) VALUES (1, 'email:a@x.example', 'a@x.example', 'x.example');
      INSERT INTO open_spans (list_id, lead_id, from_seq, email_invalid, email_suspended) VALUES (1, 1, 2, 1, 0);
      INSERT INTO closed_spans (list_id, lead_id, from_seq, to_seq, email_invalid, email_suspended) VALUES (1, 1, 1, 1, 0, 0);
    `)
    migrate(db, MIGRATIONS, 60)
    expect(columnsOf(db, 'open_spans_by_from')).toEqual([
      'list_id',
      'from_seq',
      'email_invalid',
      'email_suspended',
      'invalid_cause_id',
    ])
    expect(columnsOf(db, 'closed_spans_by_to')).toContain('email_invalid')
    expect(columnsOf(db, 'closed_spans_by_from')).toContain('email_suspended')
    expect(db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 2 })
  })
})
