import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { importFile } from '../../../electron/main/import/import-file'
import { backfillHygiene, updateHygiene } from '../../../electron/main/hygiene/lead-hygiene'
import { useTempDir } from '../../helpers/temp-dir'

/**
 * An import's hygiene pass takes the domains and the odd addresses from what the import saw
 * (AddressCollector), and role names from range seeks on the address index; a pass without an
 * import reads the table. Both must store the same findings, whichever way each part is found.
 */

const tempDir = useTempDir()
const NOW = new Date('2026-12-12T12:00:00Z')
const HEADER = 'Id,Email Address,Email Invalid,Email Invalid Cause,Email Suspended'

/** Addresses at the edges of the role seeks and the dot checks, among ordinary ones. */
const EDGES = [
  'info@acme.example', // role
  'INFO@beta.example', // role once lower-cased by the import
  'infoa@acme.example', // not a role: sorts inside the seek's neighbourhood
  'info.desk@acme.example', // not a role
  'info+eu@acme.example', // role with a +tag
  'info+@acme.example', // role with an empty tag
  'info,x@acme.example', // not a role: ',' ends the +tag range
  'noreply@mail.acme.co.uk', // role at a subdomain
  '.lead@acme.example', // misplaced dot, first
  'lead.@acme.example', // misplaced dot, last
  'jo..ann@acme.example', // two dots
  'info..x@acme.example', // malformed outweighs role
  'sales.@gmial.com', // malformed outweighs typo and role
  'support@outlok.com', // typo and role
  'tmp@mailinator.com', // throwaway
  'ip@192.168.10.20', // not registrable
  'li@mail.acme.co.uk', // registrable domain of another name, no finding
]

function writeExport(path: string, rows: readonly (readonly [number, string])[]): void {
  const lines = rows.map(([id, email]) => `${id},${email},false,,false`)
  writeFileSync(path, `${[HEADER, ...lines].join('\r\n')}\r\n`)
}

/** Week one: the edges plus 62 ordinary leads (30 at gmail.com: a frequent domain, a candidate itself). */
function weekOne(): [number, string][] {
  const rows: [number, string][] = EDGES.map((email, i) => [100 + i, email])
  for (let i = 0; i < 60; i++) rows.push([200 + i, `p${i}@${i % 2 === 0 ? 'gmail.com' : 'acme.example'}`])
  rows.push([260, 'p60@gmial.com'], [261, 'p61@gmial.com'])
  return rows
}

/** Week two: one lead readdressed to a role at a new domain, one to a misplaced dot, new leads. */
function weekTwo(): [number, string][] {
  const rows = weekOne().map(([id, email]): [number, string] => {
    if (id === 200) return [id, 'admin@guerrillamail.com']
    if (id === 201) return [id, 'p1.@acme.example']
    return [id, email]
  })
  rows.push([300, 'ella@gmail.con'], [301, 'webmaster@newco.example'], [302, 'x..y@newco.example'])
  return rows
}

/** Another list: many new leads over a few domains, some new to the database. */
function otherList(): [number, string][] {
  const rows: [number, string][] = []
  for (let i = 0; i < 40; i++)
    rows.push([900 + i, `q${i}@${['gmail.com', 'hotmal.com', 'sub.acme.co.uk', 'acme.example'][i % 4]}`])
  rows.push([990, 'sales@hotmal.com'], [991, '.q@sub.acme.co.uk'])
  return rows
}

type Snapshot = { leads: unknown[]; domains: unknown[] }

function snapshot(db: Db): Snapshot {
  return {
    leads: db
      .prepare(
        `SELECT l.email, h.flags, h.suggestion FROM lead_hygiene AS h JOIN leads AS l ON l.id = h.lead_id ORDER BY l.email`,
      )
      .all(),
    domains: db
      .prepare('SELECT domain, registrable_domain, flags, suggested_domain FROM hygiene_domains ORDER BY domain')
      .all(),
  }
}

