import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../electron/main/db/migrate'
import { MIGRATIONS } from '../../../../../electron/main/db/migrations'
import { configureConnection } from '../../../../../electron/main/db/open'

describe('migration 0090: address hygiene', () => {
  it('starts existing databases at "never computed", and its triggers follow the leads', () => {
    const db = new Database(':memory:')
    configureConnection(db)
    migrate(db, MIGRATIONS, 81)
    db.exec(`INSERT INTO leads (id, identity, email, domain) VALUES (1, 'id:1', 'a@gmial.com', 'gmial.com'),
      (2, 'id:2', 'b@acme.com', 'acme.com'), (3, 'id:3', 'c@acme.com', 'acme.com')`)
    migrate(db, MIGRATIONS, 90)
    expect(db.prepare('SELECT version, checked_through FROM hygiene_state').get()).toEqual({
      version: 0,
      checked_through: 0,
    })
    db.exec(`UPDATE hygiene_state SET version = 1, checked_through = 3;
      INSERT INTO lead_hygiene (lead_id, flags, suggestion) VALUES (1, 1, 'a@gmail.com'), (3, 2, NULL)`)
    // A new address: the old finding goes, the lead is queued to be checked again.
    db.exec(`UPDATE leads SET email = 'a@gmail.com', domain = 'gmail.com' WHERE id = 1`)
    expect(db.prepare('SELECT lead_id FROM lead_hygiene').all()).toEqual([{ lead_id: 3 }])
    expect(db.prepare('SELECT lead_id FROM hygiene_recheck').all()).toEqual([{ lead_id: 1 }])
    // The same address written again is no change.
    db.exec(`UPDATE leads SET email = 'b@acme.com' WHERE id = 2`)
    expect(db.prepare('SELECT lead_id FROM hygiene_recheck').all()).toEqual([{ lead_id: 1 }])
    // Deleting the newest lead lowers the mark, so its id, given out again, is checked.
    db.exec('DELETE FROM leads WHERE id = 3')
    expect(db.prepare('SELECT checked_through FROM hygiene_state').get()).toEqual({ checked_through: 2 })
    expect(db.prepare('SELECT count(*) AS n FROM lead_hygiene').get()).toEqual({ n: 0 })
    expect(() => db.exec('INSERT INTO lead_hygiene (lead_id, flags) VALUES (2, 0)')).toThrow(/CHECK/)
  })
})
