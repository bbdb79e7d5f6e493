import { test as base, expect, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../electron/main/db/open'
import { RENDERER_OUT_DIR, RESOURCES_DIR } from '../../electron/main/core/repo-paths'
import { startWebServer, type WebServer } from '../../electron/web/server'

export const SCREENSHOT_DIR = join(import.meta.dirname, 'screenshots')

interface Fixtures {
  dbPath: string
  server: WebServer
  /** A second, read-only connection, so assertions read what the app committed. */
  readDb: () => Db
  app: Page
}

/**
 * Each test gets its own SQLite file and its own preview server: the same bridge `npm run web`
 * uses, carrying window.api to the handler table the desktop app registers.
 */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
  dbPath: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'bounce-auditor-e2e-'))
    await use(join(dir, 'app.db'))
    rmSync(dir, { recursive: true, force: true })
  },
  server: async ({ dbPath }, use) => {
    const server = await startWebServer({
      dbPath,
      rendererDir: RENDERER_OUT_DIR,
      resourcesDir: RESOURCES_DIR,
      version: '0.0.0-test',
    })
    await use(server)
    await server.close()
  },
  readDb: async ({ dbPath }, use) => {
    const opened: Db[] = []
    await use(() => {
      const db = openDatabase(dbPath, { readonly: true })
      opened.push(db)
      return db
    })
    for (const db of opened) db.close()
  },
  app: async ({ page, server }, use) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(server.url)
    await use(page)
    expect(errors, 'the page logged errors').toEqual([])
  },
})

export async function screenshot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`), fullPage: false })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/**
 * The most a worker import may take on a busy machine (the preview starts each import worker from
 * TypeScript source, and two cores are shared with other runs). An upper bound only: the tests wait
 * for the import's own end (its message), never for a fixed time.
 */
export const IMPORT_BUDGET = 60_000

/** A test that waits for a worker import gets that import's budget on top of its own time. */
export function allowForImport(): void {
  const info = test.info()
  info.setTimeout(info.timeout + IMPORT_BUDGET)
}

/**
 * Imports the bundled sample from the empty Overview and waits for the import's end: the success
 * message appears only when `imports:sample` has answered (the snapshot is committed), and the
 * Overview's figures are the re-read that follows it.
 */
export async function importSample(page: Page): Promise<void> {
  allowForImport()
  await page.getByTestId('try-sample').click()
  await expect(page.getByTestId('import-message')).toHaveAttribute('data-kind', 'success', { timeout: IMPORT_BUDGET })
  await expect(page.getByTestId('overview-rows')).toBeVisible()
}

export { expect }
