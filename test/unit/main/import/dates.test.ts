import { describe, expect, it } from 'vitest'
import { collectEvidence, decideOrder, emptyEvidence, parseDateTime } from '../../../../electron/main/import/dates'

describe('parseDateTime', () => {
  it.each([
    ['2025-03-14 05:15:00', null, '2025-03-14 05:15:00'],
    ['2025-03-14T05:15:00Z', null, '2025-03-14 05:15:00'],
    ['2025-03-14', null, '2025-03-14 00:00:00'],
    ['3/14/2025 5:15 AM', 'month-first', '2025-03-14 05:15:00'],
    ['3/14/2025 12:05 PM', 'month-first', '2025-03-14 12:05:00'],
    ['3/14/2025 12:05 AM', 'month-first', '2025-03-14 00:05:00'],
    ['14.03.2025 05:15', 'day-first', '2025-03-14 05:15:00'],
    ['14/03/2025', 'day-first', '2025-03-14 00:00:00'],
    ['02/03/2025', 'day-first', '2025-03-02 00:00:00'],
    ['02/03/2025', 'month-first', '2025-02-03 00:00:00'],
    ['31/02/2025', 'day-first', null],
    ['2025-02-30 10:00:00', null, null],
    ['13/14/2025', 'month-first', null],
    ['yesterday', 'month-first', null],
  ] as const)('%s (%s) → %s', (raw, order, expected) => {
    expect(parseDateTime(raw, order)).toBe(expected)
  })
})

describe('decideOrder', () => {
  const decide = (values: string[]): ReturnType<typeof decideOrder> => {
    const evidence = emptyEvidence()
    for (const value of values) collectEvidence(value, evidence)
    return decideOrder(evidence)
  }

  it('reads the order from any value that can only be one way', () => {
    expect(decide(['01/02/2025', '25/02/2025'])).toEqual({ order: 'day-first', basis: 'values' })
    expect(decide(['01/02/2025', '02/25/2025'])).toEqual({ order: 'month-first', basis: 'values' })
  })

  it('falls back to conventions, then says it assumed', () => {
    expect(decide(['01.02.2025 10:00'])).toEqual({ order: 'day-first', basis: 'convention' })
    expect(decide(['01/02/2025 10:00 AM'])).toEqual({ order: 'month-first', basis: 'convention' })
    expect(decide(['01/02/2025'])).toEqual({ order: 'month-first', basis: 'assumed' })
  })

  it('refuses a file that writes both orders', () => {
    expect(decide(['25/02/2025', '02/25/2025'])).toEqual({ order: null, basis: 'contradictory' })
  })
})
