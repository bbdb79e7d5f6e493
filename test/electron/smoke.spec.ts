import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { electronVersion, findElectronBinary } from './electron-binary'

const ROOT = resolve(import.meta.dirname, '../..')
const SCREENSHOT_DIR = join(import.meta.dirname, 'screenshots')

const executablePath = findElectronBinary()
const nativeBinding = join(ROOT, '.native', `electron-${electronVersion()}`, 'build', 'Release', 'better_sqlite3.node')

test.describe.configure({ mode: 'serial' })
// global-setup.ts prints why, once, where the reporter shows it.
test.skip(executablePath === null, 'no Electron binary on this machine')

let app: ElectronApplication
let window: Page
let userData: string

test.beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/index.js'))) throw new Error('out/ is missing: run `npm run build` first.')
  if (!existsSync(nativeBinding)) {
    throw new Error(`${nativeBinding} is missing: run \`npm run native:electron\` (needs internet once).`)
  }
  userData = mkdtempSync(join(tmpdir(), 'bounce-auditor-electron-'))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // Without ELECTRON_RENDERER_URL: it would make the app load from Vite instead of out/renderer.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL',
    ),
  )
  // Linux resolves userData through XDG_CONFIG_HOME; --user-data-dir below covers the others.
  env.XDG_CONFIG_HOME = userData
  app = await electron.launch({
    executablePath: executablePath ?? undefined,
    // The checkout is the app folder: package.json's main is out/main/index.js, and the dev-mode
    // native binding is found under .native/ beside it. A throwaway profile keeps the user's database out of it.
    args: [ROOT, `--user-data-dir=${join(userData, 'profile')}`],
    env,
  })
  // Electron is not documented to honour --user-data-dir everywhere: never import the sample into
  // a real user's database.
  const actualUserData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))
  if (!actualUserData.startsWith(userData)) {
    throw new Error(`The app uses ${actualUserData}, not a throwaway folder; stopping before it changes anything.`)
  }
  window = await app.firstWindow()
  await window.waitForLoadState('domcontentloaded')
})

test.afterAll(async () => {
  await app?.close()
  if (userData) rmSync(userData, { recursive: true, force: true })
})

test('the page sees window.api and nothing of Node', async () => {
  expect(await window.evaluate(() => ['require', 'process', 'module'].filter((name) => name in window))).toEqual([])
  expect(await window.evaluate(() => 'api' in window)).toBe(true)
})

test('the sample imports and every view renders', async () => {
  await expect(window.getByTestId('empty-state')).toBeVisible()
  await window.getByTestId('try-sample').click()
  await expect(window.getByTestId('overview-rows')).not.toHaveText('0')
  // Every entry of the sidebar, so a view added later is visited too.
  const views = await window
    .locator('[data-testid^="nav-"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')?.slice('nav-'.length) ?? ''))
  expect(views).toContain('overview')
  for (const view of views) {
    await window.getByTestId(`nav-${view}`).click()
    await expect(window.getByRole('heading', { level: 1 }).first()).toBeVisible()
    await window.screenshot({ path: join(SCREENSHOT_DIR, `${view}.png`) })
  }
})

test('the menu offers About Bounce Auditor', async () => {
  const labels = await app.evaluate(({ Menu }) => {
    const collect = (items: Electron.MenuItem[]): string[] =>
      items.flatMap((item) => [item.label, ...(item.submenu ? collect(item.submenu.items) : [])])
    return collect(Menu.getApplicationMenu()?.items ?? [])
  })
  expect(labels).toContain('About Bounce Auditor')
})
