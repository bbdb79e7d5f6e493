import AxeBuilder from '@axe-core/playwright'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, screenshot, test } from './fixtures'

const DIR = join(import.meta.dirname, '..', 'fixtures', 'activities')

test('imports activity files, explains Categories, lists disagreements and previews a policy', async ({
  app,
  readDb,
}) => {
  await app.getByTestId('nav-activity').click()
  await expect(app.getByTestId('activity-view')).toBeVisible()
  await expect(app.getByTestId('activity-totals')).toContainText('No activity yet')
  // Every Category number practitioners describe, and the bounce without one.
  await expect(app.getByTestId('activity-category')).toHaveCount(6)
  await expect(app.getByTestId('activity-categories')).toContainText('Spam block')
  await expect(app.getByText('practitioner-documented', { exact: false })).toBeVisible()

  await app
    .getByTestId('activity-file-input')
    .setInputFiles([join(DIR, 'activities-2026-03-a.csv'), join(DIR, 'activities-2026-03-b.csv')])
  // Two worker jobs in a row, reported one message each like any import.
  const messages = app.getByTestId('import-message')
  await expect(messages).toHaveCount(2, { timeout: 30_000 })
  await expect(messages.nth(0)).toContainText('Imported 9 events from activities-2026-03-a.csv into Bounce activity')
  await expect(messages.nth(1)).toContainText('Imported 6 events from activities-2026-03-b.csv into Bounce activity')
  await expect(messages.nth(1)).toContainText('3 new, 3 already stored.')
  await expect(app.getByTestId('activity-totals')).toContainText('12 events from 2 files')
  const stored = readDb().prepare('SELECT count(*) AS n FROM activity_events').get() as { n: number }
  expect(stored.n).toBe(12)

  // Category 2 on a Spamhaus block of the sender.
  await expect(app.getByTestId('activity-review-row')).toHaveCount(1)
  await expect(app.getByTestId('activity-review-row')).toContainText('spamhaus')

  // Default tiers (2 hard or 4 soft in 30 days → suspend; 6 or 12 in 90 → remove): lead 11 has 2 hard bounces.
  await expect(app.getByTestId('policy-result')).toContainText(
    'This rule flags 1 lead; 0 of them were delivered to later.',
  )
  await app.getByLabel('Soft bounces in tier 1').fill('2')
  await expect(app.getByTestId('policy-result')).toContainText(
    'This rule flags 2 leads; 1 of them were delivered to later.',
  )
  await app.getByTestId('policy-categoryless').check()
  await app.getByLabel('Soft bounces in tier 1').fill('1')
  await expect(app.getByTestId('policy-lead')).toHaveCount(3)
  await app.getByTestId('policy-categoryless').uncheck()
  await app.getByLabel('Soft bounces in tier 1').fill('2')
  await expect(app.getByTestId('policy-lead')).toHaveCount(2)
  await screenshot(app, 'activity')
  await app.getByTestId('activity-categories').scrollIntoViewIfNeeded()
  await screenshot(app, 'activity-categories')

  await app.getByTestId('policy-export').click()
  await expect(app.getByTestId('policy-export-message')).toContainText('Saved 2 leads to')
})

test('an activity file dropped or picked for the lead import is recognised and imported as activity', async ({
  app,
  readDb,
}) => {
  // The app's own file input is what a drop, the Import… menu and Ctrl/Cmd+O go through.
  await app.getByTestId('file-input').setInputFiles(join(DIR, 'activities-2026-03-a.csv'))
  const message = app.getByTestId('import-message')
  await expect(message).toContainText('Imported 9 events from activities-2026-03-a.csv into Bounce activity', {
    timeout: 30_000,
  })
  await expect(message).toContainText('9 new, 0 already stored, 1 of other types left out.')
  await expect(message).toHaveAttribute('data-kind', 'success')
  await screenshot(app, 'activity-dropped-on-overview')
  const stored = readDb()
    .prepare('SELECT (SELECT count(*) FROM activity_events) AS events, (SELECT count(*) FROM imports) AS imports')
    .get() as {
    events: number
    imports: number
  }
  // Events, and no snapshot made of them.
  expect(stored).toEqual({ events: 9, imports: 0 })
  await app.getByTestId('nav-activity').click()
  await expect(app.getByTestId('activity-totals')).toContainText('9 events from 1 file')
})

