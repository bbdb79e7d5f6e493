import { describe, expect, it } from 'vitest'
import type { TrendPoint, TrendSeries } from '../../../electron/shared/ipc'
import {
  breakdownFilters,
  breakdownSets,
  groupSets,
  keysOf,
  rowFilters,
  TOP_KEYS,
  TrendsState,
  trendsRequest,
  withSelected,
} from '../../../renderer/src/components/trends/trends-state.svelte'
import { NO_FILTERS } from '../../../renderer/src/components/trends/trend-values'

function point(importId: number, byProvider: Record<string, number>, extra: Partial<TrendPoint> = {}): TrendPoint {
  return {
    importId,
    snapshotDate: `2026-11-${String(importId).padStart(2, '0')}`,
    rows: 100,
    invalid: 10,
    suspended: 2,
    invalidRate: 0.1,
    suspendedRate: 0.02,
    byReasonGroup: { address: 6, mailbox: 0, reputation: 4, content: 0, temporary: 0, other: 0 },
    byReason: { userunknown: 6, blocklisted: 4 },
    byProvider,
    byReply: { '550': 10 },
    byStatus: { '5.1.1': 6 },
    byDomain: { 'gmail.com': 7, 'example.com': 3 },
    newlyInvalid: null,
    recovered: null,
    ...extra,
  }
}

function series(points: TrendPoint[]): TrendSeries {
  return { listId: 1, listName: 'weekly', lists: [{ id: 1, name: 'weekly' }], rowLevel: false, points }
}

describe('trendsRequest', () => {
  it('sends only what is set, drops values that are not a reason or verdict, and keeps the list alone without filters', () => {
    const values = {
      ...NO_FILTERS,
      listId: '3',
      from: '2026-11-01',
      domain: 'gmail.com',
      reason: 'nonsense',
      verdict: 'remove',
    }
    expect(trendsRequest(values, true)).toEqual({
      listId: 3,
      from: '2026-11-01',
      domain: 'gmail.com',
      verdict: 'remove',
    })
    expect(trendsRequest(values, false)).toEqual({ listId: 3 })
    expect(trendsRequest({ ...NO_FILTERS, listId: 'x' }, true)).toEqual({})
    // Subdomains apart: the charts and the menus both ask for domains as written.
    expect(trendsRequest({ ...NO_FILTERS, listId: '3', subdomains: 'exact' }, false)).toEqual({
      listId: 3,
      exactDomains: true,
    })
  })

  it('turns the filters into Leads filters: a domain is searched as @domain, dates are not filters there', () => {
    const values = {
      ...NO_FILTERS,
      from: '2026-11-01',
      domain: 'gmail.com',
      provider: 'google',
      reason: 'userunknown',
    }
    expect(rowFilters(values)).toEqual({ search: '@gmail.com', provider: 'google', reason: 'userunknown' })
  })
})

describe('datasets', () => {
  const points = [point(1, { google: 5, microsoft: 3 }), point(2, { google: 1, yahoo: 4 })]

  it('ranks keys by their rows over every snapshot, then by name', () => {
    expect(keysOf('byProvider', points)).toEqual(['google', 'yahoo', 'microsoft'])
    expect(withSelected(['a'], 'b')).toEqual(['a', 'b'])
    expect(withSelected(['a'], '')).toEqual(['a'])
  })

  it('draws the commonest keys and sums the rest as "N more"', () => {
    const many = [point(1, { a: 9, b: 8, c: 7, d: 6, e: 5, f: 2, g: 1 })]
    const sets = breakdownSets(many, 'byProvider')
    expect(sets).toHaveLength(TOP_KEYS + 1)
    expect(sets.at(-1)).toMatchObject({ key: '', label: '2 more', data: [3] })
    expect(breakdownSets(points, 'byReply').map((set) => set.key)).toEqual(['550'])
  })

  it('stacks only the reason groups that have rows', () => {
    expect(groupSets(points).map((set) => set.key)).toEqual(['address', 'reputation'])
  })

  it('opens a breakdown point on its key, and "the rest" on every invalid row', () => {
    expect(breakdownFilters('byProvider', 'google')).toEqual({ invalid: true, provider: 'google' })
    expect(breakdownFilters('byDomain', 'gmail.com')).toEqual({ invalid: true, search: '@gmail.com' })
    expect(breakdownFilters('byStatus', '5.1.1')).toEqual({ invalid: true, code: '5.1.1' })
    expect(breakdownFilters('byReply', '')).toEqual({ invalid: true })
  })
})

describe('TrendsState', () => {
  it('offers menus from the unfiltered series, keeping a chosen value the filtered data lost', () => {
    const trends = new TrendsState(
      () => series([point(2, { google: 1 })]),
      () => series([point(1, { google: 5, microsoft: 3 }), point(2, { google: 1 })]),
    )
    trends.filters.provider = 'aol'
    expect(trends.providerOptions).toEqual(['google', 'microsoft', 'aol'])
    expect(trends.domainOptions).toEqual(['gmail.com', 'example.com'])
    expect(trends.first?.importId).toBe(2)
    expect(trends.latest?.importId).toBe(2)
  })

  it('opens a point with its snapshot, the filters and what the chart adds', () => {
    const trends = new TrendsState(
      () => series([point(4, { google: 1 }), point(5, { google: 2 })]),
      () => undefined,
    )
    trends.filters.domain = 'gmail.com'
    expect(trends.pick(1, { suspended: true })).toEqual({ importId: 5, search: '@gmail.com', suspended: true })
    trends.breakdown = 'byDomain'
    expect(trends.breakdownLabel).toBe('Domain')
    expect(trends.pickBreakdown(0, 'example.com')).toEqual({ importId: 4, search: '@example.com', invalid: true })
    expect(trends.pick(9, {})).toBeNull()
  })
})
