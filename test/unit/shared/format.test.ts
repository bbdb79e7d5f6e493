import { describe, expect, it } from 'vitest'
import {
  formatChange,
  formatDay,
  formatDelta,
  formatLongDay,
  formatNumber,
  formatPercent,
  formatPoints,
  formatRate,
  formatShortDay,
} from '../../../electron/shared/format'

describe('the shared formats (screens and report)', () => {
  it('writes counts, changes and rates one way', () => {
    expect(formatNumber(12345)).toBe('12,345')
    expect(formatDelta(1200)).toBe('+1,200')
    expect(formatDelta(-3)).toBe('\u22123')
    expect(formatDelta(0)).toBe('0')
    expect(formatChange(5, 5)).toBe('no change')
    expect(formatChange(5, 7)).toBe('\u22122')
    expect(formatChange(5, null)).toBe('')
    expect(formatRate(0.125)).toBe('12.5%')
    expect(formatRate(0.1)).toBe('10.0%')
    expect(formatRate(null)).toBe('–')
    expect(formatPercent(1, 8)).toBe('12.5%')
    expect(formatPercent(1, 0)).toBe('0%')
  })

  it('writes a change of rate in points, and no change under a twentieth of a point', () => {
    expect(formatPoints(0.15, 0.121)).toBe('+2.9 pts')
    expect(formatPoints(0.1, 0.104)).toBe('\u22120.4 pts')
    expect(formatPoints(0.1, 0.1004)).toBe('no change')
    expect(formatPoints(null, 0.1)).toBeNull()
  })

  it('writes snapshot days without moving them across a time zone', () => {
    expect(formatDay('2026-11-20')).toBe('Nov 20, 2026')
    expect(formatShortDay('2026-11-20')).toBe('Nov 20')
    expect(formatLongDay('2026-11-20')).toBe('20 Nov 2026')
    expect(formatDay('not a day')).toBe('not a day')
  })
})
