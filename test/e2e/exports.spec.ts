import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { readExportedCsv } from '../helpers/read-csv'
import { expect, importSample, screenshot, test } from './fixtures'

// Counted from the snapshot's spans and causes, not from the tallies the overview shows.
const VERDICT_ROWS = `
  SELECT count(*) AS n FROM spans s
  JOIN imports i ON i.list_id = s.list_id AND s.from_seq <= i.seq AND s.to_seq >= i.seq
  JOIN causes c ON c.id = s.invalid_cause_id
  WHERE i.id = (SELECT max(id) FROM imports) AND s.email_invalid = 1 AND c.verdict IN (SELECT value FROM json_each(?))`

test('the overview saves the remove and review lists as CSV files Excel and Marketo can open', async ({
  app,
  dbPath,
  readDb,
}) => {
  await importSample(app)
  const exportsDir = join(dirname(dbPath), 'exports')

  await app.getByTestId('export-remove').click()
  await expect(app.getByTestId('export-result')).toContainText('addresses to remove')
  const removeFile = join(exportsDir, 'bounce-auditor-remove-2026-11-20.csv')
  await expect(app.getByTestId('export-result')).toContainText(removeFile)
  await app.getByTestId('export-result').scrollIntoViewIfNeeded()
  await screenshot(app, 'overview-export')
  const removeRows = readExportedCsv(readFileSync(removeFile))
  const expectedRemove = (
    readDb()
      .prepare(VERDICT_ROWS)
      .get(JSON.stringify(['remove'])) as { n: number }
  ).n
  expect(removeRows.length - 1).toBe(expectedRemove)
  expect(removeRows[0]?.[0]).toBe('Email Address')

  await app.getByTestId('export-review').click()
  await expect(app.getByTestId('export-result')).toContainText('leads to review')
  const reviewRows = readExportedCsv(readFileSync(join(exportsDir, 'bounce-auditor-review-2026-11-20.csv')))
  const expectedReview = (
    readDb()
      .prepare(VERDICT_ROWS)
      .get(JSON.stringify(['fix-sending', 'retry'])) as { n: number }
  ).n
  expect(reviewRows.length - 1).toBe(expectedReview)
})

const LEADS_HEADER = 'Id,Email Address,Email Invalid,Email Invalid Cause'
const UNKNOWN = '550 5.1.1 Recipient address rejected: User unknown in local recipient table'
const SPAMHAUS = '554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org'
const LATER = '421 4.7.0 Try again later, closing connection.'

/**
 * Two weekly snapshots of one list. Over the range each lead is listed as it was in the newest
 * snapshot it is in: ann and bob (bad addresses in week 2) and dan (a bad address in week 1,
 * gone in week 2) are to remove; eve (temporary, week 1 only) is to review; cy recovered.
 */
const LEAD_WEEKS: Record<string, string[]> = {
  'weekly-2026-11-13.csv': [
    `1,ann@northwind.example,true,"${UNKNOWN}"`,
    '2,bob@gmail.com,false,',
    `3,cy@contoso.example,true,"${SPAMHAUS}"`,
    `4,dan@northwind.example,true,"${UNKNOWN}"`,
    `5,eve@yahoo.com,true,"${LATER}"`,
  ],
  'weekly-2026-11-20.csv': [
    `1,ann@northwind.example,true,"${UNKNOWN}"`,
    `2,bob@gmail.com,true,"${UNKNOWN}"`,
    '3,cy@contoso.example,false,',
  ],
}

test('the Leads view saves the remove and review lists for a date range', async ({ app, dbPath, readDb }) => {
  const dir = mkdtempSync(join(tmpdir(), 'bounce-auditor-range-'))
  const files = Object.entries(LEAD_WEEKS).map(([name, rows]) => {
    writeFileSync(join(dir, name), [LEADS_HEADER, ...rows].join('\r\n') + '\r\n')
    return join(dir, name)
  })
  await app.getByTestId('nav-explorer').click()
  await app.getByTestId('file-input').setInputFiles(files)
  // Two files one after another, each in the import worker: slow on a busy machine.
  await expect
    .poll(() => (readDb().prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n, { timeout: 20_000 })
    .toBe(2)
  const dismiss = app.getByRole('button', { name: 'Dismiss message' })
  await expect(dismiss).toHaveCount(2, { timeout: 20_000 })
  while ((await dismiss.count()) > 0) await dismiss.first().click()
  const exportsDir = join(dirname(dbPath), 'exports')

  // Keyboard only: the button opens the dialog on the first choice, arrows move between choices.
  await app.getByTestId('explorer-export').focus()
  await app.keyboard.press('Enter')
  const dialog = app.getByTestId('explorer-export-dialog')
  await expect(dialog).toBeVisible()
  await expect(app.getByTestId('export-kind-remove')).toBeFocused()
  await app.getByTestId('export-scope-snapshot').focus()
  await app.keyboard.press('ArrowDown')
  await expect(app.getByTestId('export-scope-range')).toBeChecked()
  // The range defaults to every imported snapshot.
  await expect(app.getByTestId('export-from')).toHaveValue('2026-11-13')
  await expect(app.getByTestId('export-to')).toHaveValue('2026-11-20')
  await expect(app.getByTestId('export-range-note')).toContainText('2 snapshots')

  // A range that ends before it starts cannot be saved.
  await app.getByTestId('export-from').fill('2026-11-20')
  await app.getByTestId('export-to').fill('2026-11-13')
  await expect(app.getByTestId('export-range-error')).toContainText('starts after it ends')
  await expect(app.getByTestId('explorer-export-save')).toBeDisabled()
  await app.getByTestId('export-from').fill('2026-11-13')
  await app.getByTestId('export-to').fill('2026-11-20')
  await expect(app.getByTestId('export-range-error')).toHaveCount(0)
  await screenshot(app, 'explorer-export')

  await app.getByTestId('explorer-export-save').click()
  const removeFile = join(exportsDir, 'bounce-auditor-remove-2026-11-13-to-2026-11-20.csv')
  await expect(app.getByTestId('explorer-export-result')).toContainText(`Saved 3 addresses to remove to ${removeFile}`)
  const [header, ...removeRows] = readExportedCsv(readFileSync(removeFile))
  const email = header?.indexOf('Email Address') ?? -1
  const date = header?.indexOf('Snapshot Date') ?? -1
  expect(removeRows.map((row) => [row[email], row[date]])).toEqual([
    ['ann@northwind.example', '2026-11-20'],
    ['bob@gmail.com', '2026-11-20'],
    ['dan@northwind.example', '2026-11-13'],
  ])

  await app.getByTestId('export-kind-review').check()
  await app.getByTestId('explorer-export-save').click()
  await expect(app.getByTestId('explorer-export-result')).toContainText('Saved 1 lead to review')
  const [, ...reviewRows] = readExportedCsv(
    readFileSync(join(exportsDir, 'bounce-auditor-review-2026-11-13-to-2026-11-20.csv')),
  )
  expect(reviewRows.map((row) => row[0])).toEqual(['eve@yahoo.com'])

  // The snapshot shown alone: the newest, without the leads of the week before.
  await app.getByTestId('export-kind-remove').check()
  await app.getByTestId('export-scope-snapshot').check()
  await app.getByTestId('explorer-export-save').click()
  await expect(app.getByTestId('explorer-export-result')).toContainText('Saved 2 addresses to remove')
  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
