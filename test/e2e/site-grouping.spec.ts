import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, IMPORT_BUDGET, test } from './fixtures'

/** Where this feature's screenshots go to be looked at (light and dark, 1280×800). */
const SHOTS = process.env['SITE_SHOTS'] ?? join(import.meta.dirname, 'screenshots')
const HEADER = 'Id,Email Address,Email Invalid,Email Invalid Cause,Email Suspended'
const UNKNOWN = '"550 5.1.1 <x>: Recipient address rejected: User unknown"'

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) })
    const result = await new AxeBuilder({ page }).analyze()
    expect(result.violations.map((violation) => `${violation.id} (${scheme})`)).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Two weekly exports of one list: acme.co.uk's people write from three subdomains. */
function exportsIn(dir: string): string[] {
  const weeks: [string, [number, string, boolean][]][] = [
    [
      'weekly-2026-12-04.csv',
      [
        [1, 'ann@acme.co.uk', true],
        [2, 'bo@mail.acme.co.uk', true],
        [3, 'cy@eu.mail.acme.co.uk', false],
        [4, 'di@mail.acme.co.uk', true],
        [5, 'ed@other.co.uk', true],
        [6, 'fe@gmail.com', false],
      ],
    ],
    [
      'weekly-2026-12-11.csv',
      [
        [1, 'ann@acme.co.uk', false],
        [2, 'bo@mail.acme.co.uk', true],
        [3, 'cy@eu.mail.acme.co.uk', true],
        [4, 'di@mail.acme.co.uk', true],
        [5, 'ed@other.co.uk', true],
        [6, 'fe@gmail.com', false],
        [8, 'hu@shop.acme.co.uk', true],
      ],
    ],
  ]
  return weeks.map(([name, rows]) => {
    const path = join(dir, name)
    const lines = rows.map(([id, email, invalid]) => `${id},${email},${invalid},${invalid ? UNKNOWN : ''},false`)
    writeFileSync(path, `${[HEADER, ...lines].join('\r\n')}\r\n`)
    return path
  })
}

test('subdomains count under their registrable domain in Trends and Leads', async ({ app }) => {
  test.setTimeout(2 * IMPORT_BUDGET + 60_000)
  await app.setViewportSize({ width: 1280, height: 800 })
  for (const path of exportsIn(mkdtempSync(join(tmpdir(), 'site-grouping-')))) {
    await app.getByTestId('file-input').setInputFiles(path)
    await expect(app.getByTestId('import-message')).toHaveAttribute('data-kind', 'success', { timeout: IMPORT_BUDGET })
  }

  await app.getByTestId('nav-trends').click()
  await app.getByTestId('trend-breakdown-byDomain').click()
  // The domain menu offers registrable domains by default, the domains as written on request.
  const option = (domain: string) => app.locator(`datalist option[value="${domain}"]`)
  await expect(option('acme.co.uk')).toHaveCount(1)
  await expect(option('mail.acme.co.uk')).toHaveCount(0)
  await app.getByTestId('trend-filter-domain').fill('acme.co.uk')
  await app.getByTestId('trend-filter-domain').press('Enter')
  const rates = app.locator('[data-testid="trend-chart-summary"][data-chart="rates"]')
  await expect(rates).toContainText('4 of 5 rows')
  await shoot(app, 'trends-subdomains-grouped')

  await app.getByTestId('trend-filter-subdomains').selectOption('exact')
  await expect(rates).toContainText('0 of 1 rows')
  await expect(option('mail.acme.co.uk')).toHaveCount(1)
  await shoot(app, 'trends-subdomains-apart')

  await app.getByTestId('nav-explorer').click()
  await app.getByTestId('explorer-search').fill('@acme.co.uk')
  await expect(app.getByTestId('explorer-total')).toHaveText('5')
  await expect(app.getByTestId('explorer-row')).toHaveCount(5)
  await shoot(app, 'leads-subdomains')
})
