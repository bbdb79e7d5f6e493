import { join } from 'node:path'
import { CSV_FIXTURES } from '../helpers/temp-dir'
import { allowForImport, expect, IMPORT_BUDGET, importSample, screenshot, test } from './fixtures'

const WEEKLY = join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv')

test('a first run offers the sample, and the overview shows what the database holds', async ({ app, readDb }) => {
  await expect(app.getByTestId('empty-state')).toBeVisible()
  await screenshot(app, 'overview-empty')
  await importSample(app)

  const db = readDb()
  const latest = db.prepare('SELECT id, row_count, invalid_count, suspended_count FROM imports').get() as {
    id: number
    row_count: number
    invalid_count: number
    suspended_count: number
  }
  const format = (n: number): string => new Intl.NumberFormat('en-US').format(n)
  await expect(app.getByTestId('overview-rows')).toHaveText(format(latest.row_count))
  await expect(app.getByTestId('overview-invalid')).toContainText(format(latest.invalid_count))
  await expect(app.getByTestId('overview-suspended')).toContainText(format(latest.suspended_count))
  // Counted from the snapshot's spans, not from the stored tallies the overview reads.
  const removeRows = db
    .prepare(
      `SELECT count(*) AS n FROM spans s JOIN imports i ON i.list_id = s.list_id AND s.from_seq <= i.seq AND s.to_seq >= i.seq
       JOIN causes c ON c.id = s.invalid_cause_id WHERE i.id = ? AND s.email_invalid = 1 AND c.verdict = 'remove'`,
    )
    .get(latest.id) as { n: number }
  expect(removeRows.n).toBeGreaterThan(0)
  await expect(app.getByTestId('verdict-remove')).toContainText(format(removeRows.n))
  await screenshot(app, 'overview')
})

test('an imported file is listed and still there after a reload', async ({ app }) => {
  await app.getByTestId('nav-imports').click()
  await screenshot(app, 'imports-empty')
  // Each import runs in a worker: its message is waited for with the import's budget, not the 5 s default.
  allowForImport()
  await app.getByTestId('file-input').setInputFiles(WEEKLY)
  await expect(app.getByTestId('import-message')).toContainText('weekly-deliverability-2026-11-13.csv', {
    timeout: IMPORT_BUDGET,
  })
  const row = app.getByTestId('import-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('weekly-deliverability-2026-11-13.csv')
  await expect(row).toContainText('2026-11-13')
  await screenshot(app, 'imports')

  await app.reload()
  await app.getByTestId('nav-imports').click()
  await expect(app.getByTestId('import-row')).toHaveCount(1)
  await expect(app.getByTestId('import-row')).toContainText('5')
})

test('dropping a file onto the window imports it', async ({ app, readDb }) => {
  allowForImport()
  const csv = 'Email Address,Email Invalid,Email Invalid Cause\r\ndrop@x.example,true,550 5.1.1 User unknown\r\n'
  await app.evaluate((content) => {
    const transfer = new DataTransfer()
    transfer.items.add(new File([content], 'dropped-2026-11-06.csv', { type: 'text/csv' }))
    const target = document.querySelector('main') ?? document.body
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }))
    }
  }, csv)
  await expect(app.getByTestId('import-message')).toContainText('dropped-2026-11-06.csv', { timeout: IMPORT_BUDGET })
  await expect
    .poll(() => (readDb().prepare('SELECT file_name AS f, row_count AS n FROM imports').all() as unknown[]).length)
    .toBe(1)
  expect(readDb().prepare('SELECT file_name AS f, row_count AS n, snapshot_date AS d FROM imports').get()).toEqual({
    f: 'dropped-2026-11-06.csv',
    n: 1,
    d: '2026-11-06',
  })
})

test('a file without an Email Address column gets a clear error and changes nothing', async ({ app, readDb }) => {
  await app.getByTestId('nav-imports').click()
  await app.getByTestId('file-input').setInputFiles(join(CSV_FIXTURES, 'no-email-column.csv'))
  // The app asks which column holds the address; declining leaves the file out.
  await expect(app.getByTestId('mapping-dialog')).toContainText('found no column named Email Address')
  await app.getByTestId('mapping-cancel').click()
  await expect(app.getByTestId('import-message')).toContainText('no column was chosen for Email Address')
  await expect(app.getByTestId('import-message')).toContainText('no-email-column.csv')
  await screenshot(app, 'imports-error')
  expect(readDb().prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 })
})

test('a cut-off file is refused, and imported without its cut row once the user agrees', async ({ app, readDb }) => {
  const CUT = join(CSV_FIXTURES, 'cut-off-row-2026-11-20.csv')
  await app.getByTestId('nav-imports').click()
  const asked: string[] = []
  app.once('dialog', (dialog) => {
    asked.push(dialog.message())
    void dialog.dismiss()
  })
  allowForImport()
  await app.getByTestId('file-input').setInputFiles(CUT)
  await expect(app.getByTestId('import-message')).toContainText('line 4: the file ends inside this row', {
    timeout: IMPORT_BUDGET,
  })
  expect(asked[0]).toContain('Import its complete rows anyway?')
  expect(readDb().prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 })

  app.once('dialog', (dialog) => void dialog.accept())
  await app.getByTestId('file-input').setInputFiles([])
  allowForImport()
  await app.getByTestId('file-input').setInputFiles(CUT)
  await expect(app.getByTestId('import-message')).toContainText('Imported 2 rows from cut-off-row-2026-11-20.csv', {
    timeout: IMPORT_BUDGET,
  })
  expect(readDb().prepare('SELECT row_count AS n, skipped_count AS s FROM imports').get()).toEqual({ n: 2, s: 1 })
})

test('trends and codes have real empty states', async ({ app }) => {
  await app.getByTestId('nav-trends').click()
  await expect(app.getByTestId('empty-state')).toBeVisible()
  await screenshot(app, 'trends-empty')
  await app.getByTestId('nav-codes').click()
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Codes')
  await screenshot(app, 'codes')
})