test('bounces over time by verdict, Category, provider and domain', async ({ app }) => {
  await app.getByTestId('nav-activity').click()
  await app.getByTestId('activity-file-input').setInputFiles(join(DIR, 'activities-2026-03-a.csv'))
  await expect(app.getByTestId('activity-totals')).toContainText('9 events', { timeout: 30_000 })
  const table = app.getByTestId('activity-split-table')
  await app.getByTestId('activity-bucket').selectOption('day')
  await expect(app.getByTestId('activity-split-row')).toHaveCount(3)
  await app.getByTestId('activity-split').selectOption('category')
  await expect(table.getByRole('columnheader')).toHaveText([
    'Day',
    '2 Invalid address',
    '3 Temporary soft bounce',
    'No category',
    'All bounces',
  ])
  await app.getByTestId('activity-bucket').selectOption('week')
  await expect(app.getByTestId('activity-split-row')).toHaveCount(1)
  await expect(app.getByTestId('activity-split-row')).toContainText('2026-03-02')
  await app.getByTestId('activity-split').selectOption('provider')
  await expect(table.getByRole('columnheader')).toHaveText([
    'Week of',
    'Gmail',
    'Address unknown',
    'Other providers',
    'All bounces',
  ])
  // Sends were imported: the cells carry the hard-bounce rate of the same leads.
  await expect(app.getByTestId('activity-split-note')).toContainText('hard bounces per email sent')
  await expect(app.getByTestId('activity-split-row')).toContainText('3 · 50')
  await table.scrollIntoViewIfNeeded()
  await screenshot(app, 'activity-split')
})

test('refuses a bad activity file with its line and stores nothing', async ({ app, readDb }) => {
  await app.getByTestId('nav-activity').click()
  await app.getByTestId('activity-file-input').setInputFiles(join(DIR, 'bad-attributes.csv'))
  await expect(app.getByTestId('import-message')).toContainText(
    'bad-attributes.csv, line 3, column 8 (attributes): the attributes cell is not a JSON object',
    { timeout: 30_000 },
  )
  await expect(app.getByTestId('import-message')).toHaveAttribute('data-kind', 'error')
  const stored = readDb().prepare('SELECT count(*) AS n FROM activity_events').get() as { n: number }
  expect(stored.n).toBe(0)
  await screenshot(app, 'activity-refused')
})

test('the lead panel merges Marketo’s events into the snapshot timeline', async ({ app, dbPath }) => {
  const dir = mkdtempSync(join(tmpdir(), 'activity-e2e-'))
  const leads = join(dir, 'deliverability-2026-03-15.csv')
  writeFileSync(
    leads,
    'Id,Email Address,Email Invalid,Email Invalid Cause\r\n11,anna@example.com,true,550 5.1.1 User unknown\r\n12,ben@example.com,false,\r\n',
  )
  expect(dbPath).toBeTruthy()
  await app.getByTestId('file-input').setInputFiles(leads)
  // One import at a time: the activity file goes in once the lead export has landed.
  await expect(app.getByTestId('import-message')).toContainText('Imported 2 rows', { timeout: 30_000 })
  await app.getByTestId('nav-activity').click()
  await app.getByTestId('activity-file-input').setInputFiles(join(DIR, 'activities-2026-03-a.csv'))
  await expect(app.getByTestId('activity-totals')).toContainText('9 events', { timeout: 30_000 })
  await app.getByTestId('nav-explorer').click()
  await app.getByTestId('explorer-row').filter({ hasText: 'anna@example.com' }).click()
  const panel = app.getByTestId('lead-panel')
  await expect(panel.getByTestId('lead-timeline-entry')).toHaveCount(1)
  // Lead 11's Email Bounced (its send is left out of the timeline).
  await expect(panel.getByTestId('lead-timeline-event')).toHaveCount(1)
  await expect(panel.getByTestId('lead-timeline-event')).toContainText('Email Bounced')
  await expect(panel.getByTestId('lead-timeline-event')).toContainText('Marketo Category 2 · Subcategory 1003')
  await panel.getByTestId('lead-timeline-event').scrollIntoViewIfNeeded()
  await screenshot(app, 'activity-lead-timeline')
  rmSync(dir, { recursive: true, force: true })
})

