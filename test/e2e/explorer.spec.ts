import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Db } from '../../electron/main/db/open'
import { allowForImport, expect, IMPORT_BUDGET, screenshot, test } from './fixtures'
import { importWeeks } from './weekly'

const HEADER = 'Id,Email Address,Email Invalid,Email Invalid Cause,Email Suspended,Email Suspended Cause'
const USER_UNKNOWN =
  '550 5.1.1 <ann@northwind.example>: Recipient address rejected: User unknown in local recipient table'
const GMAIL_UNKNOWN =
  "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp"
const SPAMHAUS = '554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org'
const THROTTLED = '421 4.7.0 Try again later, closing connection. (EHLO) - gsmtp'

/**
 * Two weekly snapshots of one list. From the first to the second:
 * ann stays invalid, bob becomes invalid, cy recovers, dee stays fine, eve becomes suspended,
 * fay leaves the list and gus joins it.
 */
const WEEK_1 = [
  HEADER,
  `1,ann@northwind.example,true,"${USER_UNKNOWN}",false,`,
  '2,bob@gmail.com,false,,false,',
  `3,cy@contoso.example,true,"${SPAMHAUS}",false,`,
  '4,dee@yahoo.com,false,,false,',
  '5,eve@gmail.com,false,,false,',
  '6,fay@northwind.example,false,,false,',
]
const WEEK_2 = [
  HEADER,
  `1,ann@northwind.example,true,"${USER_UNKNOWN}",false,`,
  `2,bob@gmail.com,true,"${GMAIL_UNKNOWN}",false,`,
  '3,cy@contoso.example,false,,false,',
  '4,dee@yahoo.com,false,,false,',
  `5,eve@gmail.com,false,,true,"${THROTTLED}"`,
  '7,gus@fabrikam.example,false,,false,',
]
const EXPECTED_DIFF = {
  newlyInvalid: 1,
  recovered: 1,
  stillInvalid: 1,
  newlySuspended: 1,
  appeared: 1,
  disappeared: 1,
} as const

let dir = ''

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bounce-auditor-explorer-'))
  writeFileSync(join(dir, 'weekly-2026-11-13.csv'), WEEK_1.join('\r\n') + '\r\n')
  writeFileSync(join(dir, 'weekly-2026-11-20.csv'), WEEK_2.join('\r\n') + '\r\n')
})