describe('address hygiene: what the import saw and what the table holds give the same findings', () => {
  it('through a first import, a weekly snapshot with readdressed leads, and another list', async () => {
    const dir = tempDir()
    const files = {
      one: join(dir, 'weekly-2026-12-04.csv'),
      two: join(dir, 'weekly-2026-12-11.csv'),
      other: join(dir, 'partners-2026-12-11.csv'),
    }
    writeExport(files.one, weekOne())
    writeExport(files.two, weekTwo())
    writeExport(files.other, otherList())
    const ref = (path: string) => ({ path, name: path.slice(dir.length + 1) })

    // The import's own view at every step.
    const seen = openDatabase(join(dir, 'seen.db'))
    // The table's: imported without the step, then one pass (the one-time pass, then later passes).
    const table = openDatabase(join(dir, 'table.db'))

    await importFile(seen, ref(files.one), { now: NOW })
    await importFile(table, ref(files.one), { now: NOW, afterLeadImport: [] })
    table.exec('UPDATE hygiene_state SET version = 0, checked_through = 0')
    backfillHygiene(table)
    const first = snapshot(seen)
    expect(snapshot(table)).toEqual(first)
    const flagsOf = (email: string) =>
      (first.leads as { email: string; flags: number }[]).find((row) => row.email === email)?.flags ?? 0
    // Bits: 1 typo, 2 role, 4 throwaway, 8 malformed.
    expect(
      Object.fromEntries(
        [
          'info@acme.example',
          'info@beta.example',
          'info+eu@acme.example',
          'info+@acme.example',
          'noreply@mail.acme.co.uk',
        ].map((e) => [e, flagsOf(e)]),
      ),
    ).toEqual({
      'info@acme.example': 2,
      'info@beta.example': 2,
      'info+eu@acme.example': 2,
      'info+@acme.example': 2,
      'noreply@mail.acme.co.uk': 2,
    })
    for (const email of ['infoa@acme.example', 'info.desk@acme.example', 'info,x@acme.example', 'li@mail.acme.co.uk'])
      expect(flagsOf(email), email).toBe(0)
    for (const email of [
      '.lead@acme.example',
      'lead.@acme.example',
      'jo..ann@acme.example',
      'info..x@acme.example',
      'sales.@gmial.com',
    ])
      expect(flagsOf(email), email).toBe(8)
    expect(flagsOf('support@outlok.com')).toBe(3)
    expect(flagsOf('tmp@mailinator.com')).toBe(4)
    expect(flagsOf('ip@192.168.10.20')).toBe(8)
    expect(flagsOf('p60@gmial.com')).toBe(1)
    // Only domains with something to say have a row: a typo, a throwaway, a subdomain.
    expect((first.domains as { domain: string }[]).map((row) => row.domain)).toEqual([
      '192.168.10.20',
      'gmial.com',
      'mail.acme.co.uk',
      'mailinator.com',
      'outlok.com',
    ])

    await importFile(seen, ref(files.two), { now: NOW })
    await importFile(table, ref(files.two), { now: NOW, afterLeadImport: [] })
    table.transaction(() => updateHygiene(table))()
    const second = snapshot(seen)
    expect(snapshot(table)).toEqual(second)
    const flagsThen = (email: string) =>
      (second.leads as { email: string; flags: number }[]).find((row) => row.email === email)?.flags ?? 0
    expect(flagsThen('admin@guerrillamail.com')).toBe(6)
    expect(flagsThen('p1.@acme.example')).toBe(8)
    expect(flagsThen('ella@gmail.con')).toBe(1)
    expect(flagsThen('webmaster@newco.example')).toBe(2)
    expect(flagsThen('x..y@newco.example')).toBe(8)

    await importFile(seen, ref(files.other), { now: NOW })
    await importFile(table, ref(files.other), { now: NOW, afterLeadImport: [] })
    table.transaction(() => updateHygiene(table))()
    const third = snapshot(seen)
    expect(snapshot(table)).toEqual(third)
    const flagsLast = (email: string) =>
      (third.leads as { email: string; flags: number }[]).find((row) => row.email === email)?.flags ?? 0
    expect(flagsLast('q1@hotmal.com')).toBe(1)
    expect(flagsLast('sales@hotmal.com')).toBe(3)
    expect(flagsLast('.q@sub.acme.co.uk')).toBe(8)
    expect((third.domains as { domain: string }[]).map((row) => row.domain)).toContain('sub.acme.co.uk')
    seen.close()
    table.close()
  })

  it('does not trust an import’s view when leads above the mark came from an import without the step', async () => {
    const dir = tempDir()
    const one = join(dir, 'weekly-2026-12-04.csv')
    const other = join(dir, 'partners-2026-12-11.csv')
    writeExport(one, weekOne())
    writeExport(other, otherList())
    const db = openDatabase(join(dir, 'app.db'))
    await importFile(db, { path: one, name: 'weekly-2026-12-04.csv' }, { now: NOW, afterLeadImport: [] })
    await importFile(db, { path: other, name: 'partners-2026-12-11.csv' }, { now: NOW })
    const emails = (snapshot(db).leads as { email: string }[]).map((row) => row.email)
    // Week one's leads were never seen by a hygiene step, yet they have their findings.
    expect(emails).toContain('info@acme.example')
    expect(emails).toContain('jo..ann@acme.example')
    expect(emails).toContain('sales@hotmal.com')
    db.close()
  })
})
