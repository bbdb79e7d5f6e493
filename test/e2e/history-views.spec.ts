import type { Page } from '@playwright/test'
import type { Db } from '../../electron/main/db/open'
import { allowForImport, expect, IMPORT_BUDGET, screenshot, test } from './fixtures'
import { importWeeks } from './weekly'

interface ImportRow {
  id: number
  list_id: number
  seq: number
  file_name: string
  snapshot_date: string
  row_count: number
  invalid_count: number
  suspended_count: number
}

function importsOf(db: Db): ImportRow[] {
  return db
    .prepare(
      'SELECT id, list_id, seq, file_name, snapshot_date, row_count, invalid_count, suspended_count FROM imports ORDER BY seq',
    )
    .all() as ImportRow[]
}

/** Email Invalid rows of a snapshot, optionally with one verdict, counted from its spans. */
function invalidRows(db: Db, row: ImportRow, verdict?: string): number {
  const found = db
    .prepare(
      `SELECT count(*) AS n FROM spans s JOIN causes c ON c.id = s.invalid_cause_id
       WHERE s.list_id = ? AND s.from_seq <= ? AND s.to_seq >= ? AND s.email_invalid = 1 AND (? IS NULL OR c.verdict = ?)`,
    )
    .get(row.list_id, row.seq, row.seq, verdict ?? null, verdict ?? null) as { n: number }
  return found.n
}

/** Leads invalid in snapshot `seq` and not in `seq - 1` of the same list. */
function newlyInvalid(db: Db, row: ImportRow): number {
  const found = db
    .prepare(
      `SELECT count(*) AS n FROM spans a WHERE a.list_id = ? AND a.from_seq <= ? AND a.to_seq >= ? AND a.email_invalid = 1
       AND NOT EXISTS (SELECT 1 FROM spans b WHERE b.list_id = a.list_id AND b.lead_id = a.lead_id
                       AND b.from_seq <= ? AND b.to_seq >= ? AND b.email_invalid = 1)`,
    )
    .get(row.list_id, row.seq, row.seq, row.seq - 1, row.seq - 1) as { n: number }
  return found.n
}

/** The Leads view's filter from the address bar (it may rewrite the JSON link as `import=3&verdict=remove`). */
async function explorerQuery(app: Page): Promise<Record<string, string>> {
  await expect.poll(() => app.evaluate(() => window.location.hash)).toMatch(/^#\/explorer\//)
  const detail = decodeURIComponent((await app.evaluate(() => window.location.hash)).replace('#/explorer/', ''))
  const record: Record<string, unknown> = detail.startsWith('{')
    ? (JSON.parse(detail) as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(detail))
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key === 'importId' ? 'import' : key,
      value === true ? '1' : value === false ? '0' : String(value),
    ]),
  )
}

const format = (n: number): string => new Intl.NumberFormat('en-US').format(n)

test.describe.configure({ timeout: 60_000 })

test('the overview compares the latest export with the previous one, and its action items open the leads', async ({
  app,
  readDb,
}) => {
  await importWeeks(app)
  await app.getByTestId('nav-overview').click()

  const rows = importsOf(readDb())
  const latest = rows.at(-1)
  if (!latest) throw new Error('no imports')
  expect(latest.file_name).toBe('weekly-2026-11-20.csv')
  await expect(app.getByTestId('overview-rows')).toHaveText(format(latest.row_count))
  await expect(app.getByTestId('overview-invalid')).toHaveText(format(latest.invalid_count))
  await expect(app.getByTestId('overview-suspended')).toHaveText(format(latest.suspended_count))
  await expect(app.getByTestId('overview-newly-invalid')).toHaveText(format(newlyInvalid(readDb(), latest)))
  // Lead 4 was invalid on Nov 13 and is not now.
  await expect(app.getByTestId('overview-recovered')).toHaveText('1')
  await expect(app.getByTestId('overview-suspended-24h')).toHaveText('1')
  await expect(app.getByTestId('overview-suspended-older')).toHaveText('0')

  const remove = app.locator('[data-testid="action-item"][data-kind="remove"]')
  await expect(remove.getByTestId('action-count')).toHaveText(format(invalidRows(readDb(), latest, 'remove')))
  await expect(remove).toContainText('to remove')
  const sender = app.locator('[data-testid="action-item"][data-kind="review-sender-blocks"]')
  await expect(sender.getByTestId('action-count')).toHaveText(format(invalidRows(readDb(), latest, 'fix-sending')))
  await expect(sender).toContainText('Spamhaus')
  await expect(app.getByTestId('verdict-remove')).toHaveText(format(invalidRows(readDb(), latest, 'remove')))
  await expect(app.locator('[data-testid="top-domain"][data-key="gmail.com"]')).toContainText('2')

  await screenshot(app, 'overview-history')

  await remove.getByTestId('action-open').click()
  expect(await explorerQuery(app)).toEqual({ import: String(latest.id), invalid: '1', verdict: 'remove' })
})