test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Imports both weeks from the Leads view (the file input is the app's own) and clears the messages. */
async function importBoth(app: Page, readDb: () => Db): Promise<void> {
  allowForImport()
  await app.getByTestId('nav-explorer').click()
  await app
    .getByTestId('file-input')
    .setInputFiles([join(dir, 'weekly-2026-11-13.csv'), join(dir, 'weekly-2026-11-20.csv')])
  // Both imports have ended when both messages show (each appears as its import answers).
  await expect(app.getByTestId('import-message')).toHaveCount(2, { timeout: IMPORT_BUDGET })
  await expect.poll(() => (readDb().prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n).toBe(2)
  for (let left = 2; left > 0; left--) {
    await app.getByRole('button', { name: 'Dismiss message' }).first().click()
    await expect(app.getByTestId('import-message')).toHaveCount(left - 1)
  }
}

test('the Leads view searches, counts like the database and opens a lead with its timeline', async ({
  app,
  readDb,
}) => {
  await importBoth(app, readDb)
  await expect(app.getByTestId('explorer-view')).toBeVisible()

  const db = readDb()
  const latest = db.prepare('SELECT id, list_id, seq FROM imports ORDER BY snapshot_date DESC LIMIT 1').get() as {
    id: number
    list_id: number
    seq: number
  }
  const inSnapshot = `FROM spans s JOIN leads l ON l.id = s.lead_id
    WHERE s.list_id = @list_id AND s.from_seq <= @seq AND s.to_seq >= @seq`
  const all = db.prepare(`SELECT count(*) AS n ${inSnapshot}`).get(latest) as { n: number }
  const gmail = db.prepare(`SELECT count(*) AS n ${inSnapshot} AND l.domain = 'gmail.com'`).get(latest) as {
    n: number
  }
  expect(all.n).toBe(6)
  expect(gmail.n).toBe(2)

  // The newest snapshot by default, all its rows on one page.
  await expect(app.getByTestId('explorer-total')).toHaveText(String(all.n))
  await expect(app.getByTestId('explorer-row')).toHaveCount(all.n)
  await expect(app.getByTestId('explorer-more')).toHaveCount(0)
  await screenshot(app, 'explorer')

  // Search narrows the rows (debounced), and the count follows the database's.
  await app.getByTestId('explorer-search').fill('@gmail.com')
  await expect(app.getByTestId('explorer-total')).toHaveText(String(gmail.n))
  await expect(app.getByTestId('explorer-row')).toHaveCount(gmail.n)
  await expect(app.getByTestId('explorer-row').first()).toContainText('bob@gmail.com')
  await expect(app).toHaveURL(/#\/explorer\/.*search/)

  await app.getByTestId('explorer-search').fill('nobody-here@')
  await expect(app.getByTestId('explorer-no-match')).toBeVisible()
  await expect(app.getByTestId('explorer-total')).toHaveText('0')
  await app.getByTestId('explorer-clear').click()
  await expect(app.getByTestId('explorer-row')).toHaveCount(all.n)

  // A row opens its panel: the cause explained, and a timeline of both snapshots.
  await app.getByTestId('explorer-row').filter({ hasText: 'bob@gmail.com' }).click()
  const panel = app.getByTestId('lead-panel')
  await expect(panel).toBeVisible()
  await expect(panel.getByTestId('explain-card')).toBeVisible()
  await expect(panel.getByTestId('explain-evidence')).toContainText('The email account that you tried to reach')
  await expect(panel.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'remove')
  const entries = panel.getByTestId('lead-timeline-entry')
  await expect(entries).toHaveCount(2)
  // Newest first: invalid now, fine the week before.
  await expect(entries.nth(0)).toContainText('Nov 20, 2026')
  await expect(entries.nth(0)).toContainText('Became invalid')
  await expect(entries.nth(1)).toContainText('Nov 13, 2026')
  await screenshot(app, 'lead-panel')
  await entries.nth(1).scrollIntoViewIfNeeded()
  await screenshot(app, 'lead-timeline')

  await app.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
})

test('a deep link opens the Leads view filtered', async ({ app, readDb }) => {
  await importBoth(app, readDb)
  const older = readDb().prepare('SELECT id FROM imports ORDER BY snapshot_date LIMIT 1').get() as { id: number }
  await app.evaluate(() => {
    window.location.hash = `#/explorer/${encodeURIComponent(JSON.stringify({ verdict: 'remove' }))}`
  })
  await expect(app.getByTestId('explorer-view')).toBeVisible()
  await expect(app.getByTestId('explorer-verdict')).toHaveValue('remove')
  // In the newest snapshot ann and bob are Email Invalid with a "remove" cause.
  await expect(app.getByTestId('explorer-total')).toHaveText('2')
  await expect(app.getByTestId('explorer-row')).toHaveCount(2)

  // The simple form, for the older snapshot: ann and cy were invalid then.
  await app.evaluate((id) => {
    window.location.hash = `#/explorer/${encodeURIComponent(`import=${id}&invalid=1`)}`
  }, older.id)
  await expect(app.getByTestId('explorer-import')).toHaveValue(String(older.id))
  await expect(app.getByTestId('explorer-verdict')).toHaveValue('')
  await expect(app.getByTestId('explorer-row')).toHaveCount(2)
  await expect(app.getByTestId('explorer-row').filter({ hasText: 'cy@contoso.example' })).toHaveCount(1)
})

test('Compare shows what changed between the two snapshots, and each card lists its leads', async ({ app, readDb }) => {
  await importBoth(app, readDb)
  await app.getByTestId('nav-compare').click()
  await expect(app.getByTestId('compare-view')).toBeVisible()
  for (const [kind, count] of Object.entries(EXPECTED_DIFF)) {
    await expect(app.getByTestId(`compare-count-${kind}`)).toHaveText(String(count))
  }

  await app.getByTestId('compare-count-newlyInvalid').click()
  await expect(app.getByTestId('compare-row')).toHaveCount(1)
  await expect(app.getByTestId('compare-row')).toContainText('bob@gmail.com')

  await app.getByTestId('compare-count-recovered').click()
  await expect(app.getByTestId('compare-row')).toHaveCount(1)
  await expect(app.getByTestId('compare-row')).toContainText('cy@contoso.example')

  await app.getByTestId('compare-count-disappeared').click()
  await expect(app.getByTestId('compare-row')).toContainText('fay@northwind.example')
  await expect(app.getByTestId('compare-row')).toContainText('Not in this snapshot')

  await app.getByTestId('compare-count-newlyInvalid').click()
  await expect(app.getByTestId('compare-row')).toContainText('bob@gmail.com')
  await screenshot(app, 'compare')

  // A lead's email opens it in the Leads view.
  await app.getByTestId('compare-row').getByRole('link', { name: 'bob@gmail.com' }).click()
  await expect(app.getByTestId('explorer-view')).toBeVisible()
  await expect(app.getByTestId('explorer-row')).toHaveCount(1)
})

test('the reason-group filter keeps the leads whose cause falls in the group, on the Node side', async ({ app }) => {
  await importWeeks(app)
  await app.getByTestId('nav-explorer').click()
  // Newest snapshot (Nov 20): three unknown users (address) and one Spamhaus listing (reputation).
  await expect(app.getByTestId('explorer-total')).toHaveText('6')
  const group = app.getByTestId('explorer-reason-group')
  await group.selectOption('address')
  await expect(app.getByTestId('explorer-total')).toHaveText('3')
  await expect(app.getByTestId('explorer-row')).toHaveCount(3)
  await expect(app.getByTestId('explorer-row').filter({ hasText: 'cy@contoso.example' })).toHaveCount(0)
  expect(decodeURIComponent(new URL(app.url()).hash)).toContain('reasonGroup=address')

  await group.selectOption('reputation')
  await expect(app.getByTestId('explorer-row')).toHaveCount(1)
  await expect(app.getByTestId('explorer-row')).toContainText('cy@contoso.example')

  await group.selectOption('content')
  await expect(app.getByTestId('explorer-no-match')).toBeVisible()

  // The short link form, as other views and bookmarks write it.
  await app.goto(`${new URL(app.url()).origin}/#/explorer/${encodeURIComponent('group=reputation')}`)
  await expect(app.getByTestId('explorer-reason-group')).toHaveValue('reputation')
  await expect(app.getByTestId('explorer-row')).toHaveCount(1)
})
