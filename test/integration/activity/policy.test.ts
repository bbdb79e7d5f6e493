import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importActivities } from '../../../electron/main/activity/import-activities'
import { parseRule, writePolicyCsv } from '../../../electron/main/activity/policy'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { previewPolicy, snapshotRuleLeads } from '../../../electron/main/db/policy-queries'
import { importFile } from '../../../electron/main/import/import-file'
import { importCommand } from '../../../electron/cli/commands/import'
import { policyCommand } from '../../../electron/cli/commands/policy'
import { cliHarness } from '../../helpers/cli-harness'
import { FIXTURES, useTempDir } from '../../helpers/temp-dir'

const DIR = join(FIXTURES, 'activities')

/*
 * The two fixture files hold, per lead (Marketo Id):
 * 11: Email Bounced, user unknown, on 03-02 and 03-22 (2 hard)
 * 13: Email Bounced, Category 2, but a Spamhaus block of the sender (not counted by default)
 * 14: Email Bounced Soft, Category 3, mailbox full, on 03-03 and 03-05 (2 soft), delivered on 03-20
 * 15: Email Bounced Soft without a Category (a broken Velocity script: not counted by default)
 * 16: Email Bounced, user unknown, on 03-21 (1 hard)
 * The latest event is 2026-03-22.
 */
describe('policies', () => {
  const tempDir = useTempDir()
  async function history(): Promise<Db> {
    const db = openDatabase(join(tempDir(), 'app.db'))
    await importActivities(db, join(DIR, 'activities-2026-03-a.csv'))
    await importActivities(db, join(DIR, 'activities-2026-03-b.csv'))
    return db
  }

  it('flags by the strongest tier, counts only counted bounces, and says who was delivered to later', async () => {
    const db = await history()
    const preview = previewPolicy(db, {
      tiers: [
        { hard: 2, soft: 2, days: 30, action: 'suspend' },
        { hard: 1, soft: 0, days: 7, action: 'review' },
      ],
    })
    expect(preview.asOf).toBe('2026-03-22')
    expect(preview.windows).toEqual([
      { from: '2026-02-21', to: '2026-03-22' },
      { from: '2026-03-16', to: '2026-03-22' },
    ])
    expect(
      preview.leads.map(({ leadId, hard, soft, action, deliveredLater }) => ({
        leadId,
        hard,
        soft,
        action,
        deliveredLater,
      })),
    ).toEqual([
      { leadId: 11, hard: 2, soft: 0, action: 'suspend', deliveredLater: false },
      { leadId: 14, hard: 0, soft: 2, action: 'suspend', deliveredLater: true },
      { leadId: 16, hard: 1, soft: 0, action: 'review', deliveredLater: false },
    ])
    expect(preview).toMatchObject({ flagged: 3, deliveredLater: 1, byAction: { suspend: 2, review: 1, remove: 0 } })
    expect(preview.leads[0]).toMatchObject({
      email: 'anna@example.com',
      firstAt: '2026-03-02T09:00:05Z',
      lastAt: '2026-03-22T10:00:00Z',
    })
    db.close()
  })

  it('counts category-less soft bounces and sender-side blocks only when asked', async () => {
    const db = await history()
    const tiers = [{ hard: 0, soft: 1, days: 30, action: 'review' as const }]
    const ids = (options: Parameters<typeof previewPolicy>[1]): number[] =>
      previewPolicy(db, options).leads.map((lead) => lead.leadId)
    expect(ids({ tiers })).toEqual([14])
    expect(ids({ tiers, countCategoryless: true })).toEqual([14, 15])
    expect(ids({ tiers, countSenderSide: true })).toEqual([14, 13])
    db.close()
  })

  it('counts the D calendar days (UTC) ending on the as-of day', async () => {
    const db = await history()
    const oneDay = previewPolicy(db, { tiers: [{ hard: 0, soft: 1, days: 1, action: 'review' }], asOf: '2026-03-05' })
    expect(oneDay.leads.map((lead) => [lead.leadId, lead.soft])).toEqual([[14, 1]])
    const early = previewPolicy(db, { tiers: [{ hard: 2, soft: 2, days: 30, action: 'suspend' }], asOf: '2026-03-10' })
    expect(early.leads.map((lead) => lead.leadId)).toEqual([14])
    db.close()
  })

  it('parses H,S,D rules and refuses nonsense', () => {
    expect(parseRule('2,4,30')).toEqual({ hard: 2, soft: 4, days: 30, action: 'review' })
    expect(parseRule('6, 12, 90, remove')).toEqual({ hard: 6, soft: 12, days: 90, action: 'remove' })
    expect(() => parseRule('0,0,30')).toThrow(/hard or a soft count/)
    expect(() => parseRule('2,4')).toThrow(/H,S,D/)
    expect(() => parseRule('2,4,30,delete')).toThrow(/review, suspend, remove/)
  })

  it('writes an Excel-safe CSV for a Marketo static list', async () => {
    const db = await history()
    const preview = previewPolicy(db, { tiers: [{ hard: 1, soft: 0, days: 30, action: 'remove' }] })
    const path = join(tempDir(), 'flagged.csv')
    const leads = preview.leads.map((lead) => (lead.leadId === 16 ? { ...lead, email: '=cmd@example.com' } : lead))
    expect(await writePolicyCsv(path, leads)).toBe(2)
    const text = readFileSync(path, 'utf8')
    expect(text.startsWith('\uFEFFId,Email Address,Action,')).toBe(true)
    expect(text).toContain("\r\n16,'=cmd@example.com,remove,1,0,")
    db.close()
  })

  it('flags leads Email Suspended in K of the last N snapshots, without any activity file', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    const header = 'Id,Email Address,Email Suspended,Email Invalid'
    const weeks = [
      ['1,a@x.example,true,false', '2,b@x.example,true,false', '3,c@x.example,false,false'],
      ['1,a@x.example,true,false', '2,b@x.example,false,false', '3,c@x.example,false,false'],
      ['1,a@x.example,true,false', '2,b@x.example,true,false', '3,c@x.example,true,false'],
    ]
    for (const [index, rows] of weeks.entries()) {
      const path = join(tempDir(), `deliverability-2026-11-0${index + 1}.csv`)
      await import('node:fs').then((fs) => fs.writeFileSync(path, [header, ...rows, ''].join('\n')))
      await importFile(db, { path, name: `deliverability-2026-11-0${index + 1}.csv` })
    }
    const flagged = snapshotRuleLeads(db, { k: 2, n: 3, action: 'suspend' })
    expect(flagged.map((lead) => [lead.leadId, lead.email, lead.suspendedIn, lead.of])).toEqual([
      [1, 'a@x.example', 3, 3],
      [2, 'b@x.example', 2, 3],
    ])
    expect(snapshotRuleLeads(db, { k: 2, n: 2, action: 'suspend' }).map((lead) => lead.leadId)).toEqual([1])
    db.close()
  })
})