test('trends by event date, hard-bounce rate per domain, and thresholds edited in Settings', async ({ app }) => {
  await app.getByTestId('nav-activity').click()
  await app.getByTestId('activity-file-input').setInputFiles(join(DIR, 'activities-2026-03-a.csv'))
  await expect(app.getByTestId('activity-totals')).toContainText('9 events', { timeout: 30_000 })
  await expect(app.getByTestId('activity-trend')).toHaveCount(1)
  await app.getByTestId('activity-bucket').selectOption('day')
  await expect(app.getByTestId('activity-trend')).toHaveCount(3)
  await app.getByTestId('activity-rate-group').selectOption('domain')
  const example = app.locator('[data-testid="activity-rate"]', { hasText: 'example.com' }).first()
  await expect(example).toHaveAttribute('data-level', 'data-problem')
  await expect(example).toContainText('Data problem')
  await app.getByTestId('activity-trends').scrollIntoViewIfNeeded()
  await screenshot(app, 'activity-trends')

  await app.getByTestId('nav-settings').click()
  const section = app.getByTestId('settings-thresholds')
  await expect(app.getByTestId('threshold-look-closer')).toHaveValue('5')
  await app.getByTestId('threshold-look-closer').fill('50')
  await app.getByTestId('threshold-data-problem').fill('100')
  await app.getByTestId('threshold-save').click()
  await expect(section).toContainText('Saved: above 50 % look closer, from 100 % a data problem.')
  await section.scrollIntoViewIfNeeded()
  await screenshot(app, 'settings-thresholds')

  await app.getByTestId('nav-activity').click()
  await app.getByTestId('activity-rate-group').selectOption('domain')
  await expect(app.locator('[data-testid="activity-rate"]', { hasText: 'example.com' }).first()).toHaveAttribute(
    'data-level',
    'data-problem',
  )
})

test('the snapshot-only rule lists leads suspended in K of the last N snapshots', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'activity-e2e-'))
  const weeks = [
    ['1,a@x.example,true,false', '2,b@x.example,true,false'],
    ['1,a@x.example,true,false', '2,b@x.example,false,false'],
    ['1,a@x.example,true,false', '2,b@x.example,true,false', '3,c@x.example,false,false'],
  ]
  const files = weeks.map((rows, index) => {
    const path = join(dir, `deliverability-2026-11-0${index + 1}.csv`)
    writeFileSync(path, ['Id,Email Address,Email Suspended,Email Invalid', ...rows, ''].join('\r\n'))
    return path
  })
  await app.getByTestId('nav-explorer').click()
  await app.getByTestId('file-input').setInputFiles(files)
  // Three imports in a row; slow on a busy machine.
  await expect(app.getByTestId('import-message')).toHaveCount(3, { timeout: 30_000 })
  await app.getByTestId('nav-activity').click()
  await app.getByTestId('snapshot-k').fill('3')
  await app.getByTestId('snapshot-n').fill('3')
  await expect(app.getByTestId('snapshot-rule-lead')).toHaveCount(1)
  await expect(app.getByTestId('snapshot-rule-lead')).toContainText('a@x.example')
  await app.getByTestId('snapshot-k').fill('2')
  await expect(app.getByTestId('snapshot-rule-lead')).toHaveCount(2)
  await expect(app.getByTestId('snapshot-result')).toHaveText('2 leads')
  await app.getByTestId('snapshot-rule-leads').scrollIntoViewIfNeeded()
  await screenshot(app, 'activity-snapshot-rule')
  rmSync(dir, { recursive: true, force: true })
})

test('the Activity view passes axe in light and dark, with activity imported', async ({ app }) => {
  await app.getByTestId('nav-activity').click()
  await app.getByTestId('activity-file-input').setInputFiles(join(DIR, 'activities-2026-03-a.csv'))
  await expect(app.getByTestId('activity-totals')).toContainText('9 events', { timeout: 30_000 })
  await expect(app.getByTestId('activity-review-row')).toHaveCount(1)
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme })
    const result = await new AxeBuilder({ page: app }).analyze()
    const found = result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
    )
    expect.soft(found, `the Activity view in ${scheme}`).toEqual([])
  }
})
