import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createExplorerQueries } from '../../../electron/main/db/explorer-queries'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { createQueries } from '../../../electron/main/db/queries'
import { createTrendQueries } from '../../../electron/main/db/trend-queries'
import { importFile } from '../../../electron/main/import/import-file'
import { MIGRATIONS } from '../../../electron/main/db/migrations'
import { useTempDir } from '../../helpers/temp-dir'

/**
 * Registrable-domain grouping (issue 17): trends and Leads count mail.acme.co.uk under acme.co.uk
 * unless asked for domains as written. Real CSV files, imported into a real SQLite file.
 */

const tempDir = useTempDir()
let db: Db | null = null
afterEach(() => db?.close())

const NOW = new Date('2026-12-12T12:00:00Z')
const HEADER = 'Id,Email Address,Email Invalid,Email Invalid Cause,Email Suspended'
const UNKNOWN = '"550 5.1.1 <x>: Recipient address rejected: User unknown"'

/** [id, address, invalid] per lead of a week. */
type Row = readonly [number, string, boolean]

const WEEK_ONE: Row[] = [
  [1, 'ann@acme.co.uk', true],
  [2, 'bo@mail.acme.co.uk', true],
  [3, 'cy@eu.mail.acme.co.uk', false],
  [4, 'di@mail.acme.co.uk', true],
  [5, 'ed@other.co.uk', true],
  [6, 'fe@gmail.com', false],
  [7, 'gu@acmeworks.com', true],
]
/** Week two: Cy's subdomain address bounces, Ann recovers, a new lead at a new subdomain. */
const WEEK_TWO: Row[] = [
  [1, 'ann@acme.co.uk', false],
  [2, 'bo@mail.acme.co.uk', true],
  [3, 'cy@eu.mail.acme.co.uk', true],
  [4, 'di@mail.acme.co.uk', true],
  [5, 'ed@other.co.uk', true],
  [6, 'fe@gmail.com', false],
  [7, 'gu@acmeworks.com', true],
  [8, 'hu@shop.acme.co.uk', true],
]

function write(path: string, rows: readonly Row[]): void {
  const lines = rows.map(([id, email, invalid]) => `${id},${email},${invalid},${invalid ? UNKNOWN : ''},false`)
  writeFileSync(path, `${[HEADER, ...lines].join('\r\n')}\r\n`)
}

async function start() {
  const dir = tempDir()
  write(join(dir, 'weekly-2026-12-04.csv'), WEEK_ONE)
  write(join(dir, 'weekly-2026-12-11.csv'), WEEK_TWO)
  db = openDatabase(join(dir, 'app.db'))
  const first = await importFile(
    db,
    { path: join(dir, 'weekly-2026-12-04.csv'), name: 'weekly-2026-12-04.csv' },
    { now: NOW },
  )
  const second = await importFile(
    db,
    { path: join(dir, 'weekly-2026-12-11.csv'), name: 'weekly-2026-12-11.csv' },
    { now: NOW },
  )
  const queries = createQueries(db)
  return { db, first, second, trends: createTrendQueries(db, queries.history), explorer: createExplorerQueries(db) }
}

