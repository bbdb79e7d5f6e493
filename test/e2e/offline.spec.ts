import { join } from 'node:path'
import { CSV_FIXTURES } from '../helpers/temp-dir'
import { expect, importSample, test } from './fixtures'

/**
 * The app works offline and sends nothing anywhere: during a whole session (import, every view,
 * an export) every request the page makes goes to the app's own origin.
 */
test('a full session makes no request outside the app itself', async ({ app, server }) => {
  const origin = new URL(server.url).origin
  const requests: string[] = []
  app.on('request', (request) => requests.push(request.url()))

  await importSample(app)
  await app.getByTestId('nav-imports').click()
  await app.getByTestId('file-input').setInputFiles(join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'))
  await expect(app.getByTestId('import-row')).toHaveCount(2, { timeout: 20_000 })
  for (const view of ['explorer', 'compare', 'trends', 'explain', 'codes', 'settings', 'overview']) {
    await app.getByTestId(`nav-${view}`).click()
    await app.waitForLoadState('networkidle')
  }
  await app.getByTestId('export-remove').click()
  await expect(app.getByTestId('export-result')).toContainText('Saved')

  expect(requests.length).toBeGreaterThan(5)
  const outside = requests.filter((url) => new URL(url).origin !== origin && !url.startsWith('data:'))
  expect(outside).toEqual([])
})
