import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppContext, type AppContext } from '../../../electron/main/core/app-context'
import { buildReport } from '../../../electron/main/export/report'
import { renderTrendCharts } from '../../../electron/main/export/report/charts'
import { escapeHtml } from '../../../electron/main/export/report/html'
import type { ChooseSavePath, PrintToPdf } from '../../../electron/main/core/handler-deps'
import { startImportWorkerFromSource } from '../../../electron/main/import/start-worker-node'
import { dispatch } from '../../../electron/main/core/ipc-dispatch'
import { RESOURCES_DIR } from '../../../electron/main/core/repo-paths'
import { saveIntoFolder } from '../../../electron/main/core/save-paths'
import type { Channel, Envelope, RequestOf, ResponseOf, TrendPoint } from '../../../electron/shared/ipc'
import { useTempDir } from '../../helpers/temp-dir'
import { createHistoryQueries } from '../../../electron/main/db/history-queries'
import { createTrendQueries } from '../../../electron/main/db/trend-queries'
import { buildHistory } from '../queries/history-fixture'

const tempDir = useTempDir()
const NOW = new Date('2026-11-27T12:00:00Z')
const EVIL = '<script>alert(1)</script>'

/** The text of a headline figure's value, read from the HTML as a reader sees it. */
function figure(html: string, key: string): string {
  const match = new RegExp(`data-figure="${key}"><div class="label">[^<]*</div><div class="value">([^<]*)</div>`).exec(
    html,
  )
  if (!match?.[1]) throw new Error(`no figure ${key}`)
  return match[1]
}

