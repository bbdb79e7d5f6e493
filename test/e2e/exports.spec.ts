import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { readExportedCsv } from '../helpers/read-csv'
import { expect, screenshot, test } from './fixtures'

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
  await app.getByTestId('try-sample').click()
  await expect(app.getByTestId('overview-rows')).not.toHaveText('0')
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