test('the overview figures open the leads behind them', async ({ app, readDb }) => {
  await importWeeks(app)
  const latest = importsOf(readDb()).at(-1)
  if (!latest) throw new Error('no imports')
  await app.getByTestId('nav-overview').click()
  await app.getByTestId('overview-invalid').getByRole('link').click()
  expect(await explorerQuery(app)).toEqual({ import: String(latest.id), invalid: '1' })
  await app.getByTestId('nav-overview').click()
  await app.getByTestId('overview-suspended').getByRole('link').click()
  expect(await explorerQuery(app)).toEqual({ import: String(latest.id), suspended: '1' })
  await app.getByTestId('nav-overview').click()
  await app.getByTestId('verdict-remove').getByRole('link').click()
  expect(await explorerQuery(app)).toEqual({ import: String(latest.id), invalid: '1', verdict: 'remove' })
  await expect(app.getByTestId('explorer-total')).toHaveText(format(invalidRows(readDb(), latest, 'remove')))
})

test('the newly invalid and recovered counts open the leads behind them in Compare', async ({ app, readDb }) => {
  await importWeeks(app)
  const rows = importsOf(readDb())
  const [previous, latest] = rows.slice(-2)
  if (!previous || !latest) throw new Error('two imports expected')
  const expected = newlyInvalid(readDb(), latest)

  await app.getByTestId('nav-overview').click()
  await app.getByTestId('overview-newly-invalid').getByRole('link').click()
  await expect(app.getByTestId('compare-view')).toBeVisible()
  expect(await app.evaluate(() => decodeURIComponent(window.location.hash))).toBe(
    `#/compare/${previous.id}-${latest.id}/newlyInvalid`,
  )
  await expect(app.getByTestId('compare-total')).toHaveText(format(expected))
  await expect(app.getByTestId('compare-row')).toHaveCount(expected)

  await app.getByTestId('nav-overview').click()
  await app.getByTestId('overview-recovered').getByRole('link').click()
  await expect(app.getByTestId('compare-total')).toHaveText('1')

  // The same link from the imports list, for an earlier pair.
  const [first, second] = rows
  if (!first || !second) throw new Error('imports expected')
  await app.getByTestId('nav-imports').click()
  await app.locator(`tr[data-import-id="${second.id}"]`).getByTestId('newly-invalid').getByRole('link').click()
  await expect(app.getByTestId('compare-a')).toHaveValue(String(first.id))
  await expect(app.getByTestId('compare-total')).toHaveText(format(newlyInvalid(readDb(), second)))
})

