import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import {
  LEAD_LIST_COLUMNS,
  defaultLeadListFileName,
  exportLeadList,
  exportRemoveList,
  exportReviewList,
  suggestLeadListFileName,
  type LeadListScope,
} from '../../../electron/main/export/lead-lists'
import { importFile } from '../../../electron/main/import/import-file'
import { ApiError } from '../../../electron/shared/ipc'
import { readExportedCsv } from '../../helpers/read-csv'
import { useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const NOW = new Date('2026-11-27T12:00:00Z')

const HEADER = 'Id,Email Address,Email Invalid,Email Invalid Cause'
const USER_UNKNOWN = '550 5.1.1 Recipient address rejected: User unknown'
const SPAMHAUS = '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus'
const INJECTION = "=cmd|' /C calc'!A0 550 5.1.1 <eve@fabrikam.example>: Recipient address rejected: User unknown"

/**
 * Two weekly snapshots of one smart list:
 * - ana: user unknown in both, with a different text in the second (counted once, latest cause);
 * - cy: a Spamhaus block (sender-side), in both; flo: mailbox full (temporary), first only;
 * - eve: a cause that is a spreadsheet formula, first only; ivy: no Marketo Id;
 * - gus: a user-unknown cause but Email Invalid cleared; hal: invalid first, cleared second;
 * - jo: user unknown, second only.
 */
const WEEK_1 = [
  HEADER,
  `601,ana@northwind.example,true,"550 5.1.1 <ana@northwind.example>: Recipient address rejected: User unknown in local recipient table"`,
  `602,cy@contoso.example,true,"${SPAMHAUS}"`,
  `603,eve@fabrikam.example,true,${INJECTION}`,
  `604,flo@yahoo.com,true,552 5.2.2 Mailbox full`,
  `605,gus@example.org,false,${USER_UNKNOWN}`,
  `606,hal@example.net,true,${USER_UNKNOWN}`,
  `,ivy@example.com,true,${USER_UNKNOWN}`,
].join('\r\n')

const WEEK_2 = [
  HEADER,
  `601,ana@northwind.example,true,"550 5.1.1 <ana@northwind.example>: Recipient address rejected: User unknown in virtual mailbox table"`,
  `602,cy@contoso.example,true,"${SPAMHAUS}"`,
  `605,gus@example.org,false,${USER_UNKNOWN}`,
  `606,hal@example.net,false,`,
  `,ivy@example.com,true,${USER_UNKNOWN}`,
  `608,jo@example.com,true,${USER_UNKNOWN}`,
].join('\r\n')

async function importCsv(db: Db, name: string, content: string): Promise<number> {
  const path = join(tempDir(), name)
  writeFileSync(path, content)
  return (await importFile(db, { path, name }, { now: NOW })).id
}

async function twoWeeks(): Promise<{ db: Db; week1: number; week2: number }> {
  const db = openDatabase(join(tempDir(), 'app.db'))
  const week1 = await importCsv(db, 'weekly-deliverability-2026-11-13.csv', WEEK_1)
  const week2 = await importCsv(db, 'weekly-deliverability-2026-11-20.csv', WEEK_2)
  return { db, week1, week2 }
}

type Row = Record<string, string>

/** Exports to a file in the temp folder and reads it back as objects keyed by header. */
async function exportRows(db: Db, kind: 'remove' | 'review', scope: LeadListScope = {}): Promise<Row[]> {
  const path = join(tempDir(), `${kind}.csv`)
  const result = await exportLeadList(db, kind, scope, path)
  const [header, ...records] = readExportedCsv(readFileSync(path))
  expect(header).toEqual(LEAD_LIST_COLUMNS[kind])
  expect(result).toEqual({ rows: records.length, path })
  return records.map((fields) => Object.fromEntries((header ?? []).map((name, index) => [name, fields[index] ?? ''])))
}

const emails = (rows: Row[]): string[] => rows.map((row) => row['Email Address'] ?? '')

async function expectApiError(work: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error: unknown = await work.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ApiError)
  expect((error as ApiError).code).toBe(code)
  expect((error as ApiError).message).toMatch(message)
}

