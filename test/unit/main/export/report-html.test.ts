import { describe, expect, it } from 'vitest'
import type { ReportChart } from '../../../../electron/main/export/report/charts'
import { buildReportHtml, escapeHtml } from '../../../../electron/main/export/report/html'
import type { ReportData } from '../../../../electron/main/export/report/report-data'
import { defaultReportFileName } from '../../../../electron/main/export/report'
import { formatChange, formatPointsChange, longDay, slug } from '../../../../electron/main/export/report/words'
import type { ImportSummary, TrendPoint } from '../../../../electron/shared/ipc'

const EVIL = '<script>alert(1)</script>'

function summary(id: number, date: string, rows: number, invalid: number): ImportSummary {
  return {
    id,
    fileName: `export-${date}<img src=x onerror=alert(2)>.csv`,
    listName: `Weekly ${EVIL}`,
    snapshotDate: date,
    snapshotDateSource: 'file-name',
    importedAt: `${date}T10:00:00Z`,
    rows,
    invalid,
    suspended: 1,
    skipped: 0,
  }
}

function point(importId: number, date: string, invalid: number): TrendPoint {
  return {
    importId,
    snapshotDate: date,
    rows: 100,
    invalid,
    suspended: 1,
    invalidRate: invalid / 100,
    suspendedRate: 0.01,
    byReasonGroup: { address: invalid, mailbox: 0, reputation: 0, content: 0, temporary: 0, other: 0 },
    byReason: { userunknown: invalid },
    byProvider: { gmail: invalid },
    byReply: {},
    byStatus: {},
    byDomain: {},
    newlyInvalid: importId === 1 ? null : 2,
    recovered: importId === 1 ? null : 1,
  }
}

/** A hand-made report of two snapshots, with user data that tries to break out of the HTML. */
function data(): ReportData {
  return {
    scope: { kind: 'import', importId: 2, snapshotDate: '2026-11-20' },
    filters: {},
    listName: `Weekly ${EVIL}`,
    latest: summary(2, '2026-11-20', 100, 12),
    previous: summary(1, '2026-11-13', 90, 9),
    comparison: {
      rows: { latest: 100, previous: 90 },
      invalid: { latest: 12, previous: 9 },
      suspended: { latest: 1, previous: 1 },
      suspendedWithin24h: { latest: 1, previous: 0 },
      suspendedOlder: { latest: 0, previous: 1 },
      hardBounces: { latest: 7, previous: 5 },
      hardBounceRate: { latest: 0.07, previous: 5 / 90 },
      newlyInvalid: 4,
      recovered: 1,
    },
    verdicts: [
      { verdict: 'remove', latest: 7, previous: 5 },
      { verdict: 'retry', latest: 2, previous: 2 },
      { verdict: 'fix-sending', latest: 3, previous: 2 },
      { verdict: 'review', latest: 0, previous: 0 },
    ],
    reasonGroups: [
      { group: 'address', latest: 7, previous: 5 },
      { group: 'mailbox', latest: 2, previous: 2 },
      { group: 'reputation', latest: 3, previous: 2 },
      { group: 'content', latest: 0, previous: 0 },
      { group: 'temporary', latest: 0, previous: 0 },
      { group: 'other', latest: 0, previous: 0 },
    ],
    topReasons: [{ reason: 'userunknown', rows: 7 }],
    topDomains: [{ key: `${EVIL}.example`, latest: 5, previous: 3 }],
    topProviders: [
      {
        key: 'gmail',
        latest: 5,
        previous: 3,
        addresses: { latest: 50, previous: 45 },
        rate: { latest: 0.1, previous: 3 / 45 },
      },
    ],
    actionItems: [
      {
        kind: 'remove',
        count: 7,
        sentence: `7 addresses to remove: the mailbox or its domain does not exist. ${EVIL}`,
        explorer: { importId: 2, invalid: true, verdict: 'remove' },
      },
    ],
    trend: [point(1, '2026-11-13', 9), point(2, '2026-11-20', 12)],
    otherLists: [{ name: `Other ${EVIL}`, snapshots: 2 }],
  }
}

