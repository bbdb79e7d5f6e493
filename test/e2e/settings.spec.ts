import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, importSample, screenshot, test } from './fixtures'

test('back up, erase with the typed confirmation, and restore the history from the backup', async ({ app, dbPath }) => {
  // One flow through import, backup, erase and restore: several file swaps on a shared machine.
  test.slow()
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  // Wait for the import's end before reading the figure the restore must bring back.
  await importSample(app)
  const rows = await app.getByTestId('overview-rows').textContent()

  await app.getByTestId('nav-settings').click()
  const view = app.getByTestId('settings-view')
  await expect(view.getByTestId('settings-db-path')).toHaveText(dbPath)
  await expect(view.getByTestId('settings-count-imports')).toHaveText('1')
  await expect(view.getByTestId('backups-empty')).toBeVisible()

  await view.getByTestId('settings-backup-now').click()
  const backupRows = view.getByTestId('backup-row')
  await expect(backupRows).toHaveCount(1)
  await expect(backupRows.first()).toHaveAttribute('data-kind', 'manual')
  await expect(backupRows.first()).toContainText('Made by you')
  await expect(view.getByTestId('settings-message')).toContainText('Backed up')
  expect(existsSync(join(dirname(dbPath), 'backups'))).toBe(true)

  await view.getByTestId('copy-diagnostics').click()
  await expect(view.getByTestId('settings-message')).toContainText('Diagnostics copied')
  const copied = await app.evaluate(() => navigator.clipboard.readText())
  expect(copied).toContain('Bounce Auditor diagnostics')
  expect(copied).toContain('Imports: 1')
  expect(copied).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/)
  await expect(view.getByTestId('diagnostics-text')).toHaveValue(copied)
  await app.getByRole('main').evaluate((main) => main.scrollTo({ top: 0 }))
  await screenshot(app, 'settings')

  await view.getByTestId('settings-erase').click()
  const erase = app.getByTestId('erase-dialog')
  await expect(erase).toBeVisible()
  const confirm = erase.getByTestId('confirm-erase')
  await expect(confirm).toBeDisabled()
  await erase.getByTestId('erase-confirm-input').fill('erase')
  await expect(confirm).toBeDisabled()
  await erase.getByTestId('erase-confirm-input').fill('ERASE')
  await expect(erase.getByTestId('erase-keep-backups')).toBeChecked()
  await screenshot(app, 'settings-erase-dialog')
  await confirm.click()
  await expect(erase).toBeHidden()
  await expect(view.getByTestId('settings-message')).toContainText('All data was erased')
  await expect(view.getByTestId('settings-count-imports')).toHaveText('0')

  await app.getByTestId('nav-overview').click()
  await expect(app.getByTestId('empty-state')).toBeVisible()
  await expect(app.getByTestId('overview-rows')).toHaveCount(0)

  await app.getByTestId('nav-settings').click()
  await expect(backupRows).toHaveCount(2)
  await expect(backupRows.nth(0)).toHaveAttribute('data-kind', 'before-erase')
  await backupRows.nth(1).getByTestId('backup-restore').click()
  const restore = app.getByTestId('restore-dialog')
  await expect(restore).toBeVisible()
  await restore.getByTestId('confirm-restore').click()
  await expect(restore).toBeHidden()
  await expect(view.getByTestId('settings-message')).toContainText('Restored')
  await expect(view.getByTestId('settings-count-imports')).toHaveText('1')
  await expect(backupRows).toHaveCount(3)

  await app.getByTestId('nav-overview').click()
  await expect(app.getByTestId('overview-rows')).toHaveText(rows ?? '')
})

test('the preview moves the database to a typed folder and keeps its history', async ({ app, dbPath }) => {
  await importSample(app)
  await app.getByTestId('nav-settings').click()
  const view = app.getByTestId('settings-view')

  await view.getByTestId('settings-open-folder').click()
  await expect(view.getByTestId('settings-message')).toContainText(`It is here: ${dbPath}`)

  await view.getByTestId('settings-move').click()
  const dialog = app.getByTestId('move-dialog')
  await expect(dialog.getByTestId('move-folder')).toHaveValue(join(dirname(dbPath), 'moved'))
  await dialog.getByTestId('move-folder').fill('relative/path')
  await dialog.getByTestId('confirm-move').click()
  await expect(dialog.getByTestId('move-error')).toContainText('full path')

  const target = join(dirname(dbPath), 'new home')
  await dialog.getByTestId('move-folder').fill(target)
  await dialog.getByTestId('confirm-move').click()
  await expect(dialog).toBeHidden()
  const moved = join(target, 'app.db')
  await expect(view.getByTestId('settings-db-path')).toHaveText(moved)
  await expect(view.getByTestId('settings-count-imports')).toHaveText('1')
  expect(existsSync(moved)).toBe(true)
  expect(existsSync(dbPath)).toBe(false)

  await app.getByTestId('nav-imports').click()
  await expect(app.getByTestId('import-row')).toHaveCount(1)
})
