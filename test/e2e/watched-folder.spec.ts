import AxeBuilder from '@axe-core/playwright'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { Page } from '@playwright/test'
import { join } from 'node:path'
import { RENDERER_OUT_DIR, RESOURCES_DIR } from '../../electron/main/core/repo-paths'
import { startWebServer, type WebServer } from '../../electron/web/server'
import { CSV_FIXTURES } from '../helpers/temp-dir'
import { expect, screenshot, test as base } from './fixtures'

/**
 * The watched folder through the preview's bridge: the folder is typed (the desktop app opens its
 * folder dialog instead), exports copied into it are imported by the Node side, and Settings
 * lists what happened. Desktop notifications are the Electron shell's and are not run here.
 */
const test = base.extend<{ folder: string; server: WebServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
  folder: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'bounce-auditor-watched-'))
    mkdirSync(join(dir, 'exports'))
    await use(join(dir, 'exports'))
    rmSync(dir, { recursive: true, force: true })
  },
  server: async ({ dbPath }, use) => {
    const server = await startWebServer({
      dbPath,
      rendererDir: RENDERER_OUT_DIR,
      resourcesDir: RESOURCES_DIR,
      version: '0.0.0-test',
      watch: { stableMs: 300, pollMs: 50 },
    })
    await use(server)
    await server.close()
  },
})

/** axe over the section in both themes (the accessibility spec covers the rest of Settings). */
async function expectNoAxeViolations(app: Page, what: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme })
    const result = await new AxeBuilder({ page: app }).include('[data-testid="settings-watch"]').analyze()
    expect(result.violations.map((violation) => `${violation.id} (${what}, ${scheme})`)).toEqual([])
  }
  await app.emulateMedia({ colorScheme: 'light' })
}

test('a watched folder imports each export that lands in it and lists what happened', async ({ app, folder }) => {
  test.slow()
  await app.getByTestId('nav-settings').click()
  const section = app.getByTestId('settings-watch')
  await expect(section.getByTestId('watch-status')).toHaveText('No folder chosen')
  await expect(section.getByTestId('watch-enabled')).toBeDisabled()
  await expectNoAxeViolations(app, 'empty')

  await section.getByTestId('watch-folder-input').fill(folder)
  await section.getByTestId('watch-choose').click()
  await expect(section.getByTestId('watch-status')).toHaveText('Watching')
  await expect(section.getByTestId('watch-enabled')).toBeChecked()
  await expect(section.getByTestId('settings-message')).toContainText(`Watching ${folder}`)
  await expect(section.getByTestId('watch-no-events')).toBeVisible()

  copyFileSync(
    join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'),
    join(folder, 'weekly-deliverability-2026-11-13.csv'),
  )
  const events = section.getByTestId('watch-event')
  await expect(events).toHaveCount(1, { timeout: 30_000 })
  await expect(events.first()).toHaveAttribute('data-outcome', 'imported')
  await expect(events.first()).toContainText(/\d+ addresses? marked invalid, \d+ to review/)

  copyFileSync(join(CSV_FIXTURES, 'no-email-column.csv'), join(folder, 'contacts.csv'))
  await expect(events).toHaveCount(2, { timeout: 30_000 })
  await expect(events.first()).toHaveAttribute('data-outcome', 'failed')
  await expect(events.first()).toContainText('Import it from the app to choose its columns.')

  await section.scrollIntoViewIfNeeded()
  await screenshot(app, 'settings-watched-folder')
  await expectNoAxeViolations(app, 'with its list of files')

  // The import reached the history like a dropped file.
  await app.getByTestId('nav-overview').click()
  await expect(app.getByTestId('overview-rows')).not.toHaveText('0')

  await app.getByTestId('nav-settings').click()
  await section.getByTestId('watch-enabled').uncheck()
  await expect(section.getByTestId('watch-status')).toHaveText('Off')
  // The list of this run stays; the switch only stops the watching.
  await expect(events).toHaveCount(2)
})
