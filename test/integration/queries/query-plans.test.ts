import { afterEach, describe, expect, it } from 'vitest'
import { createCodeUsageQueries } from '../../../electron/main/db/code-usage-queries'
import { createDiffQueries } from '../../../electron/main/db/diff-queries'
import { createExplorerQueries } from '../../../electron/main/db/explorer-queries'
import type { Db } from '../../../electron/main/db/open'
import { createQueries } from '../../../electron/main/db/queries'
import { createTransitionCounter } from '../../../electron/main/db/transition-counts'
import { createTrendQueries } from '../../../electron/main/db/trend-queries'
import { useTempDir } from '../../helpers/temp-dir'
import { buildHistory } from './history-fixture'

const tempDir = useTempDir()
let db: Db | null = null
afterEach(() => db?.close())

/** A full pass over a table of spans or leads: what a query over millions of rows must not do. */
const FULL_SCAN = /^SCAN (open_spans|closed_spans|leads|l|o|c|s|p|n)\b(?! USING INDEX leads_by_)/

function expectIndexed(plan: string[], ...indexes: RegExp[]): void {
  const text = plan.join('\n')
  expect(
    plan.filter((step) => FULL_SCAN.test(step) && !step.startsWith('SCAN s') && !step.startsWith('SCAN m')),
  ).toEqual([])
  for (const index of indexes) expect(text).toMatch(index)
}

