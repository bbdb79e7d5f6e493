import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { ActivityFileError, importActivities } from '../../../electron/main/activity/import-activities'
import { isActivityFile } from '../../../electron/main/activity/activity-file'
import { categoryDisagreements, leadEvents } from '../../../electron/main/db/activity-queries'
import { latestEventDay } from '../../../electron/main/db/policy-queries'
import { FIXTURES, useTempDir } from '../../helpers/temp-dir'

const DIR = join(FIXTURES, 'activities')
const fixture = (name: string): string => join(DIR, name)

function eventCount(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activity_events').get()?.n ?? 0
}

describe('importActivities', () => {
  const tempDir = useTempDir()
  const open = (): Db => openDatabase(join(tempDir(), 'app.db'))

  it('stores the kept types, counts the others, and reads attributes case-insensitively', async () => {
    const db = open()
    const summary = await importActivities(db, fixture('activities-2026-03-a.csv'))
    expect(summary).toMatchObject({
      kind: 'activities',
      events: 9,
      newEvents: 9,
      byType: { send: 3, delivered: 1, bounced: 2, bouncedSoft: 3 },
      ignored: 1,
      ignoredByType: { 1: 1 },
      leads: 5,
      newLeads: 5,
      from: '2026-03-02',
      to: '2026-03-05',
      delimiter: 'comma',
    })
    const lower = db
      .prepare<[], { category: number; subcategory: number; text: string }>(
        'SELECT e.category, e.subcategory, d.text FROM activity_events e JOIN activity_details d ON d.id = e.detail_id WHERE e.id = 1006',
      )
      .get()
    expect(lower).toEqual({ category: 2, subcategory: 1003, text: expect.stringContaining('spamhaus') })
    // "+0000" is read as UTC; ".000Z" too.
    const at = db.prepare<[], { at: number }>('SELECT at FROM activity_events WHERE id = 1006').get()?.at
    expect(new Date((at ?? 0) * 1000).toISOString()).toBe('2026-03-02T09:02:00.000Z')
    const email = db.prepare<[], { email: string }>('SELECT email FROM activity_leads WHERE id = 14').get()?.email
    expect(email).toBe('carla@gmail.com')
    db.close()
  })

  it('adds nothing twice: the same file again, then an overlapping window', async () => {
    const db = open()
    await importActivities(db, fixture('activities-2026-03-a.csv'))
    const again = await importActivities(db, fixture('activities-2026-03-a.csv'))
    expect(again).toMatchObject({ events: 9, newEvents: 0, newLeads: 0 })
    expect(eventCount(db)).toBe(9)
    const overlap = await importActivities(db, fixture('activities-2026-03-b.csv'))
    expect(overlap).toMatchObject({ events: 6, newEvents: 3, newLeads: 1 })
    expect(eventCount(db)).toBe(12)
    // An offset date is converted to UTC: 10:00 at -05:00 is 15:00Z.
    const at = db.prepare<[], { at: number }>('SELECT at FROM activity_events WHERE id = 1012').get()?.at
    expect(new Date((at ?? 0) * 1000).toISOString()).toBe('2026-03-21T15:00:00.000Z')
    db.close()
  })

  it('keeps each lead’s latest address and delivery whatever order the files come in', async () => {
    const db = open()
    // An older window imported last: its address for lead 11 must not replace the newer one.
    const older = join(tempDir(), 'older.csv')
    writeFileSync(
      older,
      [
        'marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes',
        '901,11,2026-02-01T08:00:00Z,8,5001,1201,Newsletter March,"{""Category"": ""2"", ""Details"": ""550 5.1.1 User unknown"", ""Email"": ""old.anna@example.net""}"',
        '902,12,2026-02-01T08:00:00Z,7,5001,1201,Newsletter March,"{}"',
        '903,17,2026-02-02T08:00:00Z,7,5001,1201,Newsletter March,"{}"',
        '',
      ].join('\n'),
    )
    await importActivities(db, fixture('activities-2026-03-b.csv'))
    await importActivities(db, fixture('activities-2026-03-a.csv'))
    const summary = await importActivities(db, older)
    expect(summary).toMatchObject({ events: 3, newEvents: 3, leads: 3, newLeads: 1 })
    const lead = (id: number) =>
      db
        .prepare<[number], { email: string | null; domain: string | null; last_delivered_at: number | null }>(
          'SELECT email, domain, last_delivered_at FROM activity_leads WHERE id = ?',
        )
        .get(id)
    const day = (at: number | null | undefined): string | null =>
      at == null ? null : new Date(at * 1000).toISOString().slice(0, 16)
    expect(lead(11)).toMatchObject({ email: 'anna@example.com', domain: 'example.com', last_delivered_at: null })
    // Lead 12: delivered in file a (March) and in the older file (February): March stays.
    expect(day(lead(12)?.last_delivered_at)).toBe('2026-03-02T09:01')
    expect(day(lead(14)?.last_delivered_at)).toBe('2026-03-20T10:00')
    expect(day(lead(17)?.last_delivered_at)).toBe('2026-02-02T08:00')
    expect(latestEventDay(db)).toBe('2026-03-22')
    db.close()
  })

  it('rebuilds the event indexes it dropped for a large first import exactly as the migration made them', async () => {
    const indexes = (db: Db): string[] =>
      db
        .prepare<[], { sql: string }>(
          "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity_events' ORDER BY name",
        )
        .all()
        .map((row) => row.sql.replace(/\s+/g, ' '))
    const db = open()
    const before = indexes(db)
    expect(before).toHaveLength(2)
    await importActivities(db, fixture('activities-2026-03-a.csv'))
    expect(indexes(db)).toEqual(before)
    db.close()
  })

  it('reads a tab-separated file the same way', async () => {
    const db = open()
    const summary = await importActivities(db, fixture('activities-2026-03-a.tsv'))
    expect(summary).toMatchObject({ events: 3, delimiter: 'tab', byType: { send: 2, bounced: 1 } })
    db.close()
  })

  it('reads a space-separated (SSV) file', async () => {
    const path = join(tempDir(), 'ssv.txt')
    writeFileSync(
      path,
      'marketoGUID leadId activityDate activityTypeId campaignId primaryAttributeValueId primaryAttributeValue attributes\n' +
        '5 9 2026-01-01T00:00:00Z 8 1 2 "My email" "{""Category"":""2"",""Details"":""550 5.1.1 user unknown"",""Email"":""x@y.example""}"\n',
    )
    const db = open()
    const summary = await importActivities(db, path)
    expect(summary).toMatchObject({ events: 1, delimiter: 'space', byType: { bounced: 1 } })
    db.close()
  })

  it.each([
    ['bad-attributes.csv', /line 3, column 8 \(attributes\): the attributes cell is not a JSON object/],
    ['bad-date.csv', /line 3, column 3 \(activityDate\): '3\/2\/2026 9:00' is not a date/],
    [
      'mixed-header.csv',
      /line 1: the header mixes activity columns .* with lead-export columns \(Email Address, Email Invalid\)/,
    ],
  ])('refuses %s with the line and column, storing nothing', async (name, message) => {
    const db = open()
    await importActivities(db, fixture('activities-2026-03-a.csv'))
    const before = eventCount(db)
    const files = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activity_files').get()?.n
    const error = await importActivities(db, fixture(name)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ActivityFileError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).toMatch(/Nothing was imported/)
    expect(eventCount(db)).toBe(before)
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activity_files').get()?.n).toBe(files)
    db.close()
  })

  it('leaves nothing behind when cancelled', async () => {
    const db = open()
    const controller = new AbortController()
    controller.abort()
    await expect(
      importActivities(db, fixture('activities-2026-03-a.csv'), { signal: controller.signal }),
    ).rejects.toThrow(/cancelled; nothing was saved/)
    expect(eventCount(db)).toBe(0)
    db.close()
  })

  it('a Cancel that waits in the worker’s queue until the end is still seen before COMMIT', async () => {
    const db = open()
    const controller = new AbortController()
    await expect(
      importActivities(db, fixture('activities-2026-03-a.csv'), {
        signal: controller.signal,
        // Nothing aborted while the file was read: the Cancel only turns up when the queue is read.
        pollCancel: () => controller.abort(),
      }),
    ).rejects.toThrow(/cancelled; nothing was saved/)
    expect(eventCount(db)).toBe(0)
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activity_files').get()?.n).toBe(0)
    db.close()
  })

  it('recognises an activity file by its header, and a lead export as not one', async () => {
    expect(await isActivityFile(fixture('activities-2026-03-a.csv'))).toBe(true)
    expect(await isActivityFile(fixture('activities-2026-03-a.tsv'))).toBe(true)
    expect(await isActivityFile(join(FIXTURES, 'csv', 'weekly-deliverability-2026-11-13.csv'))).toBe(false)
  })

  it('lists bounces where Marketo’s Category and our reading disagree, and a lead’s events', async () => {
    const db = open()
    await importActivities(db, fixture('activities-2026-03-a.csv'))
    const review = categoryDisagreements(db)
    expect(review).toHaveLength(1)
    expect(review[0]).toMatchObject({ category: 2, ourVerdict: 'fix-sending', events: 1, leads: 1 })
    expect(review[0]?.why).toMatch(/refused the sender/)
    const events = leadEvents(db, 11)
    expect(events.map((event) => event.type)).toEqual([8, 6])
    expect(events[0]).toMatchObject({ category: 2, reason: 'userunknown', mailing: 'Newsletter March' })
    db.close()
  })
})