describe('remove list', () => {
  it('lists the bad addresses of one snapshot, with what Marketo needs to match and tag them', async () => {
    const { db, week1 } = await twoWeeks()
    const rows = await exportRows(db, 'remove', { importId: week1 })
    expect(emails(rows)).toEqual([
      'ana@northwind.example',
      'eve@fabrikam.example',
      'hal@example.net',
      'ivy@example.com',
    ])
    expect(rows[0]).toEqual({
      'Email Address': 'ana@northwind.example',
      Id: '601',
      'Email Invalid Cause':
        '550 5.1.1 <ana@northwind.example>: Recipient address rejected: User unknown in local recipient table',
      'Bounce Reason': 'Mailbox does not exist',
      Verdict: 'Remove',
      'Snapshot Date': '2026-11-13',
      'Bounce Auditor Action': 'Remove: bad address',
      'Address Problem': '',
      'Suggested Email Address': '',
    })
    // No Marketo Id in the export: the column stays empty and Marketo matches on the address.
    expect(rows.find((row) => row['Email Address'] === 'ivy@example.com')?.Id).toBe('')
  })

  it('leaves out the Spamhaus block, and leads whose Email Invalid is cleared', async () => {
    const { db, week1 } = await twoWeeks()
    const listed = emails(await exportRows(db, 'remove', { importId: week1 }))
    expect(listed).not.toContain('cy@contoso.example')
    expect(listed).not.toContain('gus@example.org')
    expect(listed).not.toContain('flo@yahoo.com')
  })

  it('neutralises a cause that is a spreadsheet formula', async () => {
    const { db, week1 } = await twoWeeks()
    const path = join(tempDir(), 'remove.csv')
    await exportRemoveList(db, { importId: week1 }, path)
    const text = readFileSync(path, 'utf8')
    expect(text).toContain(`eve@fabrikam.example,603,'${INJECTION},`)
    expect(text).not.toMatch(/[,\n]=cmd/)
    const eve = (await exportRows(db, 'remove', { importId: week1 })).find((row) => row.Id === '603')
    expect(eve?.['Email Invalid Cause']).toBe(`'${INJECTION}`)
  })

  it('uses the newest snapshot by default', async () => {
    const { db } = await twoWeeks()
    const rows = await exportRows(db, 'remove')
    expect(emails(rows)).toEqual(['ana@northwind.example', 'ivy@example.com', 'jo@example.com'])
    expect(new Set(rows.map((row) => row['Snapshot Date']))).toEqual(new Set(['2026-11-20']))
  })

  it('counts a lead once over a date range, with its latest cause and snapshot', async () => {
    const { db } = await twoWeeks()
    const rows = await exportRows(db, 'remove', { from: '2026-11-13', to: '2026-11-20' })
    // hal was cleared in the newer snapshot, so its latest state is no longer a bad address.
    expect(emails(rows)).toEqual(['ana@northwind.example', 'eve@fabrikam.example', 'ivy@example.com', 'jo@example.com'])
    const ana = rows.find((row) => row.Id === '601')
    expect(ana?.['Email Invalid Cause']).toContain('virtual mailbox table')
    expect(ana?.['Snapshot Date']).toBe('2026-11-20')
    expect(rows.find((row) => row.Id === '603')?.['Snapshot Date']).toBe('2026-11-13')
  })

  it('agrees with the overview tally of one snapshot', async () => {
    const { db, week1, week2 } = await twoWeeks()
    for (const importId of [week1, week2]) {
      const tally = db
        .prepare<[number], { rows: number }>(
          "SELECT rows FROM import_counts WHERE import_id = ? AND dimension = 'verdict' AND key = 'remove'",
        )
        .get(importId)
      expect((await exportRemoveList(db, { importId }, join(tempDir(), 'r.csv'))).rows).toBe(tally?.rows)
    }
  })
})

describe('review list', () => {
  it('lists probably-valid addresses Marketo marked invalid, saying why', async () => {
    const { db, week1 } = await twoWeeks()
    const rows = await exportRows(db, 'review', { importId: week1 })
    expect(emails(rows)).toEqual(['cy@contoso.example', 'flo@yahoo.com'])
    const [cy, flo] = rows
    expect(cy).toMatchObject({
      Id: '602',
      'Email Invalid Cause': SPAMHAUS,
      'Bounce Reason': 'Sending server blocked',
      Verdict: 'Fix sending',
      Provider: 'Spamhaus',
      'Snapshot Date': '2026-11-13',
      'Bounce Auditor Action': 'Review: sender-side block',
    })
    expect(cy?.['Why Review']).toMatch(/refused the sender, not the address.*Spamhaus.*probably valid/)
    expect(flo).toMatchObject({
      'Bounce Reason': 'Mailbox is full',
      Verdict: 'Retry',
      // The text names no provider, so the address's domain does.
      Provider: 'Yahoo / AOL',
      'Bounce Auditor Action': 'Review: temporary bounce',
    })
    expect(flo?.['Why Review']).toMatch(/temporary/)
  })

  it('counts a lead once over a date range', async () => {
    const { db } = await twoWeeks()
    const rows = await exportRows(db, 'review', { from: '2026-11-01', to: '2026-11-30' })
    expect(emails(rows)).toEqual(['cy@contoso.example', 'flo@yahoo.com'])
    expect(rows.map((row) => row['Snapshot Date'])).toEqual(['2026-11-20', '2026-11-13'])
  })

  it('writes to any Writable', async () => {
    const { db } = await twoWeeks()
    const stream = new PassThrough()
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    expect(await exportReviewList(db, {}, stream)).toEqual({ rows: 1, path: '' })
    expect(readExportedCsv(Buffer.concat(chunks))[1]?.[0]).toBe('cy@contoso.example')
  })
})

