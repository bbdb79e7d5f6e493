import { afterEach, describe, expect, it } from 'vitest'
import { createDiffQueries } from '../../../electron/main/db/diff-queries'
import { createExplorerQueries, TOTAL_CAP } from '../../../electron/main/db/explorer-queries'
import { createImportEditStore } from '../../../electron/main/db/import-edit-store'
import type { Db } from '../../../electron/main/db/open'
import { createQueries } from '../../../electron/main/db/queries'
import { createTrendQueries } from '../../../electron/main/db/trend-queries'
import { useTempDir } from '../../helpers/temp-dir'
import { buildHistory, CAUSES, leadIds } from './history-fixture'

const tempDir = useTempDir()
let db: Db | null = null
afterEach(() => db?.close())

async function start(order?: Parameters<typeof buildHistory>[1]) {
  const built = await buildHistory(tempDir(), order)
  db = built.db
  const queries = createQueries(db)
  return {
    ...built,
    queries,
    trends: createTrendQueries(db, queries.history),
    explorer: createExplorerQueries(db),
    diff: createDiffQueries(db),
    lead: leadIds(db),
  }
}

describe('overview', () => {
  it('compares the latest snapshot with the previous one of its list', async () => {
    const { queries, ids } = await start(['S3', 'S1', 'S2'])
    const overview = queries.overview()
    expect(overview.latest?.id).toBe(ids.S3)
    expect(overview.previous?.id).toBe(ids.S2)
    expect(overview.comparison).toEqual({
      rows: { latest: 7, previous: 6 },
      invalid: { latest: 4, previous: 3 },
      suspended: { latest: 1, previous: 1 },
      // bob: suspended at 11-13 08:00 in the 11-13 snapshot (within 24 h), at 11-10 in the 11-20 one.
      suspendedWithin24h: { latest: 0, previous: 1 },
      suspendedOlder: { latest: 1, previous: 0 },
      hardBounces: { latest: 1, previous: 2 },
      hardBounceRate: { latest: 1 / 7, previous: 2 / 6 },
      newlyInvalid: 2,
      recovered: 1,
    })
    expect(overview.verdicts).toEqual([
      { verdict: 'remove', latest: 1, previous: 2 },
      { verdict: 'retry', latest: 1, previous: 0 },
      { verdict: 'fix-sending', latest: 2, previous: 1 },
      { verdict: 'review', latest: 0, previous: 0 },
    ])
    expect(overview.reasonGroups.find((group) => group.group === 'reputation')).toEqual({
      group: 'reputation',
      latest: 2,
      previous: 1,
    })
    expect(overview.topProviders.find((provider) => provider.key === 'yahoo')).toEqual({
      key: 'yahoo',
      latest: 1,
      previous: 0,
      addresses: { latest: 1, previous: 1 },
      rate: { latest: 1, previous: 0 },
    })
    // The existing fields stay.
    expect(overview.byVerdict.find((entry) => entry.verdict === 'fix-sending')?.rows).toBe(2)
  })

  it('writes action items as sentences with the filter behind each number', async () => {
    const { queries, ids } = await start()
    const items = queries.overview().actionItems
    // yahoo went from 0 % to 100 % of its one address: below the rise rule's floor of 20 addresses.
    expect(items.map((item) => item.kind)).toEqual(['remove', 'review-sender-blocks', 'retry'])
    expect(items[0]).toEqual({
      kind: 'remove',
      count: 1,
      sentence: '1 address to remove: the mailbox or its domain does not exist.',
      explorer: { importId: ids.S3, invalid: true, verdict: 'remove' },
    })
    expect(items[1]?.sentence).toBe(
      '2 leads that Marketo marked Email Invalid were blocked for sender reasons (Microsoft 5.7.606, Spamhaus 5.7.1): probably valid, review before deleting.',
    )
  })
})

