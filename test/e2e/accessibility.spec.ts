import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, IMPORT_BUDGET, importSample, test } from './fixtures'
import { importWeeks } from './weekly'

/** Every view of the sidebar, with what shows it has drawn its data. */
const VIEWS = [
  { nav: 'nav-overview', ready: 'overview-rows' },
  { nav: 'nav-imports', ready: 'import-row' },
  { nav: 'nav-explorer', ready: 'explorer-row' },
  { nav: 'nav-compare', ready: 'compare-count-newlyInvalid' },
  { nav: 'nav-trends', ready: 'trend-chart' },
  { nav: 'nav-activity', ready: 'activity-totals' },
  { nav: 'nav-explain', ready: 'explain-view' },
  { nav: 'nav-codes', ready: 'codes-search' },
  { nav: 'nav-settings', ready: 'settings-db-path' },
] as const

/** The rule, the element and why, one line each: readable in a failure without opening a report. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
  )
}

const ACTIVITY = join(import.meta.dirname, '..', 'fixtures', 'activities', 'activities-2026-03-a.csv')

test('the empty overview passes axe in light and dark', async ({ app }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme })
    await app.getByTestId('nav-overview').click()
    await expect(app.getByTestId('empty-state')).toBeVisible()
    expect.soft(await violations(app), `the empty overview in ${scheme}`).toEqual([])
  }
})

// One test per scheme: nine views through axe is slow on a busy machine, and a failure names the scheme.
for (const scheme of ['light', 'dark'] as const) {
  test(`every view passes axe in ${scheme}, with data`, async ({ app }) => {
    // Axe is CPU-bound: nine views take about a minute on an idle machine and four on a busy one.
    test.setTimeout(300_000)
    await app.emulateMedia({ colorScheme: scheme })
    // Three weekly exports, so Trends and Compare draw their charts and lists too, and Marketo's
    // bounce activities, so Activity draws its trend, categories and review list.
    await importWeeks(app)
    await app.getByTestId('nav-activity').click()
    await app.getByTestId('activity-file-input').setInputFiles(ACTIVITY)
    await expect(app.getByTestId('activity-totals')).toContainText('9 events', { timeout: IMPORT_BUDGET })
    for (const view of VIEWS) {
      await app.getByTestId(view.nav).click()
      await expect(app.getByTestId(view.ready).first()).toBeVisible()
      expect.soft(await violations(app), `${view.nav} in ${scheme}`).toEqual([])
    }
  })
}

test('Escape closes only the top thing: the dialog first, then the lead panel behind it', async ({ app }) => {
  await importSample(app)
  await app.getByTestId('nav-explorer').click()
  await app.getByTestId('explorer-row').first().click()
  const panel = app.getByTestId('lead-panel')
  await expect(panel).toBeVisible()

  // The panel covers the button at this width; a click event still opens the dialog over the panel.
  await app.getByTestId('explorer-export').dispatchEvent('click')
  const dialog = app.getByTestId('explorer-export-dialog')
  await expect(dialog).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  // Before the fix the same press also reached the view and closed the panel.
  await expect(panel).toBeVisible()

  await app.keyboard.press('Escape')
  await expect(panel).toBeHidden()
})
