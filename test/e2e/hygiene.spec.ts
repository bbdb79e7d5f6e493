import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Page } from '@playwright/test'
import { readExportedCsv } from '../helpers/read-csv'
import { expect, test } from './fixtures'

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'hygiene', 'hygiene-week-2026-12-04.csv')
/** Where this feature's screenshots go to be looked at (light and dark, 1280×800). */
const SHOTS = process.env['HYGIENE_SHOTS'] ?? join(import.meta.dirname, 'screenshots')

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

test('address hygiene: the Overview card, the Leads filters and the fix list', async ({ app, dbPath }) => {
  await app.setViewportSize({ width: 1280, height: 800 })
  await app.getByTestId('file-input').setInputFiles(FIXTURE)
  await expect(app.getByTestId('import-message')).toHaveAttribute('data-kind', 'success', { timeout: 60_000 })

  const headline = app.getByTestId('hygiene-headline')
  await expect(headline).toHaveText('4 likely typos you can fix — 2 of them marked invalid')
  await expect(app.getByTestId('hygiene-role')).toHaveText('3 role addresses (info@, sales@ …)')
  await expect(app.getByTestId('hygiene-disposable')).toHaveText('1 address at throwaway domains')
  await expect(app.getByTestId('hygiene-malformed')).toHaveText('2 addresses that cannot work as written')

  // The fix list: Marketo Id, the address as it is, the one it probably meant.
  await app.getByTestId('export-fix-list').click()
  const saved = join(dirname(dbPath), 'exports', 'bounce-auditor-fix-typos-2026-12-04.csv')
  await expect(app.getByTestId('fix-list-result')).toContainText(`Saved 4 addresses to fix to ${saved}`)
  const [header, ...rows] = readExportedCsv(readFileSync(saved))
  expect(header).toEqual(['Id', 'Old Email Address', 'Suggested Email Address', 'Email Invalid'])
  expect(rows.map((row) => row.slice(0, 3))).toEqual([
    ['701', 'anna@gmial.com', 'anna@gmail.com'],
    ['702', 'bo@hotmal.com', 'bo@hotmail.com'],
    ['703', 'kenji@yaho.co.jp', 'kenji@yahoo.co.jp'],
    ['711', 'support@outlok.com', 'support@outlook.com'],
  ])
  await app.getByTestId('hygiene-card').scrollIntoViewIfNeeded()
  await shoot(app, 'hygiene-overview')

  // The headline opens Leads filtered to the likely typos, each with its suggestion.
  await headline.getByRole('link').click()
  await expect(app.getByTestId('explorer-hygiene')).toHaveValue('typo')
  await expect(app.getByTestId('explorer-total')).toHaveText('4')
  await expect(app.getByTestId('explorer-row')).toHaveCount(4)
  await expect(app.getByTestId('hygiene-suggestion').first()).toHaveText('Probably meant @gmail.com')
  await shoot(app, 'hygiene-leads-typos')

  await app.getByTestId('explorer-hygiene').selectOption('role')
  await expect(app.getByTestId('explorer-row')).toHaveCount(3)
  await expect(app.getByTestId('explorer-row').first()).toContainText('info@northwind.example')
  await expect(app.getByTestId('explorer-row').first().getByTestId('hygiene-tags')).toHaveText('Role address')
  expect(decodeURIComponent(app.url())).toContain('hygiene=role')

  // Combined with Marketo's flag: the typos among the invalid leads.
  await app.getByTestId('explorer-hygiene').selectOption('typo')
  await app.getByTestId('explorer-invalid').click()
  await expect(app.getByTestId('explorer-row')).toHaveCount(2)

  await app.getByTestId('explorer-clear').click()
  await expect(app.getByTestId('explorer-hygiene')).toHaveValue('')
  await expect(app.getByTestId('explorer-total')).toHaveText('12')
  await shoot(app, 'hygiene-leads-all')
})
