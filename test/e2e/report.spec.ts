import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from '@playwright/test'
import { readPdfText, squeeze } from '../helpers/pdf-text'
import { SCREENSHOT_DIR, expect, screenshot, test } from './fixtures'

const HEADER = 'Id,Email Address,Email Invalid,Email Invalid Cause'
const UNKNOWN = '550 5.1.1 Recipient address rejected: User unknown in local recipient table'
const SPAMHAUS = '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus'
const FULL = '452 4.2.2 The email account that you tried to reach is over quota'

/** Three weekly snapshots of one list; each week a few leads change. */
const WEEKS: Record<string, string[]> = {
  'deliverability-2026-11-06.csv': [
    `1,ana@northwind.example,true,"${UNKNOWN}"`,
    '2,bo@gmail.com,false,',
    `3,cy@contoso.example,true,"${SPAMHAUS}"`,
    '4,di@outlook.com,false,',
    '5,ed@gmail.com,false,',
  ],
  'deliverability-2026-11-13.csv': [
    `1,ana@northwind.example,true,"${UNKNOWN}"`,
    `2,bo@gmail.com,true,"${UNKNOWN}"`,
    '3,cy@contoso.example,false,',
    `4,di@outlook.com,true,"${FULL}"`,
    '5,ed@gmail.com,false,',
  ],
  'deliverability-2026-11-20.csv': [
    `1,ana@northwind.example,true,"${UNKNOWN}"`,
    `2,bo@gmail.com,true,"${UNKNOWN}"`,
    `3,cy@contoso.example,true,"${SPAMHAUS}"`,
    '4,di@outlook.com,false,',
    `5,ed@gmail.com,true,"${UNKNOWN}"`,
    '6,fa@yahoo.com,false,',
  ],
}

async function importWeeks(app: Page): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bounce-auditor-report-'))
  const files = Object.entries(WEEKS).map(([name, rows]) => {
    writeFileSync(join(dir, name), [HEADER, ...rows].join('\r\n') + '\r\n')
    return join(dir, name)
  })
  await app.getByTestId('nav-imports').click()
  await app.getByTestId('file-input').setInputFiles(files)
  await expect(app.getByTestId('import-row')).toHaveCount(3, { timeout: 20_000 })
  const dismiss = app.getByRole('button', { name: 'Dismiss message' })
  while ((await dismiss.count()) > 0) await dismiss.first().click()
}

/** The saved file's path, read from the success message. */
async function savedPath(app: Page): Promise<string> {
  const result = app.getByTestId('save-report-result')
  await expect(result).toHaveAttribute('data-kind', 'success')
  const match = / to (\/.+\.html)$/.exec((await result.textContent())?.trim() ?? '')
  if (!match?.[1]) throw new Error('no path in the message')
  return match[1]
}

/** Opens a saved report on its own, as a manager's browser would, and fails on any request out. */
async function openReport(app: Page, path: string): Promise<Page> {
  const report = await app.context().newPage()
  const outside: string[] = []
  report.on('request', (request) => {
    if (!request.url().startsWith('file:')) outside.push(request.url())
  })
  await report.goto(pathToFileURL(path).href)
  expect(outside, 'the report asked for something outside its file').toEqual([])
  return report
}