describe('options', () => {
  it('rejects bad scopes with clear errors', async () => {
    const { db, week1 } = await twoWeeks()
    const out = join(tempDir(), 'x.csv')
    await expectApiError(exportRemoveList(db, { importId: 99 }, out), 'not-found', /no import #99/)
    await expectApiError(exportRemoveList(db, { importId: 0 }, out), 'bad-request', /positive whole number/)
    await expectApiError(exportRemoveList(db, { from: '2026-11-20', to: '2026-11-13' }, out), 'bad-request', /after/)
    await expectApiError(exportRemoveList(db, { from: '2026-02-30' }, out), 'bad-request', /YYYY-MM-DD/)
    await expectApiError(exportRemoveList(db, { to: '20.11.2026' }, out), 'bad-request', /YYYY-MM-DD/)
    await expectApiError(exportRemoveList(db, { importId: week1, from: '2026-11-13' }, out), 'bad-request', /not both/)
    await expectApiError(
      exportRemoveList(db, { from: '2027-01-01', to: '2027-01-31' }, out),
      'not-found',
      /No snapshot was taken between 2027-01-01 and 2027-01-31/,
    )
    expect(readdirSync(tempDir()).filter((name) => name.endsWith('.csv') || name.endsWith('.partial'))).toEqual([
      'weekly-deliverability-2026-11-13.csv',
      'weekly-deliverability-2026-11-20.csv',
    ])
  })

  it('says so when nothing was imported', async () => {
    const db = openDatabase(join(tempDir(), 'empty.db'))
    await expectApiError(exportReviewList(db, {}, join(tempDir(), 'x.csv')), 'not-found', /No snapshot/)
  })

  it('names files by list and date, and puts them inside a folder given as target', async () => {
    const { db, week1 } = await twoWeeks()
    expect(suggestLeadListFileName(db, 'remove')).toBe('bounce-auditor-remove-2026-11-20.csv')
    expect(suggestLeadListFileName(db, 'review', { importId: week1 })).toBe('bounce-auditor-review-2026-11-13.csv')
    expect(suggestLeadListFileName(db, 'remove', { from: '2026-11-01', to: '2026-11-30' })).toBe(
      'bounce-auditor-remove-2026-11-01-to-2026-11-30.csv',
    )
    // An open end becomes the newest snapshot's date.
    expect(suggestLeadListFileName(db, 'remove', { from: '2026-11-14' })).toBe(
      'bounce-auditor-remove-2026-11-14-to-2026-11-20.csv',
    )
    expect(
      defaultLeadListFileName('review', { kind: 'range', from: '2026-11-13', to: '2026-11-13', snapshots: 1 }),
    ).toBe('bounce-auditor-review-2026-11-13.csv')
    const result = await exportRemoveList(db, {}, tempDir())
    expect(result.path).toBe(join(tempDir(), 'bounce-auditor-remove-2026-11-20.csv'))
    expect(result.rows).toBe(3)
  })
})

describe('large lists', () => {
  it('pages through thousands of leads, leaving the connection free while the disk is slow', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    const lines = [HEADER]
    for (let n = 1; n <= 2500; n++)
      lines.push(`${n},lead${String(n).padStart(5, '0')}@example.com,true,${USER_UNKNOWN}`)
    await importCsv(db, 'big-list-2026-12-01.csv', lines.join('\n'))
    let queriesDuringExport = 0
    const chunks: Buffer[] = []
    const slowDisk = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk)
        // Another handler using the same connection while the export waits: must not be "busy".
        db.prepare('SELECT count(*) AS n FROM leads').get()
        queriesDuringExport++
        setTimeout(callback, 1)
      },
    })
    const result = await exportRemoveList(db, {}, slowDisk)
    expect(result.rows).toBe(2500)
    expect(queriesDuringExport).toBeGreaterThan(1)
    const records = readExportedCsv(Buffer.concat(chunks))
    expect(records).toHaveLength(2501)
    expect(records[1]?.[0]).toBe('lead00001@example.com')
    expect(records[2500]?.[0]).toBe('lead02500@example.com')
    // The staging table is gone afterwards.
    expect(db.prepare("SELECT count(*) AS n FROM temp.sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 })
  })
})