describe('the report, read from a real database', () => {
  it('shows the newest snapshot against the previous one, with the figures the database holds', async () => {
    const { db, ids } = await buildHistory(tempDir())
    const { html, data, fileName } = await buildReport(db, {}, { appVersion: 'test', now: NOW })
    expect(fileName).toBe('bounce-report-deliverability-2026-11-20.html')
    const stored = db
      .prepare(
        'SELECT row_count AS rows, invalid_count AS invalid, suspended_count AS suspended FROM imports WHERE id = ?',
      )
      .get(ids.S3) as { rows: number; invalid: number; suspended: number }
    // The fixture's table: S3 has 7 rows, Email Invalid cy, dee, dup #6, eve; bob suspended.
    expect(stored).toEqual({ rows: 7, invalid: 4, suspended: 1 })
    expect(figure(html, 'rows')).toBe(String(stored.rows))
    expect(figure(html, 'invalid')).toBe(String(stored.invalid))
    expect(figure(html, 'suspended')).toBe(String(stored.suspended))
    // cy returns invalid and dee is invalid again; ann recovered.
    expect(figure(html, 'newly-invalid')).toBe('2')
    expect(figure(html, 'recovered')).toBe('1')
    // Hard bounces: dup #6 (user unknown) of 7 rows.
    expect(figure(html, 'hard-rate')).toBe('14.3%')
    expect(html).toContain(
      'Compared with the previous snapshot of this list, 13 Nov 2026 (deliverability-2026-11-13.csv)',
    )
    expect(data.actionItems.map((item) => [item.kind, item.count])).toEqual([
      ['remove', 1],
      ['review-sender-blocks', 2],
      ['retry', 1],
    ])
    for (const item of data.actionItems) expect(html).toContain(escapeHtml(item.sentence))
    expect(html).toMatch(/data-verdict="fix-sending">.*<td class="n">2<\/td><td class="n">1<\/td>/)
    expect(html).toMatch(/data-domain="contoso\.example"><td class="key">contoso\.example<\/td><td class="n">1<\/td>/)
    // Four charts, each an inline SVG drawn from the three snapshots.
    expect(html.match(/<figure data-chart="(rates|groups|providers|changes)"><h3>/g)).toHaveLength(4)
    expect(html.match(/<svg /g)).toHaveLength(4)
    expect(html).toContain('3 snapshots of “deliverability”, 6 Nov 2026 to 20 Nov 2026')
    expect(html).not.toMatch(/<script/i)
    db.close()
  })

  it('reports one chosen snapshot with the history up to it, and a period with its own snapshots', async () => {
    const { db, ids } = await buildHistory(tempDir())
    const one = await buildReport(db, { importId: ids.S2 }, { appVersion: 'test', now: NOW })
    expect(one.fileName).toBe('bounce-report-deliverability-2026-11-13.html')
    expect(figure(one.html, 'rows')).toBe('6')
    expect(figure(one.html, 'invalid')).toBe('3')
    // dup #6 and eve became invalid; dee recovered (cy is absent, which is not a recovery).
    expect(figure(one.html, 'newly-invalid')).toBe('2')
    expect(figure(one.html, 'recovered')).toBe('1')
    expect(one.data.trend.map((point) => point.snapshotDate)).toEqual(['2026-11-06', '2026-11-13'])
    expect(one.html).toContain(`Snapshot of 13 Nov 2026 · file deliverability-2026-11-13.csv · import #${ids.S2}`)

    const period = await buildReport(db, { from: '2026-11-10', to: '2026-11-30' }, { appVersion: 'test', now: NOW })
    expect(period.fileName).toBe('bounce-report-deliverability-2026-11-10-to-2026-11-30.html')
    expect(period.data.latest.id).toBe(ids.S3)
    expect(period.data.trend.map((point) => point.snapshotDate)).toEqual(['2026-11-13', '2026-11-20'])
    expect(period.html).toContain('Period 10 Nov 2026 – 30 Nov 2026 (2 snapshots)')

    await expect(buildReport(db, { from: '2027-01-01' }, { appVersion: 'test' })).rejects.toMatchObject({
      code: 'bad-request',
    })
    await expect(buildReport(db, { importId: 99 }, { appVersion: 'test' })).rejects.toMatchObject({
      code: 'not-found',
    })
    db.close()
  })

  it('follows the Trends filters in a period report: its charts and table are the filtered series', async () => {
    const { db } = await buildHistory(tempDir())
    const range = { from: '2026-11-01', to: '2026-11-30' }
    const plain = await buildReport(db, range, { appVersion: 'test', now: NOW })
    const gmail = await buildReport(db, { ...range, provider: 'gmail' }, { appVersion: 'test', now: NOW })
    const history = createHistoryQueries(db)
    const expected = createTrendQueries(db, history).series({ ...range, provider: 'gmail' }).points
    expect(gmail.data.trend).toEqual(expected)
    expect(gmail.data.trend.map((point) => point.rows)).not.toEqual(plain.data.trend.map((point) => point.rows))
    expect(gmail.data.filters).toEqual({ provider: 'gmail' })
    expect(gmail.html).toContain('data-testid="report-filters"')
    expect(gmail.html).toContain('filtered to provider Gmail')
    expect(plain.html).not.toContain('report-filters')
    await expect(
      buildReport(db, { importId: gmail.data.latest.id, reason: 'userunknown' }, { appVersion: 'test' }),
    ).rejects.toMatchObject({ code: 'bad-request' })
    db.close()
  })

  it('draws chart labels as text, never as markup', async () => {
    const point = (importId: number, date: string): TrendPoint => ({
      importId,
      snapshotDate: date,
      rows: 10,
      invalid: 2,
      suspended: 0,
      invalidRate: 0.2,
      suspendedRate: 0,
      byReasonGroup: { address: 2, mailbox: 0, reputation: 0, content: 0, temporary: 0, other: 0 },
      byReason: {},
      byProvider: { [EVIL]: 2 },
      byReply: {},
      byStatus: {},
      byDomain: {},
      newlyInvalid: null,
      recovered: null,
    })
    const charts = await renderTrendCharts([point(1, '2026-11-13'), point(2, '2026-11-13')])
    const providers = charts.find((chart) => chart.key === 'providers')?.svg ?? ''
    expect(providers).toContain('&lt;script&gt;')
    expect(providers).not.toContain('<script')
    // Two snapshots of one day get their import number, so the axis keeps them apart.
    expect(providers).toContain('13 Nov (#1)')
  })
})