// Statistics change SQLite's choices; ANALYZE on the tiny database is the harder case (it then
// likes full scans), so the plans are checked both ways.
describe.each([false, true])('query plans (analyzed: %s)', (analyze) => {
  async function start() {
    const built = await buildHistory(tempDir())
    db = built.db
    if (analyze) db.exec('ANALYZE')
    const queries = createQueries(db)
    return {
      ...built,
      queries,
      trends: createTrendQueries(db, queries.history),
      explorer: createExplorerQueries(db),
      diff: createDiffQueries(db),
    }
  }

  it('explorer pages walk an index from the cursor and probe spans by key', async () => {
    const { explorer, ids } = await start()
    const first = explorer.plan({ importId: ids.S3 })
    expectIndexed(
      first,
      /leads_by_email/,
      /SEARCH o USING PRIMARY KEY \(list_id=\? AND lead_id=\?\)/,
      /SEARCH c USING INDEX closed_spans_by_lead \(list_id=\? AND lead_id=\?/,
    )
    // No sort of the whole snapshot: the page comes off the index in order.
    expect(first.join('\n')).not.toMatch(/TEMP B-TREE/)
    const later = explorer.plan({ importId: ids.S3, after: '["m@x.example",4]' })
    expectIndexed(later, /SEARCH l USING INDEX leads_by_email \(email>\?\)/)
    expectIndexed(
      explorer.plan({ importId: ids.S3, sort: 'domain', after: '["m.example",4]' }),
      /leads_by_domain \(domain>\?\)/,
    )
    expectIndexed(explorer.plan({ importId: ids.S3, search: 'ann@' }), /leads_by_email \(email>\? AND email<\?\)/)
    expectIndexed(explorer.plan({ importId: ids.S3, search: '@gmail' }), /leads_by_domain \(domain>\? AND domain<\?\)/)
    expectIndexed(
      explorer.plan({ importId: ids.S3, search: 'gmail' }),
      /leads_by_email \(email>\? AND email<\?\)/,
      /leads_by_domain \(domain>\? AND domain<\?\)/,
      /SEARCH l USING INTEGER PRIMARY KEY/,
    )
  })

  it('explorer pages with a cause filter find their spans by cause id in the flagged index', async () => {
    const { explorer, ids } = await start()
    for (const request of [
      { verdict: 'remove' as const },
      { code: '550' },
      { reason: 'blocked' as const, invalid: true },
    ]) {
      const plan = explorer.plan({ importId: ids.S3, ...request })
      expectIndexed(
        plan,
        /SEARCH open_spans USING (COVERING )?INDEX open_spans_flagged \(list_id=\? AND invalid_cause_id=\?/,
        /SEARCH closed_spans USING (COVERING )?INDEX closed_spans_flagged \(list_id=\? AND invalid_cause_id=\?/,
      )
    }
  })

  it('explorer pages with a flag or provider filter walk leads in order', async () => {
    const { explorer, ids } = await start()
    for (const request of [
      { invalid: true },
      { suspended: true },
      { provider: 'gmail' },
      { verdict: 'review' as const },
    ]) {
      const plan = explorer.plan({ importId: ids.S3, ...request })
      expectIndexed(plan, /leads_by_email/, /SEARCH o USING PRIMARY KEY/, /closed_spans_by_lead/)
      expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/)
    }
  })

  it('a trend series filtered by domain reads that domain through its index', async () => {
    const { trends } = await start()
    const plans = trends.plans(1, 'gmail.com')
    expectIndexed(
      plans['domainSpanRanges'] ?? [],
      /leads_by_domain \(domain=\?\)/,
      /SEARCH o USING PRIMARY KEY/,
      /closed_spans_by_lead \(list_id=\? AND lead_id=\?\)/,
    )
  })

  it('newly invalid and recovered counts read only the spans that start at a snapshot', async () => {
    const { db } = await start()
    expectIndexed(
      createTransitionCounter(db).plan(1, 2),
      /COVERING INDEX open_spans_by_from \(list_id=\? AND from_seq=\?\)/,
      /COVERING INDEX closed_spans_by_from \(list_id=\? AND from_seq=\?\)/,
      /closed_spans_by_lead \(list_id=\? AND lead_id=\?\)/,
    )
  })

  it('tallies across snapshots are found per snapshot by primary key, not by scanning every tally', async () => {
    const { queries } = await start()
    const plans = queries.history.plans(1)
    for (const plan of [plans['storedTransitions'] ?? [], plans['counts'] ?? []]) {
      expectIndexed(plan, /SEARCH c USING PRIMARY KEY \(import_id=\? AND dimension=\?\)/)
    }
  })

  it('a diff reads only the spans that end or start between the two snapshots, from the indexes alone', async () => {
    const { diff } = await start()
    const plans = diff.plans(1, 1, 3)
    expectIndexed(
      plans['endingBetween'] ?? [],
      /COVERING INDEX closed_spans_by_to \(list_id=\? AND to_seq>\? AND to_seq<\?\)/,
    )
    expectIndexed(
      plans['startingBetween'] ?? [],
      /COVERING INDEX open_spans_by_from \(list_id=\? AND from_seq>\? AND from_seq<\?\)/,
      /COVERING INDEX closed_spans_by_from \(list_id=\? AND from_seq>\? AND from_seq<\?\)/,
    )
    expectIndexed(plans['invalidAcross'] ?? [], /open_spans_flagged/, /closed_spans_flagged/)
    expectIndexed(
      plans['invalidAcrossCount'] ?? [],
      /COVERING INDEX open_spans_flagged/,
      /COVERING INDEX closed_spans_flagged/,
    )
    expectIndexed(plans['leadState'] ?? [], /PRIMARY KEY \(list_id=\? AND lead_id=\?\)/, /closed_spans_by_lead/)
  })

  it('code usage counts a list’s Email Invalid spans by cause from the covering flagged indexes', async () => {
    const { db: opened } = await start()
    const plan = createCodeUsageQueries(opened).plan()
    expectIndexed(
      plan,
      /SEARCH open_spans USING COVERING INDEX open_spans_flagged \(list_id=\? AND invalid_cause_id>\?\)/,
      /SEARCH closed_spans USING COVERING INDEX closed_spans_flagged \(list_id=\? AND invalid_cause_id>\?\)/,
      /SEARCH c USING INTEGER PRIMARY KEY/,
    )
    // Spans come off the index in cause order; only the few per-cause rows are grouped again.
    expect(plan.filter((step) => /TEMP B-TREE/.test(step))).toEqual(['USE TEMP B-TREE FOR GROUP BY'])
  })
})