const CHARTS: ReportChart[] = [
  { key: 'rates', title: 'Rates', caption: 'Caption', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
]
const META = { generatedAt: new Date('2026-11-27T12:00:00Z'), appVersion: '1.2.3' }

describe('the report HTML', () => {
  const html = buildReportHtml(data(), CHARTS, META)

  it('escapes every piece of user data: list, file and domain names, bounce sentences', () => {
    expect(html).not.toContain(EVIL)
    expect(html).not.toContain('<img')
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('Weekly &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.example')
    expect(html).toContain('Other &lt;script&gt;alert(1)&lt;/script&gt; (2)')
    expect(html).toContain('export-2026-11-20&lt;img src=x onerror=alert(2)&gt;.csv')
    expect(escapeHtml(`a&b"c'd<e>`)).toBe('a&amp;b&quot;c&#39;d&lt;e&gt;')
  })

  it('stands alone: no script, no link, no fetch, and a policy that refuses them anyway', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)
    expect(html).not.toMatch(/<(link|iframe|object|embed)\b/i)
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?https?:/i)
    expect(html).not.toMatch(/@import|url\(/i)
    // Print rules: A4 pages, and a chart or a table row is never cut in two.
    expect(html).toContain('@page { size: A4;')
    expect(html).toMatch(/figure, \.keep \{ break-inside: avoid/)
    expect(html).toMatch(/tr \{ break-inside: avoid/)
  })

  it('has every section, with the figures compared with the previous snapshot', () => {
    for (const id of ['headline', 'actions', 'verdicts', 'reasons', 'tops', 'trends']) {
      expect(html).toMatch(new RegExp(`<section[^>]* id="${id}"`))
    }
    expect(html).toMatch(/<div class="figure" data-figure="rows">.*<div class="value">100<\/div>.*was 90/)
    expect(html).toMatch(/data-figure="invalid">.*Email Invalid \(12\.0%\).*<div class="value">12<\/div>.*\+3/)
    expect(html).toMatch(/data-figure="hard-rate">.*7\.0%.*\+1\.4 pts/)
    expect(html).toMatch(/data-figure="newly-invalid">.*<div class="value">4<\/div>/)
    expect(html).toContain('Compared with the previous snapshot of this list, 13 Nov 2026')
    expect(html).toMatch(/<li class="remove" data-kind="remove" data-count="7">7 addresses to remove/)
    expect(html).toMatch(/data-verdict="remove">.*<td class="n">7<\/td><td class="n">5<\/td>/)
    expect(html).toContain('<figure data-chart="rates"><h3>Rates</h3>')
    expect(html).toContain('Made by Bounce Auditor 1.2.3 on 2026-11-27 12:00 UTC')
  })

  it('says so when there is nothing to compare with or to act on', () => {
    const first = { ...data(), previous: null, actionItems: [], trend: [point(1, '2026-11-13', 9)] }
    const text = buildReportHtml(first, CHARTS, META)
    expect(text).toContain('This is the first snapshot of this list')
    expect(text).toContain('Nothing to act on in this snapshot')
    expect(text).toContain('Only one snapshot of this list so far')
    expect(text).not.toContain('<th class="n">Before</th>')
  })
})

describe('report words and file names', () => {
  it('names the file after the list and the snapshot or period', () => {
    const scope = { kind: 'import', importId: 3, snapshotDate: '2026-11-20' } as const
    expect(defaultReportFileName('Weekly Deliverability (EMEA)', scope, 'html')).toBe(
      'bounce-report-weekly-deliverability-emea-2026-11-20.html',
    )
    const period = { kind: 'range', from: '2026-11-01', to: '2026-11-20', snapshots: 3 } as const
    expect(defaultReportFileName(EVIL, period, 'pdf')).toBe(
      'bounce-report-script-alert-1-script-2026-11-01-to-2026-11-20.pdf',
    )
    expect(defaultReportFileName('Ünïcödé ✓', scope, 'pdf')).toBe('bounce-report-unicode-2026-11-20.pdf')
    expect(defaultReportFileName('✓✓', scope, 'pdf')).toBe('bounce-report-list-2026-11-20.pdf')
  })

  it('formats dates and changes as the screens do', () => {
    expect(longDay('2026-01-05')).toBe('5 Jan 2026')
    expect(formatChange(5, 3)).toBe('+2')
    expect(formatChange(3, 5)).toBe('−2')
    expect(formatChange(3, 3)).toBe('no change')
    expect(formatChange(3, null)).toBe('')
    expect(formatPointsChange(0.1, 0.05)).toBe('+5.0 pts')
    expect(slug('  --  ', 'list')).toBe('list')
  })
})