describe('reports:save, through dispatch', () => {
  let context: AppContext | null = null
  afterEach(() => context?.close())

  async function start(options: { printToPdf?: PrintToPdf; chooseSavePath?: ChooseSavePath } = {}) {
    // A second start in one test opens the same history again.
    if (!existsSync(join(tempDir(), 'history.db'))) (await buildHistory(tempDir())).db.close()
    context = createAppContext({
      dbPath: join(tempDir(), 'history.db'),
      resourcesDir: RESOURCES_DIR,
      version: 'test',
      shell: options.printToPdf ? 'electron' : 'web',
      emit: () => undefined,
      startImportWorker: startImportWorkerFromSource,
      chooseSavePath: options.chooseSavePath ?? saveIntoFolder(join(tempDir(), 'exports')),
      ...(options.printToPdf ? { printToPdf: options.printToPdf } : {}),
    })
  }

  async function call<K extends Channel>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    if (!context) throw new Error('start() first')
    const envelope = (await dispatch(context.handlers, channel, request)) as Envelope<ResponseOf<K>>
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code })
    return envelope.value
  }

  it('saves the HTML under a dated name, and escapes a list name a user typed', async () => {
    await start()
    const saved = await call('reports:save', { format: 'html' })
    const path = join(tempDir(), 'exports', 'bounce-report-deliverability-2026-11-20.html')
    expect(saved).toEqual({ saved: true, path, format: 'html', bytes: readFileSync(path).length })
    expect(readFileSync(path, 'utf8')).toContain(
      '<h1>Bounce report: <span data-testid="list-name">deliverability</span>',
    )

    await call('imports:update', { importId: 1, listName: EVIL })
    const renamed = await call('reports:save', { format: 'html', importId: 1 })
    if (!renamed.saved) throw new Error('expected a saved file')
    expect(renamed.path).toBe(join(tempDir(), 'exports', 'bounce-report-script-alert-1-script-2026-11-06.html'))
    const html = readFileSync(renamed.path, 'utf8')
    expect(html).toContain('Bounce report: &lt;script&gt;alert(1)&lt;/script&gt;</title>')
    expect(html).not.toContain(EVIL)
  })

  it('prints PDF only where the shell can, and says how to get one where it cannot', async () => {
    await start()
    await expect(call('reports:save', { format: 'pdf' })).rejects.toMatchObject({
      code: 'bad-request',
      message: 'PDF is made by the desktop app; save the HTML report and print it to PDF from your browser.',
    })
    expect(existsSync(join(tempDir(), 'exports'))).toBe(false)
    context?.close()

    const printed: string[] = []
    await start({
      printToPdf: async (html) => {
        printed.push(html)
        return new TextEncoder().encode('%PDF-1.7 stand-in')
      },
    })
    const saved = await call('reports:save', { format: 'pdf', from: '2026-11-01', to: '2026-11-30', listId: 1 })
    const path = join(tempDir(), 'exports', 'bounce-report-deliverability-2026-11-01-to-2026-11-30.pdf')
    expect(saved).toEqual({ saved: true, path, format: 'pdf', bytes: 17 })
    expect(readFileSync(path, 'utf8')).toBe('%PDF-1.7 stand-in')
    expect(printed).toHaveLength(1)
    expect(printed[0]).toContain('Period 1 Nov 2026 – 30 Nov 2026 (3 snapshots)')
  })

  it('leaves nothing behind when the dialog is closed, and refuses bad requests before it opens', async () => {
    let asked = 0
    await start({
      chooseSavePath: async () => {
        asked += 1
        return null
      },
    })
    expect(await call('reports:save', { format: 'html' })).toEqual({ saved: false })
    expect(asked).toBe(1)
    const bad: unknown[] = [
      {},
      { format: 'docx' },
      { format: 'html', importId: 1, from: '2026-11-01' },
      { format: 'html', importId: 1, listId: 1 },
      { format: 'html', from: '2026-11-20', to: '2026-11-01' },
      { format: 'html', extra: true },
    ]
    for (const request of bad) {
      await expect(call('reports:save', request as RequestOf<'reports:save'>)).rejects.toMatchObject({
        code: 'bad-request',
      })
    }
    await expect(call('reports:save', { format: 'html', importId: 42 })).rejects.toMatchObject({ code: 'not-found' })
    await expect(call('reports:save', { format: 'html', from: '2026-11-01', listId: 9 })).rejects.toMatchObject({
      code: 'not-found',
    })
    expect(asked).toBe(1)
  })
})
