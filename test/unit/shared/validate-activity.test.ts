import { describe, expect, it } from 'vitest'
import { requestValidators } from '../../../electron/shared/validate'

describe('activity request validators', () => {
  const preview = requestValidators['activity:policy-preview']

  it('accepts tiers, toggles and an as-of day', () => {
    expect(
      preview({
        tiers: [{ hard: 2, soft: 4, days: 30, action: 'suspend' }],
        countCategoryless: true,
        asOf: '2026-03-22',
      }),
    ).toEqual({
      tiers: [{ hard: 2, soft: 4, days: 30, action: 'suspend' }],
      countCategoryless: true,
      asOf: '2026-03-22',
    })
  })

  it.each([
    [{ tiers: [] }, /1 to 10 tiers/],
    [{ tiers: [{ hard: 0, soft: 0, days: 30, action: 'review' }] }, /hard or a soft count above 0/],
    [{ tiers: [{ hard: 1, soft: 0, days: 0, action: 'review' }] }, /days: expected a whole number from 1/],
    [{ tiers: [{ hard: 1, soft: 0, days: 7, action: 'delete' }] }, /action: expected one of review, suspend, remove/],
    [{ tiers: [{ hard: 1, soft: 0, days: 7, action: 'review' }], asOf: '2026-02-30' }, /not a real date/],
    [{ tiers: [{ hard: 1, soft: 0, days: 7, action: 'review', extra: 1 }] }, /unexpected field 'extra'/],
  ])('refuses %j', (request, message) => {
    expect(() => preview(request)).toThrow(message)
  })

  it('keeps the data-problem rate above the look-closer rate, both percentages', () => {
    const set = requestValidators['activity:set-thresholds']
    expect(set({ lookCloser: 5, dataProblem: 10 })).toEqual({ lookCloser: 5, dataProblem: 10 })
    expect(() => set({ lookCloser: 10, dataProblem: 5 })).toThrow(/must be above/)
    expect(() => set({ lookCloser: 5, dataProblem: 101 })).toThrow(/at most 100/)
  })

  it('checks the snapshot rule and the trend bucket', () => {
    expect(() => requestValidators['activity:snapshot-rule']({ k: 5, n: 4, action: 'review' })).toThrow(/from 1 to 4/)
    expect(() => requestValidators['activity:trends']({ bucket: 'month' })).toThrow(/day, week/)
  })

  it('checks what the bounces over time are split by', () => {
    const breakdown = requestValidators['activity:breakdown']
    expect(breakdown({ bucket: 'week', by: 'category' })).toEqual({ bucket: 'week', by: 'category' })
    expect(() => breakdown({ bucket: 'week', by: 'reason' })).toThrow(
      /activity:breakdown\.by.*verdict, category, provider, domain/,
    )
    expect(() => breakdown({ bucket: 'week', by: 'verdict', extra: 1 })).toThrow(/extra/)
  })
})
