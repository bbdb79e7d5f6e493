import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { createHygieneQueries } from '../../../electron/main/db/hygiene-store'
import { createImportEditStore } from '../../../electron/main/db/import-edit-store'
import { importFile } from '../../../electron/main/import/import-file'
import {
  backfillHygiene,
  HYGIENE_VERSION,
  hygieneBackfillNeeded,
  updateHygiene,
} from '../../../electron/main/hygiene/lead-hygiene'
import { FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const NOW = new Date('2026-12-12T12:00:00Z')
const week = (day: string) => ({
  path: join(FIXTURES, 'hygiene', `hygiene-week-2026-12-${day}.csv`),
  name: `hygiene-week-2026-12-${day}.csv`,
})

type Row = { email: string; flags: string[]; suggestion: string | null; registrableDomain: string | null }

function stored(db: Db, importId?: number): Row[] {
  return [...createHygieneQueries(db).findings(importId)].map(({ email, flags, suggestion, registrableDomain }) => ({
    email,
    flags,
    suggestion,
    registrableDomain,
  }))
}

const FIRST_WEEK: Row[] = [
  { email: 'anna@gmial.com', flags: ['typo'], suggestion: 'anna@gmail.com', registrableDomain: 'gmial.com' },
  { email: 'bo@hotmal.com', flags: ['typo'], suggestion: 'bo@hotmail.com', registrableDomain: 'hotmal.com' },
  { email: 'info@northwind.example', flags: ['role'], suggestion: null, registrableDomain: 'northwind.example' },
  { email: 'ip@192.168.10.20', flags: ['malformed'], suggestion: null, registrableDomain: null },
  {
    email: 'jo..ann@northwind.example',
    flags: ['malformed'],
    suggestion: null,
    registrableDomain: 'northwind.example',
  },
  { email: 'kenji@yaho.co.jp', flags: ['typo'], suggestion: 'kenji@yahoo.co.jp', registrableDomain: 'yaho.co.jp' },
  { email: 'sales+eu@contoso.example', flags: ['role'], suggestion: null, registrableDomain: 'contoso.example' },
  {
    email: 'support@outlok.com',
    flags: ['typo', 'role'],
    suggestion: 'support@outlook.com',
    registrableDomain: 'outlok.com',
  },
  { email: 'tmp@mailinator.com', flags: ['disposable'], suggestion: null, registrableDomain: 'mailinator.com' },
]

describe('address hygiene stored at import', () => {
  it('stores the findings of the leads an import wrote, in its transaction', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    const first = await importFile(db, week('04'), { now: NOW })
    expect(stored(db, first.id)).toEqual(FIRST_WEEK)
    // The registrable domain of a lead without findings is stored per domain.
    const sub = db.prepare("SELECT registrable_domain FROM hygiene_domains WHERE domain = 'mail.acme.co.uk'").get()
    expect(sub).toEqual({ registrable_domain: 'acme.co.uk' })
    expect(createHygieneQueries(db).counts(first.id)).toEqual({
      leads: 9,
      typo: 4,
      typoInvalid: 2,
      role: 3,
      disposable: 1,
      malformed: 2,
    })
    expect(hygieneBackfillNeeded(db)).toBe(false)
    db.close()
  })

  it('checks a readdressed lead again and adds the next import’s new leads', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    await importFile(db, week('04'), { now: NOW })
    const second = await importFile(db, week('11'), { now: NOW })
    // Anna fixed her address: her typo is gone; the new leads have theirs.
    expect(stored(db, second.id)).toEqual([
      {
        email: 'admin@guerrillamail.com',
        flags: ['role', 'disposable'],
        suggestion: null,
        registrableDomain: 'guerrillamail.com',
      },
      { email: 'bo@hotmal.com', flags: ['typo'], suggestion: 'bo@hotmail.com', registrableDomain: 'hotmal.com' },
      { email: 'ella@gmail.con', flags: ['typo'], suggestion: 'ella@gmail.com', registrableDomain: 'gmail.con' },
    ])
    expect(stored(db).map((row) => row.email)).not.toContain('anna@gmial.com')
    db.close()
  })

  it('computes the same findings once for a database imported without them (the maintenance pass)', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    await importFile(db, week('04'), { now: NOW, afterLeadImport: [] })
    // What a database from before migration 0090 looks like: leads, no findings, version 0.
    db.exec('UPDATE hygiene_state SET version = 0, checked_through = 0')
    expect(stored(db)).toEqual([])
    expect(hygieneBackfillNeeded(db)).toBe(true)
    expect(backfillHygiene(db)).toEqual({ leads: 12, domains: 10 })
    expect(stored(db)).toEqual(FIRST_WEEK)
    expect(db.prepare('SELECT version FROM hygiene_state').get()).toEqual({ version: HYGIENE_VERSION })
    expect(hygieneBackfillNeeded(db)).toBe(false)
    expect(backfillHygiene(db)).toEqual({ leads: 0, domains: 0 })
    db.close()
  })

  it('redoes every finding when the findings are of another version', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    await importFile(db, week('04'), { now: NOW })
    db.exec("UPDATE lead_hygiene SET flags = 4, suggestion = 'stale'")
    expect(hygieneBackfillNeeded(db, HYGIENE_VERSION + 1)).toBe(true)
    backfillHygiene(db, HYGIENE_VERSION + 1)
    expect(stored(db)).toEqual(FIRST_WEEK)
    db.close()
  })

  it('keeps the checked mark below a deleted lead’s id, so a reused id is checked', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    const second = await importFile(db, week('11'), { now: NOW })
    const before = db.prepare('SELECT max(id) AS top FROM leads').get() as { top: number }
    createImportEditStore(db).delete(second.id)
    expect(db.prepare('SELECT checked_through FROM hygiene_state').get()).toEqual({ checked_through: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM lead_hygiene').get()).toEqual({ n: 0 })
    const first = await importFile(db, week('04'), { now: NOW })
    expect(before.top).toBeGreaterThan(0)
    expect(stored(db, first.id)).toEqual(FIRST_WEEK)
    db.close()
  })

  it('does not call a domain a typo once the database sees it often', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    await importFile(db, week('04'), { now: NOW })
    const insert = db.prepare(
      "INSERT INTO leads (identity, marketo_id, email, domain) VALUES (?, NULL, ?, 'hotmal.com')",
    )
    db.transaction(() => {
      for (let i = 0; i < 25; i++) insert.run(`email:p${i}@hotmal.com`, `p${i}@hotmal.com`)
    })()
    db.transaction(() => updateHygiene(db))()
    expect(stored(db).some((row) => row.email === 'bo@hotmal.com')).toBe(false)
    db.close()
  })
})