test('the overview saves a report that stands alone and prints to a short PDF with its numbers', async ({
  app,
  readDb,
}) => {
  // Three imports in the worker, a report with four charts and a PDF: slow on a shared CI core.
  test.setTimeout(120_000)
  await importWeeks(app)
  await app.getByTestId('nav-overview').click()
  const save = app.getByTestId('save-report-html')
  await expect(save).toBeVisible()
  // The preview has no Chromium on the Node side to print with: no PDF button, and a hint.
  await expect(app.getByTestId('save-report-pdf')).toHaveCount(0)
  await expect(app.getByTestId('save-report')).toContainText('print it to PDF')
  await save.click()
  const path = await savedPath(app)
  expect(path).toMatch(/[/\\]exports[/\\]bounce-report-deliverability-2026-11-20\.html$/)
  await app.getByTestId('save-report').scrollIntoViewIfNeeded()
  await screenshot(app, 'overview-report')

  // The file: the database's figures, the app's action items, four charts, nothing fetched.
  const html = readFileSync(path, 'utf8')
  const newest = readDb()
    .prepare('SELECT row_count AS rows, invalid_count AS invalid FROM imports ORDER BY snapshot_date DESC LIMIT 1')
    .get() as { rows: number; invalid: number }
  expect(newest).toEqual({ rows: 6, invalid: 4 })
  expect(html).toMatch(
    new RegExp(`data-figure="rows"><div class="label">[^<]*</div><div class="value">${newest.rows}<`),
  )
  expect(html).toMatch(
    new RegExp(`data-figure="invalid"><div class="label">[^<]*</div><div class="value">${newest.invalid}<`),
  )
  const sentences = await app.getByTestId('action-item').locator('.sentence').allTextContents()
  expect(sentences.length).toBeGreaterThan(0)
  expect(html.match(/<svg /g)).toHaveLength(4)
  expect(html).not.toMatch(/<script/i)

  const report = await openReport(app, path)
  await expect(report.locator('h1')).toHaveText('Bounce report: deliverability')
  await expect(report.locator('[data-figure="newly-invalid"] .value')).toHaveText('2')
  await expect(report.locator('ol.actions li')).toHaveCount(sentences.length)
  await report.setViewportSize({ width: 1000, height: 900 })
  await report.screenshot({ path: join(SCREENSHOT_DIR, 'report-html.png'), fullPage: true })

  // Chromium's PDF of it, as a manager would print it: A4 pages from the report's @page rule.
  const pdf = await report.pdf({ preferCSSPageSize: true, printBackground: true })
  writeFileSync(join(SCREENSHOT_DIR, 'report.pdf'), pdf)
  const { pages, text } = await readPdfText(pdf)
  expect(pages).toBeGreaterThanOrEqual(1)
  expect(pages).toBeLessThanOrEqual(6)
  const all = squeeze(text.join(' '))
  expect(all).toContain(squeeze('Bounce report: deliverability'))
  expect(all).toContain(squeeze(`Rows in the export ${newest.rows}`))
  expect(all).toContain(squeeze(`Email Invalid (66.7%) ${newest.invalid}`))
  for (const sentence of sentences) expect(all).toContain(squeeze(sentence))
  expect(squeeze(text[0] ?? '')).toContain(squeeze('Action items'))
  await report.close()
})

test('the Trends view saves a report of the dates it shows', async ({ app }) => {
  test.setTimeout(90_000)
  await importWeeks(app)
  await app.getByTestId('nav-trends').click()
  await app.getByTestId('trend-filter-from').fill('2026-11-13')
  await expect(app.getByTestId('trend-summary')).toContainText('across 2 exports')
  await app.getByTestId('save-report-html').click()
  const path = await savedPath(app)
  expect(path).toMatch(/bounce-report-deliverability-2026-11-13-to-2026-11-20\.html$/)
  await app.getByTestId('save-report').scrollIntoViewIfNeeded()
  await screenshot(app, 'trends-report')
  const report = await openReport(app, path)
  await expect(report.getByTestId('scope')).toContainText('Period 13 Nov 2026 – 20 Nov 2026 (2 snapshots)')
  await expect(report.getByTestId('trend-table').locator('tbody tr')).toHaveCount(2)
  await expect(report.getByTestId('report-filters')).toHaveCount(0)
  await report.close()

  // With a filter on, the report's charts and table follow it: two Gmail addresses in each export.
  await app.getByTestId('trend-filter-provider').selectOption('gmail')
  await expect(app.getByTestId('trend-summary')).toContainText('rows matching the filters')
  await app.getByTestId('save-report-html').click()
  // Same dates, same file name: the new file replaces the first one; wait for it to be the filtered one.
  await expect.poll(() => readFileSync(path, 'utf8').includes('data-testid="report-filters"')).toBe(true)
  const filtered = await openReport(app, path)
  await expect(filtered.getByTestId('report-filters')).toContainText('provider Gmail')
  const rows = filtered.getByTestId('trend-table').locator('tbody tr td:nth-child(2)')
  await expect(rows).toHaveText(['2', '2'])
  await filtered.close()
})
