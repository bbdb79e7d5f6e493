import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importActivities } from '../../../electron/main/activity/import-activities'
import { activityTrends, bounceRates, readThresholds, saveThresholds } from '../../../electron/main/db/activity-trends'
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
})
