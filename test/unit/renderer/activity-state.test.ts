import { describe, expect, it } from 'vitest'
import type { ActivityBreakdown, ActivityTotals } from '../../../electron/shared/activity'
import { MAX_POLICY_TIERS } from '../../../electron/shared/validate-activity'
import {
  breakdownColumns,
  cellText,
  defaultTiers,
  PolicyState,
  policyOptions,
  seriesLabel,
  showsRate,
  snapshotRuleRequest,
  totalsSentence,
} from '../../../renderer/src/components/activity/activity-state.svelte'

const NO_FLAGS = { countCategoryless: false, countSenderSide: false, asOf: '' }

describe('the policy being edited', () => {
  it('starts with the two tiers practitioners describe and asks with them as they are', () => {
    const policy = new PolicyState()
    expect(policy.options).toEqual({ tiers: defaultTiers() })
    policy.countSenderSide = true
    policy.asOf = '2026-03-31'
    expect(policy.options).toEqual({ tiers: defaultTiers(), countSenderSide: true, asOf: '2026-03-31' })
  })

  it('reads number inputs as numbers and leaves out an as-of day that is not one yet', () => {
    // A number input bound while the user types can hand over a string.
    const typed = [{ hard: '3', soft: 4, days: '30', action: 'review' }] as unknown as Parameters<
      typeof policyOptions
    >[0]
    expect(policyOptions(typed, { ...NO_FLAGS, asOf: '2026-3-1' })).toEqual({
      tiers: [{ hard: 3, soft: 4, days: 30, action: 'review' }],
    })
    expect(policyOptions(typed, { countCategoryless: true, countSenderSide: false, asOf: '2026-03-01' })).toEqual({
      tiers: [{ hard: 3, soft: 4, days: 30, action: 'review' }],
      countCategoryless: true,
      asOf: '2026-03-01',
    })
  })

  it('adds tiers up to what the Node side accepts and never removes the last one', () => {
    const policy = new PolicyState()
    while (policy.canAddTier) policy.addTier()
    expect(policy.tiers).toHaveLength(MAX_POLICY_TIERS)
    policy.addTier()
    expect(policy.tiers).toHaveLength(MAX_POLICY_TIERS)
    expect(policy.tiers.at(-1)).toEqual({ hard: 1, soft: 0, days: 7, action: 'review' })
    while (policy.canRemoveTier) policy.removeTier(0)
    policy.removeTier(0)
    expect(policy.tiers).toHaveLength(1)
  })
})

describe('the snapshot rule', () => {
  it('asks only for K of the last N with 1 ≤ K ≤ N', () => {
    expect(snapshotRuleRequest(3, 4)).toEqual({ k: 3, n: 4, action: 'review' })
    expect(snapshotRuleRequest('2', '2')).toEqual({ k: 2, n: 2, action: 'review' })
    expect(snapshotRuleRequest(5, 4)).toBeNull()
    expect(snapshotRuleRequest(0, 4)).toBeNull()
    expect(snapshotRuleRequest('', 4)).toBeNull()
    expect(snapshotRuleRequest(1.5, 4)).toBeNull()
  })
})

describe('words and figures', () => {
  const totals: ActivityTotals = {
    events: 12,
    bounced: 2,
    bouncedSoft: 3,
    send: 4,
    delivered: 1,
    leads: 6,
    files: 1,
    from: '2026-03-02',
    to: '2026-03-21',
  }

  it('says what is stored, or how to start', () => {
    expect(totalsSentence(totals)).toBe(
      '12 events from 1 file, 2026-03-02 to 2026-03-21: 2 Email Bounced, 3 Email Bounced Soft, 4 sends and 1 deliveries for 6 leads.',
    )
    expect(totalsSentence({ ...totals, events: 0, files: 0 })).toMatch(/^No activity yet\. .*drop it anywhere/)
  })

  it('names each series in plain words', () => {
    expect(seriesLabel('verdict', 'fix-sending')).not.toBe('fix-sending')
    expect(seriesLabel('category', '2')).toBe('2 Invalid address')
    expect(seriesLabel('category', '7')).toBe('7 Other category')
    expect(seriesLabel('category', 'none')).toBe('No category')
    expect(seriesLabel('provider', 'gmail')).toBe('Gmail')
    expect(seriesLabel('provider', 'other')).toBe('Other providers')
    expect(seriesLabel('domain', 'other')).toBe('Other')
    expect(seriesLabel('domain', '(unknown)')).toBe('Address unknown')
    expect(seriesLabel('domain', 'bigcorp.example')).toBe('bigcorp.example')
  })

  it('shows a hard-bounce rate only for providers or domains with sends', () => {
    expect(cellText({ bounces: 0, hard: 0, sends: 0 }, true)).toBe('')
    expect(cellText({ bounces: 3, hard: 1, sends: 0 }, true)).toBe('3')
    expect(cellText({ bounces: 0, hard: 0, sends: 4 }, true)).toMatch(/^0 · 0(\.0)?\s?% hard$/)
    expect(cellText({ bounces: 3, hard: 1, sends: 4 }, true)).toMatch(/^3 · 25(\.0)?\s?% hard$/)
    expect(cellText({ bounces: 3, hard: 1, sends: 4 }, false)).toBe('3')
    expect(showsRate({ by: 'domain', withSends: true })).toBe(true)
    expect(showsRate({ by: 'domain', withSends: false })).toBe(false)
    expect(showsRate({ by: 'category', withSends: true })).toBe(false)
  })

  it('lays a breakdown out as the period, one column per series, and the total', () => {
    const breakdown: ActivityBreakdown = {
      by: 'provider',
      keys: ['gmail', 'other'],
      points: [
        {
          period: '2026-03-02',
          total: 5,
          cells: [
            { bounces: 2, hard: 0, sends: 0 },
            { bounces: 3, hard: 1, sends: 2 },
          ],
        },
      ],
      withSends: true,
    }
    const columns = breakdownColumns(breakdown, 'week')
    expect(columns.map((column) => column.label)).toEqual(['Week of', 'Gmail', 'Other providers', 'All bounces'])
    const [point] = breakdown.points
    if (!point) throw new Error('no point')
    expect(columns.map((column) => column.text(point))).toEqual([
      '2026-03-02',
      '2',
      expect.stringMatching(/^3 · 50(\.0)?\s?% hard$/),
      '5',
    ])
    expect(breakdownColumns({ ...breakdown, points: [] }, 'day')[0]?.label).toBe('Day')
  })
})