describe('registrable-domain grouping', () => {
  it('trends count subdomains under their registrable domain, from the tallies and from rows', async () => {
    const { trends } = await start()
    // From the tallies: Email Invalid rows per domain of each snapshot.
    expect(trends.series({}).points.map((p) => p.byDomain)).toEqual([
      { 'acme.co.uk': 3, 'acmeworks.com': 1, 'other.co.uk': 1 },
      { 'acme.co.uk': 4, 'acmeworks.com': 1, 'other.co.uk': 1 },
    ])
    expect(trends.series({ exactDomains: true }).points.map((p) => p.byDomain)).toEqual([
      // The newest snapshot's domains, read at every point (Ann's acme.co.uk recovered by then).
      { 'acmeworks.com': 1, 'eu.mail.acme.co.uk': 0, 'mail.acme.co.uk': 2, 'other.co.uk': 1, 'shop.acme.co.uk': 0 },
      { 'acmeworks.com': 1, 'eu.mail.acme.co.uk': 1, 'mail.acme.co.uk': 2, 'other.co.uk': 1, 'shop.acme.co.uk': 1 },
    ])
    // From rows: a verdict filter sums the facets per site the same way.
    expect(trends.series({ verdict: 'remove' }).points.map((p) => p.byDomain)).toEqual([
      { 'acme.co.uk': 3, 'acmeworks.com': 1, 'other.co.uk': 1 },
      { 'acme.co.uk': 4, 'acmeworks.com': 1, 'other.co.uk': 1 },
    ])
    // A domain filter names the site: its rows, invalid rows, newly invalid and recovered.
    const site = (request: Parameters<typeof trends.series>[0]) =>
      trends.series(request).points.map((p) => [p.rows, p.invalid, p.newlyInvalid, p.recovered])
    expect(site({ domain: 'acme.co.uk' })).toEqual([
      [4, 3, null, null],
      [5, 4, 2, 1],
    ])
    expect(site({ domain: 'acme.co.uk', exactDomains: true })).toEqual([
      [1, 1, null, null],
      [1, 0, 0, 1],
    ])
    // A subdomain asked for by name is that subdomain alone; acmeworks.com is another company.
    expect(site({ domain: 'mail.acme.co.uk' })).toEqual([
      [2, 2, null, null],
      [2, 2, 0, 0],
    ])
    expect(site({ domain: 'acmeworks.com' })).toEqual([
      [1, 1, null, null],
      [1, 1, 0, 0],
    ])
  })

  it('Leads finds a registrable domain’s subdomains with an @ search, walking leads or flagged spans', async () => {
    const { explorer, second } = await start()
    const emails = (request: Omit<Parameters<typeof explorer.page>[0], 'importId'>) =>
      explorer.page({ importId: second.id, ...request }).rows.map((row) => row.email)
    expect(emails({ search: '@acme.co.uk' })).toEqual([
      'ann@acme.co.uk',
      'bo@mail.acme.co.uk',
      'cy@eu.mail.acme.co.uk',
      'di@mail.acme.co.uk',
      'hu@shop.acme.co.uk',
    ])
    expect(explorer.page({ importId: second.id, search: '@acme.co.uk' }).total).toBe(5)
    // Sorted by domain, and a page at a time through the cursor.
    const firstPage = explorer.page({ importId: second.id, search: '@acme.co.uk', sort: 'domain', limit: 2 })
    expect(firstPage.rows.map((row) => row.domain)).toEqual(['acme.co.uk', 'eu.mail.acme.co.uk'])
    const rest = explorer.page({
      importId: second.id,
      search: '@acme.co.uk',
      sort: 'domain',
      limit: 10,
      ...(firstPage.nextCursor ? { after: firstPage.nextCursor } : {}),
    })
    expect(rest.rows.map((row) => row.email)).toEqual([
      'bo@mail.acme.co.uk',
      'di@mail.acme.co.uk',
      'hu@shop.acme.co.uk',
    ])
    // The flagged-spans plan (a cause filter) tests each flagged lead the same way.
    expect(emails({ search: '@acme.co.uk', verdict: 'remove' })).toEqual([
      'bo@mail.acme.co.uk',
      'cy@eu.mail.acme.co.uk',
      'di@mail.acme.co.uk',
      'hu@shop.acme.co.uk',
    ])
    // A prefix that names no registrable domain with subdomains keeps the plain range.
    expect(emails({ search: '@acmew' })).toEqual(['gu@acmeworks.com'])
    expect(emails({ search: '@mail.acme' })).toEqual(['bo@mail.acme.co.uk', 'di@mail.acme.co.uk'])
  })

  it('drops the hygiene rows that say nothing when an older database is opened (migration 92)', () => {
    const path = join(tempDir(), 'old.db')
    const old = openDatabase(path)
    old.exec(`
      INSERT INTO hygiene_domains VALUES ('acme.com', 'acme.com', 0, NULL), ('mail.acme.co.uk', 'acme.co.uk', 0, NULL),
        ('gmial.com', 'gmial.com', 1, 'gmail.com'), ('192.168.1.1', NULL, 8, NULL);
      DROP INDEX hygiene_domains_by_site;
    `)
    old.pragma('user_version = 91')
    old.close()
    db = openDatabase(path)
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version)
    expect(db.prepare('SELECT domain FROM hygiene_domains ORDER BY domain').pluck().all()).toEqual([
      '192.168.1.1',
      'gmial.com',
      'mail.acme.co.uk',
    ])
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'hygiene_domains_by_site'").pluck().get()).toBe(
      'hygiene_domains_by_site',
    )
  })
})
