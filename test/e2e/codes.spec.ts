import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { explainCode, listCatalog, MARKETO_RULE_OF_THUMB } from '../../electron/shared/catalog/index'
import { splitRuleOfThumb } from '../../renderer/src/components/codes/catalog'
import { expect, screenshot, test } from './fixtures'

const REPLY_CODES_TSV = join(import.meta.dirname, '..', 'fixtures', 'reference', 'reply-codes.tsv')

/** The `code` column of the reference table of basic reply codes. */
function referenceReplyCodes(): string[] {
  const [header, ...rows] = readFileSync(REPLY_CODES_TSV, 'utf8').split(/\r?\n/)
  const column = (header ?? '').split('\t').indexOf('code')
  expect(column, 'reply-codes.tsv has a code column').toBeGreaterThanOrEqual(0)
  return rows.filter((row) => row.trim() !== '').map((row) => row.split('\t')[column] ?? '')
}

test('the codes view lists every catalog entry and every reference reply code', async ({ app }) => {
  await app.getByTestId('nav-codes').click()
  await expect(app.getByTestId('codes-view')).toBeVisible()
  await expect(app.getByTestId('code-entry')).toHaveCount(listCatalog().length)

  const codes = referenceReplyCodes()
  expect(codes.length).toBeGreaterThan(30)
  // Groups start closed; opening the basic reply codes shows every one of them.
  await app.locator('summary', { hasText: 'Basic reply codes' }).click()
  for (const code of codes) {
    await expect(app.locator(`[data-testid="code-entry"][data-code="${code}"]`), `reply code ${code}`).toBeVisible()
  }
  await screenshot(app, 'codes-catalog')
})

test('searching 5.7.26 shows that entry alone, and Escape brings the list back', async ({ app }) => {
  await app.getByTestId('nav-codes').click()
  const search = app.getByTestId('codes-search')
  const entries = app.getByTestId('code-entry')

  // `/` focuses the search from anywhere in the view.
  await app.keyboard.press('/')
  await expect(search).toBeFocused()
  await app.keyboard.type('5.7.26')
  await expect(entries).toHaveCount(1)
  await expect(entries.first()).toHaveAttribute('data-code', '5.7.26')
  await expect(entries.first()).toBeVisible()
  // One match is shown in full without being picked.
  const detail = app.getByTestId('code-detail')
  await expect(detail).toHaveAttribute('data-code', '5.7.26')
  await expect(detail).toContainText(explainCode('5.7.26')?.title ?? 'missing from the catalog')
  await screenshot(app, 'codes-search')

  await search.press('Escape')
  await expect(search).toHaveValue('')
  await expect(entries).toHaveCount(listCatalog().length)
  await expect(app.getByTestId('code-detail')).toHaveCount(0)
})

test('a search by words finds codes by their meaning, and by a prefix of their number', async ({ app }) => {
  await app.getByTestId('nav-codes').click()
  const search = app.getByTestId('codes-search')
  const codesShown = (): Promise<string[]> =>
    app.getByTestId('code-entry').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code') ?? ''))

  await search.fill('mailbox full')
  const full = await codesShown()
  expect(full).toEqual(expect.arrayContaining(['5.2.2', '4.2.2']))
  expect(full).not.toContain('5.7.26')

  await search.fill('spamhaus')
  expect(await codesShown()).toContain('spamhaus')

  await search.fill('5.1')
  const addressing = await codesShown()
  expect(addressing.length).toBeGreaterThan(5)
  expect(addressing.every((code) => code.startsWith('5.1'))).toBe(true)

  await search.fill('x.2.2')
  expect((await codesShown()).sort()).toEqual(['4.2.2', '5.2.2'])

  await search.fill('no such code anywhere')
  await expect(app.getByTestId('code-entry')).toHaveCount(0)
  await expect(app.getByText('No code matches')).toBeVisible()
})

test('a deep link opens the entry with Marketo’s wording, the standard title and provider notes', async ({ app }) => {
  await app.goto(new URL('#/codes/5.7.1', app.url()).href)
  const detail = app.getByTestId('code-detail')
  await expect(detail).toHaveAttribute('data-code', '5.7.1')
  const entry = explainCode('5.7.1')
  expect(entry?.marketoWording).toBeTruthy()
  await expect(detail).toContainText(entry?.explanation ?? '')
  await expect(detail).toContainText(entry?.action ?? '')
  await expect(detail).toContainText(entry?.marketoWording ?? '')
  for (const note of entry?.providerNotes ?? []) await expect(detail).toContainText(note.note)
  const row = app.locator('[data-testid="code-entry"][data-code="5.7.1"]')
  await expect(row).toBeVisible()
  await expect(row).toHaveAttribute('aria-current', 'true')

  // Choosing another entry follows in the address, so it can be linked to.
  await app.locator('summary', { hasText: 'Basic reply codes' }).click()
  await app.locator('[data-testid="code-entry"][data-code="550"]').click()
  await expect(detail).toHaveAttribute('data-code', '550')
  await expect(detail).toContainText('Marketo calls this')
  await expect(detail).toContainText(explainCode('550')?.registryTitle ?? '')
  expect(new URL(app.url()).hash).toBe('#/codes/550')

  await app.goto(new URL('#/codes/5.7.26', app.url()).href)
  await expect(detail).toHaveAttribute('data-code', '5.7.26')
  await expect(detail).toContainText('Gmail')
  await screenshot(app, 'codes-detail')

  // A Microsoft 5.7.6xx code that is not listed itself opens the entry that covers the range.
  await app.goto(new URL('#/codes/5.7.610', app.url()).href)
  await expect(detail).toHaveAttribute('data-code', '5.7.606')
})

test('Marketo’s rule of thumb is shown with its exceptions', async ({ app }) => {
  await app.getByTestId('nav-codes').click()
  const pane = app.getByRole('complementary', { name: 'Code details' })
  await expect(pane).toContainText('Marketo’s rule of thumb')
  await expect(pane).toContainText('Where it does not hold')
  const { exceptions } = splitRuleOfThumb(MARKETO_RULE_OF_THUMB)
  expect(exceptions.length).toBeGreaterThanOrEqual(2)
  await expect(pane.locator('li')).toHaveCount(exceptions.length)
  await expect(pane).toContainText('Spamhaus')
})
