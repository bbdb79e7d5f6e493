import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../../../electron/main/db/migrations'
import { configureConnection } from '../../../../../electron/main/db/open'

describe('migration 0030: history indexes', () => {
  it('adds the span indexes and keeps the spans written at version 20', () => {
    const db = new Database(':memory:')
    configureConnection(db)
    migrate(db, MIGRATIONS, 20)
    db.exec(`
      INSERT INTO lists (id, name) VALUES (1, 'Deliverability');
      INSERT INTO leads (id, identity, email, domain) VALUES (1, 'email:a@x.example', 'a@x.example', 'x.example');
      INSERT INTO open_spans (list_id, lead_id, from_seq, email_invalid, email_suspended) VALUES (1, 1, 2, 1, 0);
      INSERT INTO closed_spans (list_id, lead_id, from_seq, to_seq, email_invalid, email_suspended) VALUES (1, 1, 1, 1, 0, 0);
    `)
    migrate(db, MIGRATIONS, 30)
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").all() as { name: string }[]
    )
      .map((row) => row.name)
      .filter((name) => !name.startsWith('sqlite_'))
    expect(names).toEqual(
      expect.arrayContaining([
        'closed_spans_by_from',
        'closed_spans_by_to',
        'closed_spans_flagged',
        'open_spans_by_from',
        'open_spans_flagged',
      ]),
    )
    expect(db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 2 })
    // The partial index answers a query on flagged spans of a list.
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT lead_id FROM open_spans WHERE list_id = 1 AND email_invalid = 1')
      .all() as { detail: string }[]
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING (COVERING )?INDEX open_spans_flagged/)
  })
})