describe('provider rise', () => {
  it("says when a provider's bounce rate rose since the previous snapshot", async () => {
    const { writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { openDatabase } = await import('../../../electron/main/db/open')
    const { importFile } = await import('../../../electron/main/import/import-file')
    db = openDatabase(join(tempDir(), 'rise.db'))
    // 500 Outlook addresses: 1 blocked on 14 Nov, 15 a week later.
    const week = (date: string, blocked: number): string => {
      const rows = Array.from({ length: 500 }, (_, i) =>
        i < blocked ? `${i},u${i}@outlook.com,true,"${CAUSES.MS}"` : `${i},u${i}@outlook.com,false,`,
      )
      const path = join(tempDir(), `weekly-${date}.csv`)
      writeFileSync(path, `Id,Email Address,Email Invalid,Email Invalid Cause\n${rows.join('\n')}\n`)
      return path
    }
    await importFile(db, { path: week('2026-11-14', 1), name: 'weekly-2026-11-14.csv' })
    const latest = await importFile(db, { path: week('2026-11-21', 15), name: 'weekly-2026-11-21.csv' })
    const rise = createQueries(db)
      .overview()
      .actionItems.find((item) => item.kind === 'provider-rise')
    expect(rise).toEqual({
      kind: 'provider-rise',
      count: 15,
      sentence: 'Microsoft bounces rose from 0.2 % to 3.0 % of Microsoft addresses since 14 Nov.',
      explorer: { importId: latest.id, invalid: true, provider: 'microsoft' },
    })
  })
})

describe('trend series', () => {
  it('reads the stored tallies without row filters', async () => {
    const { trends } = await start(['S2', 'S3', 'S1'])
    const series = trends.series({})
    expect(series).toMatchObject({ listName: 'deliverability', rowLevel: false })
    expect(
      series.points.map((p) => [p.snapshotDate, p.rows, p.invalid, p.suspended, p.newlyInvalid, p.recovered]),
    ).toEqual([
      ['2026-11-06', 6, 3, 0, null, null],
      ['2026-11-13', 6, 3, 1, 2, 1],
      ['2026-11-20', 7, 4, 1, 2, 1],
    ])
    const last = series.points[2]
    expect(last?.byReasonGroup).toEqual({ address: 1, mailbox: 1, reputation: 2, content: 0, temporary: 0, other: 0 })
    expect(last?.byReply).toEqual({ '550': 3, '552': 1 })
    expect(last?.byStatus).toEqual({ '5.1.1': 1, '5.2.2': 1, '5.7.1': 1, '5.7.606': 1 })
    expect(last?.byProvider).toEqual({ microsoft: 1, other: 1, spamhaus: 1, yahoo: 1 })
    expect(last?.invalidRate).toBeCloseTo(4 / 7)
    expect(trends.series({ from: '2026-11-10', to: '2026-11-15' }).points.map((p) => p.snapshotDate)).toEqual([
      '2026-11-13',
    ])
  })

  it('scans rows for a reason, verdict, domain or provider, with newly invalid and recovered', async () => {
    const { trends } = await start()
    const pick = (request: Parameters<typeof trends.series>[0]) =>
      trends.series(request).points.map((p) => [p.rows, p.invalid, p.newlyInvalid, p.recovered])
    // Lead 1 (user unknown) recovers in S3; lead 6 becomes user unknown in S2.
    expect(pick({ verdict: 'remove' })).toEqual([
      [6, 1, null, null],
      [6, 2, 1, 0],
      [7, 1, 0, 1],
    ])
    // Lead 3 (Spamhaus) leaves in S2 (not a recovery) and comes back invalid in S3 (newly invalid).
    expect(pick({ reason: 'blocked' })).toEqual([
      [6, 1, null, null],
      [6, 1, 1, 0],
      [7, 2, 1, 0],
    ])
    // Two leads share dup@fabrikam.example: both count as the domain's rows.
    expect(pick({ domain: 'fabrikam.example' })).toEqual([
      [2, 0, null, null],
      [2, 1, 1, 0],
      [2, 1, 0, 0],
    ])
    // Lead 4 bounces, recovers and bounces again.
    expect(pick({ provider: 'yahoo' })).toEqual([
      [1, 1, null, null],
      [1, 0, 0, 1],
      [1, 1, 1, 0],
    ])
    // One domain's charts have every breakdown: ann@gmail.com is user unknown, then recovers.
    const gmail = trends.series({ domain: 'gmail.com' }).points
    expect(gmail.map((p) => [p.byStatus, p.byReply, p.recovered])).toEqual([
      [{ '5.1.1': 1 }, { '550': 1 }, null],
      [{ '5.1.1': 1 }, { '550': 1 }, 0],
      [{}, {}, 1],
    ])
    // A domain of another provider has no rows under a provider filter; bob@outlook.com is Microsoft's.
    expect(trends.series({ domain: 'gmail.com', provider: 'microsoft' }).points.map((p) => p.rows)).toEqual([0, 0, 0])
    expect(trends.series({ domain: 'outlook.com', provider: 'microsoft' }).points.map((p) => p.suspended)).toEqual([
      0, 1, 1,
    ])
    const suspended = trends.series({ provider: 'microsoft' }).points.map((p) => p.suspended)
    expect(suspended).toEqual([0, 1, 1])
    expect(trends.series({ verdict: 'fix-sending' }).points[2]?.byProvider).toEqual({ microsoft: 1, spamhaus: 1 })
  })

  it('adds up to the tallies over all verdicts and over all providers', async () => {
    const { trends } = await start()
    const all = trends.series({}).points
    const sum = (requests: Parameters<typeof trends.series>[0][]) =>
      all.map((_, index) =>
        requests.reduce((total, request) => total + (trends.series(request).points[index]?.invalid ?? 0), 0),
      )
    const invalid = all.map((point) => point.invalid)
    expect(
      sum(['remove', 'retry', 'fix-sending', 'review'].map((verdict) => ({ verdict: verdict as 'remove' }))),
    ).toEqual(invalid)
    const providers = new Set(all.flatMap((point) => Object.keys(point.byProvider)))
    expect(sum([...providers].map((provider) => ({ provider })))).toEqual(invalid)
  })
})

describe('explorer', () => {
  it('pages a snapshot by email with a keyset cursor', async () => {
    const { explorer, ids } = await start()
    const seen: string[] = []
    let after: string | undefined
    for (;;) {
      const page = explorer.page({ importId: ids.S3, limit: 2, ...(after ? { after } : {}) })
      expect(page).toMatchObject({ total: 7, totalExact: true })
      seen.push(...page.rows.map((row) => `${row.email}#${row.leadId}`))
      if (!page.nextCursor) break
      after = page.nextCursor
    }
    expect(seen.map((entry) => entry.split('#')[0])).toEqual([
      'ann@gmail.com',
      'bob@outlook.com',
      'cy@contoso.example',
      'dee@yahoo.com',
      'dup@fabrikam.example',
      'dup@fabrikam.example',
      'eve@hotmail.com',
    ])
    expect(new Set(seen).size).toBe(7)
  })

  it('filters by flags, cause, code, provider and search, on either plan', async () => {
    const { explorer, ids, lead } = await start()
    const emails = (request: Omit<Parameters<typeof explorer.page>[0], 'importId'>, importId = ids.S3) =>
      explorer.page({ importId, ...request }).rows.map((row) => row.email)
    expect(emails({ invalid: true })).toEqual([
      'cy@contoso.example',
      'dee@yahoo.com',
      'dup@fabrikam.example',
      'eve@hotmail.com',
    ])
    expect(emails({ invalid: false })).toEqual(['ann@gmail.com', 'bob@outlook.com', 'dup@fabrikam.example'])
    expect(emails({ suspended: true })).toEqual(['bob@outlook.com'])
    expect(emails({ verdict: 'fix-sending' })).toEqual(['cy@contoso.example', 'eve@hotmail.com'])
    expect(emails({ reason: 'mailboxfull' })).toEqual(['dee@yahoo.com'])
    expect(emails({ code: '5.7.606' })).toEqual(['eve@hotmail.com'])
    expect(emails({ code: '552' })).toEqual(['dee@yahoo.com'])
    expect(emails({ provider: 'microsoft' })).toEqual(['bob@outlook.com', 'eve@hotmail.com'])
    expect(emails({ provider: 'spamhaus', invalid: true })).toEqual(['cy@contoso.example'])
    expect(emails({ search: '@fabrikam' })).toEqual(['dup@fabrikam.example', 'dup@fabrikam.example'])
    expect(emails({ search: 'DUP@' })).toEqual(['dup@fabrikam.example', 'dup@fabrikam.example'])
    expect(emails({ search: 'yahoo' })).toEqual(['dee@yahoo.com'])
    // Lead 3 is not in S2.
    expect(emails({ search: 'cy' }, ids.S2)).toEqual([])
    const dup = explorer.page({ importId: ids.S3, search: 'dup' })
    expect(dup.rows.map((row) => [row.leadId, row.invalid, row.causeText])).toEqual([
      [lead[5], false, null],
      [lead[6], true, CAUSES.UU],
    ])
    expect(dup).toMatchObject({ total: 2, totalExact: true })
  })

  it('sorts by domain and pages across equal domains', async () => {
    const { explorer, ids } = await start()
    const first = explorer.page({ importId: ids.S3, sort: 'domain', limit: 2 })
    expect(first.rows.map((row) => row.domain)).toEqual(['contoso.example', 'fabrikam.example'])
    const second = explorer.page({ importId: ids.S3, sort: 'domain', limit: 2, after: first.nextCursor ?? '' })
    expect(second.rows.map((row) => row.domain)).toEqual(['fabrikam.example', 'gmail.com'])
  })

  it('refuses a cursor it did not make', async () => {
    const { explorer, ids } = await start()
    expect(() => explorer.page({ importId: ids.S3, after: '{"x":1}' })).toThrow(/not a cursor/)
    expect(() => explorer.page({ importId: 999 })).toThrow(/no import/)
    expect(TOTAL_CAP).toBeGreaterThan(1000)
  })
})

describe('lead timeline', () => {
  it('lists every snapshot with the changes: bounce, recover, bounce again', async () => {
    const { explorer, lead, ids } = await start(['S2', 'S1', 'S3'])
    const timeline = explorer.timeline(lead[4] ?? 0)
    expect(timeline.lead).toMatchObject({ email: 'dee@yahoo.com', marketoId: '4' })
    expect(timeline.entries.map((entry) => [entry.importId, entry.invalid, entry.reason, entry.changes])).toEqual([
      [ids.S1, true, 'mailboxfull', []],
      [ids.S2, false, null, ['recovered']],
      [ids.S3, true, 'mailboxfull', ['became-invalid']],
    ])
    const cy = explorer.timeline(lead[3] ?? 0)
    expect(cy.entries.map((entry) => [entry.snapshotDate, entry.changes])).toEqual([
      ['2026-11-06', []],
      ['2026-11-20', ['appeared']],
    ])
    expect(cy.absences).toEqual([{ importId: ids.S2, listId: 1, snapshotDate: '2026-11-13' }])
    const bob = explorer.timeline(lead[2] ?? 0)
    expect(bob.entries.map((entry) => entry.changes)).toEqual([[], ['became-suspended'], []])
    expect(() => explorer.timeline(999)).toThrow(/no lead/)
  })
})

describe('diff', () => {
  it('counts each set between two snapshots, in either direction', async () => {
    const { diff, ids } = await start()
    const counts = (a: number, b: number) => {
      const { importA: _a, importB: _b, ...rest } = diff.counts(a, b)
      return rest
    }
    expect(counts(ids.S1, ids.S2)).toEqual({
      newlyInvalid: 2,
      recovered: 1,
      stillInvalid: 1,
      newlySuspended: 1,
      appeared: 1,
      disappeared: 1,
    })
    expect(counts(ids.S1, ids.S3)).toEqual({
      newlyInvalid: 2,
      recovered: 1,
      stillInvalid: 2,
      newlySuspended: 1,
      appeared: 1,
      disappeared: 0,
    })
    // Backwards: lead 6 was valid in S1 (recovered); lead 7 was not in it (disappeared, not recovered).
    expect(counts(ids.S3, ids.S1)).toEqual({
      newlyInvalid: 1,
      recovered: 1,
      stillInvalid: 2,
      newlySuspended: 0,
      appeared: 0,
      disappeared: 1,
    })
    expect(counts(ids.S2, ids.S2)).toMatchObject({ newlyInvalid: 0, stillInvalid: 3, appeared: 0 })
  })

  it('opens each set page by page', async () => {
    const { diff, ids, lead } = await start()
    const first = diff.rows({ importA: ids.S1, importB: ids.S3, kind: 'stillInvalid', limit: 1 })
    expect(first).toMatchObject({ total: 2, nextCursor: lead[3] })
    expect(first.rows[0]).toMatchObject({
      email: 'cy@contoso.example',
      before: { invalid: true, reason: 'blocked' },
      after: { invalid: true, reason: 'blocked' },
    })
    const second = diff.rows({ importA: ids.S1, importB: ids.S3, kind: 'stillInvalid', limit: 1, after: lead[3] ?? 0 })
    expect(second.rows.map((row) => row.email)).toEqual(['dee@yahoo.com'])
    expect(second.nextCursor).toBeNull()
    const appeared = diff.rows({ importA: ids.S1, importB: ids.S2, kind: 'appeared' })
    expect(appeared.rows).toEqual([
      {
        leadId: lead[7],
        email: 'eve@hotmail.com',
        domain: 'hotmail.com',
        before: null,
        after: expect.objectContaining({ invalid: true, status: '5.7.606' }) as unknown,
      },
    ])
  })

  it('still works after a snapshot between the two is deleted', async () => {
    const { diff, ids, db: handle } = await start()
    createImportEditStore(handle).delete(ids.S2)
    const { importA: _a, importB: _b, ...rest } = diff.counts(ids.S1, ids.S3)
    expect(rest).toEqual({
      newlyInvalid: 2,
      recovered: 1,
      stillInvalid: 2,
      newlySuspended: 1,
      appeared: 1,
      disappeared: 0,
    })
  })
})
