import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importActivities } from '../../../electron/main/activity/import-activities'
import {
  activityBreakdown,
  activityTrends,
  bounceRates,
  readThresholds,
  saveThresholds,
} from '../../../electron/main/db/activity-trends'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { providerFromDomain } from '../../../electron/shared/classify/provider'
import { FIXTURES, useTempDir } from '../../helpers/temp-dir'

describe('activity trends and bounce rates', () => {
  const tempDir = useTempDir()
  async function history(): Promise<Db> {
    const db = openDatabase(join(tempDir(), 'app.db'))
    await importActivities(db, join(FIXTURES, 'activities', 'activities-2026-03-a.csv'))
    return db
  }

  it('counts events by event day and by week (Monday first), keeping sender-side and category-less bounces apart', async () => {
    const db = await history()
    expect(activityTrends(db, 'day')).toEqual([
      { period: '2026-03-02', sends: 3, delivered: 1, hard: 1, soft: 0, senderSide: 1, categoryless: 0 },
      { period: '2026-03-03', sends: 0, delivered: 0, hard: 0, soft: 1, senderSide: 0, categoryless: 1 },
      { period: '2026-03-05', sends: 0, delivered: 0, hard: 0, soft: 1, senderSide: 0, categoryless: 0 },
    ])
    expect(activityTrends(db, 'week')).toEqual([
      { period: '2026-03-02', sends: 3, delivered: 1, hard: 1, soft: 2, senderSide: 1, categoryless: 1 },
    ])
    db.close()
  })

  it('rates hard bounces per send by domain and provider against editable thresholds', async () => {
    const db = await history()
    expect(bounceRates(db, 'domain', providerFromDomain)).toEqual([
      { key: 'example.com', sends: 1, hard: 1, rate: 1, level: 'data-problem' },
      { key: '(unknown)', sends: 1, hard: 0, rate: 0, level: 'ok' },
      { key: 'bigcorp.example', sends: 1, hard: 0, rate: 0, level: 'ok' },
    ])
    expect(readThresholds(db)).toEqual({ lookCloser: 5, dataProblem: 10 })
    saveThresholds(db, { lookCloser: 50, dataProblem: 101 })
    expect(bounceRates(db, 'domain', providerFromDomain)[0]?.level).toBe('look-closer')
    expect(bounceRates(db, 'provider', providerFromDomain).map((rate) => rate.key)).toEqual(['other', '(unknown)'])
    db.close()
  })

  it('splits bounces by verdict, Category, provider and domain per day or week, with sends for a rate', async () => {
    const db = await history()
    const cell = (bounces: number, hard = 0, sends = 0): { bounces: number; hard: number; sends: number } => ({
      bounces,
      hard,
      sends,
    })
    const empty = cell(0)
    // Verdicts in their own order; the Velocity error (no Category) is one to review.
    expect(activityBreakdown(db, 'day', 'verdict', providerFromDomain)).toEqual({
      by: 'verdict',
      keys: ['remove', 'retry', 'fix-sending', 'review'],
      points: [
        { period: '2026-03-02', total: 2, cells: [cell(1, 1), empty, cell(1), empty] },
        { period: '2026-03-03', total: 2, cells: [empty, cell(1), empty, cell(1)] },
        { period: '2026-03-05', total: 1, cells: [empty, cell(1), empty, empty] },
      ],
      withSends: false,
    })
    // Categories in number order, 'none' last; a week is keyed by its Monday.
    expect(activityBreakdown(db, 'week', 'category', providerFromDomain)).toEqual({
      by: 'category',
      keys: ['2', '3', 'none'],
      points: [{ period: '2026-03-02', total: 5, cells: [cell(2, 1), cell(2), cell(1)] }],
      withSends: false,
    })
    // By the lead's provider: sends of the same leads beside their bounces; a lead without an
    // address is '(unknown)', a domain no provider is known for is 'other' (always last).
    const providers = activityBreakdown(db, 'week', 'provider', providerFromDomain)
    expect(providers).toEqual({
      by: 'provider',
      keys: ['gmail', '(unknown)', 'other'],
      points: [{ period: '2026-03-02', total: 5, cells: [cell(2), cell(0, 0, 1), cell(3, 1, 2)] }],
      withSends: true,
    })
    const domains = activityBreakdown(db, 'week', 'domain', providerFromDomain)
    expect(domains.keys).toEqual(['gmail.com', 'bigcorp.example', 'example.com', 'example.org', '(unknown)'])
    expect(domains.points[0]?.cells[2]).toEqual(cell(1, 1, 1))
    db.close()
  })

  it('keeps the largest series and sums the rest into other', async () => {
    const path = join(tempDir(), 'many-domains.csv')
    const rows = Array.from({ length: 9 }, (_, index) => {
      const domain = `d${index}.example`
      // Domain d0 bounces 9 times, d1 8 times … d8 once: the order is the count's.
      return Array.from({ length: 9 - index }, (_unused, n) => {
        const guid = 5000 + index * 100 + n
        const details = `""Details"": ""550 5.1.1 user unknown"", ""Email"": ""x${index}@${domain}"", ""Category"": ""2""`
        return `${guid},${100 + index},2026-04-01T10:00:00Z,8,1,2,Mail,"{${details}}"`
      }).join('\n')
    })
    writeFileSync(
      path,
      `marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes\n${rows.join('\n')}\n`,
    )
    const db = openDatabase(join(tempDir(), 'many.db'))
    await importActivities(db, path)
    const split = activityBreakdown(db, 'day', 'domain', providerFromDomain)
    expect(split.keys).toEqual([...['d0', 'd1', 'd2', 'd3', 'd4'].map((d) => `${d}.example`), 'other'])
    // other = d5 … d8: 4 + 3 + 2 + 1 bounces.
    expect(split.points).toEqual([
      {
        period: '2026-04-01',
        total: 45,
        cells: [9, 8, 7, 6, 5, 10].map((bounces) => ({ bounces, hard: bounces, sends: 0 })),
      },
    ])
    db.close()
  })
})