describe('cli: import activity files and policy', () => {
  const tempDir = useTempDir()

  it('imports an activity file with kind "activities" and lists flagged leads as JSON lines', async () => {
    const db = join(tempDir(), 'audit.db')
    const first = cliHarness()
    expect(await importCommand.run([join(DIR, 'activities-2026-03-a.csv'), '--db', db, '--json'], first.io)).toBe(0)
    expect(JSON.parse(first.output())).toMatchObject({ kind: 'activities', events: 9, newEvents: 9 })
    const second = cliHarness()
    expect(await importCommand.run([join(DIR, 'activities-2026-03-b.csv'), '--db', db, '--json'], second.io)).toBe(0)
    expect(JSON.parse(second.output())).toMatchObject({ kind: 'activities', events: 6, newEvents: 3 })

    const policy = cliHarness()
    expect(await policyCommand.run(['--db', db, '--rule', '2,2,30,suspend', '--json'], policy.io)).toBe(0)
    const lines = policy
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toEqual([
      {
        leadId: 11,
        email: 'anna@example.com',
        hard: 2,
        soft: 0,
        firstAt: '2026-03-02T09:00:05Z',
        lastAt: '2026-03-22T10:00:00Z',
        action: 'suspend',
      },
      expect.objectContaining({ leadId: 14, soft: 2, action: 'suspend' }),
    ])

    const text = cliHarness()
    expect(await policyCommand.run(['--db', db, '--rule', '2,2,30', '--as-of', '2026-03-22'], text.io)).toBe(0)
    expect(text.output()).toContain('This rule flags 2 leads; 1 of them were delivered to later.')

    const bad = cliHarness()
    await expect(policyCommand.run(['--db', db, '--rule', '2,2'], bad.io)).rejects.toThrow(/--rule: expected H,S,D/)
  })

  it('adds kind "leads" to a lead export and refuses a bad activity file with its line', async () => {
    const db = join(tempDir(), 'audit.db')
    const leads = cliHarness()
    expect(
      await importCommand.run(
        [join(FIXTURES, 'csv', 'weekly-deliverability-2026-11-13.csv'), '--db', db, '--json'],
        leads.io,
      ),
    ).toBe(0)
    expect(JSON.parse(leads.output())).toMatchObject({ kind: 'leads', rows: expect.any(Number) })
    const bad = cliHarness()
    expect(await importCommand.run([join(DIR, 'bad-date.csv'), '--db', db, '--json'], bad.io)).toBe(1)
    expect(bad.errors()).toMatch(/bad-date\.csv, line 3, column 3 \(activityDate\)/)
  })
})