test('the imports list shows newly invalid per export, renames the list, corrects a date and deletes an import', async ({
  app,
  readDb,
}) => {
  await importWeeks(app)
  const before = importsOf(readDb())
  const [first, middle, last] = before
  if (!first || !middle || !last) throw new Error('expected three imports')

  const rowOf = (id: number) => app.locator(`[data-testid="import-row"][data-import-id="${id}"]`)
  await expect(rowOf(first.id).getByTestId('newly-invalid')).toHaveText('–')
  await expect(rowOf(middle.id).getByTestId('newly-invalid')).toHaveText(format(newlyInvalid(readDb(), middle)))
  await expect(rowOf(last.id).getByTestId('newly-invalid')).toHaveText(format(newlyInvalid(readDb(), last)))

  // Rename the list: every export of it takes the name.
  await rowOf(last.id).getByTestId('rename-list').click()
  const dialog = app.getByTestId('edit-import-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('edit-import-value').fill('   ')
  await dialog.getByTestId('edit-import-save').click()
  await expect(dialog.getByTestId('edit-import-error')).toHaveText('Give the list a name.')
  await dialog.getByTestId('edit-import-value').fill('Weekly deliverability')
  await dialog.getByTestId('edit-import-save').click()
  await expect(dialog).toBeHidden()
  await expect(app.getByTestId('list-name')).toHaveText(Array(3).fill('Weekly deliverability'))
  expect(readDb().prepare('SELECT name FROM lists').all()).toEqual([{ name: 'Weekly deliverability' }])

  // Correct the first export's date. Moving a snapshot runs in an import worker (it rewrites the
  // list's spans), so the dialog closes when that job ends: the import's budget, not the 5 s default.
  await rowOf(first.id).getByTestId('edit-date').click()
  await dialog.getByTestId('edit-import-value').fill('2026-11-05')
  allowForImport()
  await dialog.getByTestId('edit-import-save').click()
  await expect(dialog).toBeHidden({ timeout: IMPORT_BUDGET })
  await expect(rowOf(first.id).getByTestId('snapshot-date')).toHaveText('Nov 5, 2026')
  expect(readDb().prepare('SELECT snapshot_date AS d FROM imports WHERE id = ?').get(first.id)).toEqual({
    d: '2026-11-05',
  })

  await screenshot(app, 'imports-history')

  // Delete the middle export, after a confirmation naming the file and its rows.
  await rowOf(middle.id).getByTestId('delete-import').click()
  const confirm = app.getByTestId('delete-import-dialog')
  await expect(confirm).toContainText('weekly-2026-11-13.csv')
  await expect(confirm).toContainText(`${format(middle.row_count)} rows`)
  await screenshot(app, 'imports-delete')
  // A deletion is a worker job too.
  allowForImport()
  await confirm.getByTestId('confirm-delete').click()
  await expect(confirm).toBeHidden({ timeout: IMPORT_BUDGET })
  await expect(app.getByTestId('import-row')).toHaveCount(2)

  const after = importsOf(readDb())
  expect(after.map((row) => row.id)).toEqual([first.id, last.id])
  expect(after.map((row) => [row.row_count, row.invalid_count])).toEqual([
    [first.row_count, first.invalid_count],
    [last.row_count, last.invalid_count],
  ])
  // The latest export is now compared with the first one: the database and the table agree.
  const latest = after[1]
  if (!latest) throw new Error('expected two imports')
  expect(invalidRows(readDb(), latest)).toBe(last.invalid_count)
  await expect(rowOf(last.id).getByTestId('newly-invalid')).toHaveText(format(newlyInvalid(readDb(), latest)))
})

test('trends draw every chart, and the filters apply to all of them', async ({ app, readDb }) => {
  await importWeeks(app)
  await app.getByTestId('nav-trends').click()

  const charts = app.getByTestId('trend-chart')
  await expect(charts).toHaveCount(4)
  for (const name of ['rates', 'groups', 'breakdown', 'changes']) {
    await expect(app.locator(`[data-testid="trend-chart"][data-chart="${name}"] canvas`)).toBeVisible()
  }

  const latest = importsOf(readDb()).at(-1)
  if (!latest) throw new Error('no imports')
  const rates = app.locator('[data-testid="trend-chart-summary"][data-chart="rates"]')
  await expect(rates).toContainText(`${format(latest.invalid_count)} of ${format(latest.row_count)} rows`)
  const changes = app.locator('[data-testid="trend-chart-summary"][data-chart="changes"]')
  await expect(changes).toContainText(`${format(newlyInvalid(readDb(), latest))} newly invalid, 1 recovered`)

  await screenshot(app, 'trends')

  // Only the gmail.com addresses: counted from the latest snapshot's rows.
  const gmail = readDb()
    .prepare(
      `SELECT count(*) AS rows, sum(s.email_invalid) AS invalid FROM spans s JOIN leads l ON l.id = s.lead_id
       WHERE s.list_id = ? AND s.from_seq <= ? AND s.to_seq >= ? AND l.domain = 'gmail.com'`,
    )
    .get(latest.list_id, latest.seq, latest.seq) as { rows: number; invalid: number }
  await app.getByTestId('trend-filter-domain').fill('gmail.com')
  await app.getByTestId('trend-filter-domain').press('Enter')
  await expect(rates).toContainText(`${format(gmail.invalid)} of ${format(gmail.rows)} rows`)

  // A date range drops the first export from every chart.
  await app.getByTestId('trend-filter-from').fill('2026-11-10')
  await expect(app.getByTestId('trend-summary')).toContainText('across 2 exports')
  await app.getByTestId('trend-filter-clear').click()
  await expect(app.getByTestId('trend-summary')).toContainText('across 3 exports')
  await expect(rates).toContainText(`${format(latest.invalid_count)} of ${format(latest.row_count)} rows`)

  // A click on the chart opens the leads of the snapshot under it.
  await app.getByTestId('trend-filter-verdict').selectOption('remove')
  await expect(rates).not.toContainText(`${format(latest.invalid_count)} of`)
  const canvas = app.locator('[data-testid="trend-chart"][data-chart="rates"] canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = await canvas.boundingBox()
  if (!box) throw new Error('no canvas')
  await app.mouse.click(box.x + box.width * 0.85, box.y + box.height * 0.6)
  expect(await explorerQuery(app)).toMatchObject({ import: String(latest.id), verdict: 'remove' })
})
