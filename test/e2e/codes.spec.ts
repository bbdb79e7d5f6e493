import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { explainCode, listCatalog, MARKETO_RULE_OF_THUMB } from '../../electron/shared/catalog/index'
import { splitRuleOfThumb } from '../../renderer/src/components/codes/catalog'
import { expect, importSample, screenshot, test } from './fixtures'

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

// Counted from the newest snapshot's spans and causes, not through the app's own query.
const CODE_ROWS = `
  SELECT count(*) AS n FROM spans s
  JOIN imports i ON i.list_id = s.list_id AND s.from_seq <= i.seq AND s.to_seq >= i.seq
  JOIN causes c ON c.id = s.invalid_cause_id
  WHERE i.id = (SELECT max(id) FROM imports) AND s.email_invalid = 1 AND (c.status = @code OR c.reply_code = @reply)`

test('a code shows how many rows of the latest export carry it, and opens exactly those rows in Leads', async ({
  app,
  readDb,
}) => {
  await importSample(app)
  const rowsWith = (code: string): number =>
    (
      readDb()
        .prepare(CODE_ROWS)
        .get({ code, reply: /^\d{3}$/.test(code) ? Number(code) : -1 }) as { n: number }
    ).n
  const unknown = rowsWith('5.1.1')
  // More than one page of the Leads view, so the click-through has to page to show them all.
  expect(unknown).toBeGreaterThan(50)

  await app.getByTestId('nav-codes').click()
  await app.locator('summary', { hasText: 'Basic reply codes' }).click()
  await expect(app.locator('[data-code="550"] [data-testid="code-entry-count"]')).toHaveAttribute(
    'data-rows',
    String(rowsWith('550')),
  )
  await app.locator('summary', { hasText: 'Addressing' }).click()
  const entry = app.locator('[data-testid="code-entry"][data-code="5.1.1"]')
  await expect(entry.getByTestId('code-entry-count')).toHaveAttribute('data-rows', String(unknown))
  await expect(entry.getByTestId('code-entry-count')).toContainText(String(unknown))
  await entry.click()

  const usage = app.getByTestId('code-detail').getByTestId('code-usage')
  await expect(usage.getByTestId('code-usage-latest')).toHaveAttribute('data-rows', String(unknown))
  await expect(usage.getByTestId('code-usage-all')).toHaveAttribute('data-rows', String(unknown))
  const examples = usage.getByTestId('code-usage-example')
  const exampleTexts = await examples.allTextContents()
  expect(exampleTexts.length).toBeGreaterThanOrEqual(1)
  expect(exampleTexts.length).toBeLessThanOrEqual(3)
  for (const text of exampleTexts) expect(text).toContain('5.1.1')
  await screenshot(app, 'codes-usage')

  // "Only codes in my data" leaves the codes with rows, each with its count.
  await app.getByTestId('codes-used-only').check()
  const shown = await app
    .getByTestId('code-entry')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code') ?? ''))
  expect(shown).toEqual(expect.arrayContaining(['550', '5.1.1']))
  for (const code of shown) {
    await expect(app.locator(`[data-code="${code}"] [data-testid="code-entry-count"]`)).toHaveCount(1)
  }
  await app.getByTestId('codes-search').scrollIntoViewIfNeeded()
  await screenshot(app, 'codes-usage-list')

  await usage.getByTestId('code-usage-open').click()
  await expect(app.getByTestId('explorer-view')).toBeVisible()
  await expect(app.getByTestId('explorer-code')).toHaveValue('5.1.1')
  await expect(app.getByTestId('explorer-total')).toHaveText(String(unknown))
  await expect(app.getByTestId('explorer-total')).toHaveAttribute('data-exact', 'true')
  const rows = app.getByTestId('explorer-row')
  await expect(rows).toHaveCount(50)
  while ((await app.getByTestId('explorer-more').count()) > 0) {
    const before = await rows.count()
    await app.getByTestId('explorer-more').click()
    await expect(rows).not.toHaveCount(before)
  }
  await expect(rows).toHaveCount(unknown)
  // Any of them, even the last one paged in, opens with its cause explained.
  await rows.last().click()
  await expect(app.getByTestId('lead-panel').getByTestId('explain-card')).toBeVisible()
  await expect(app.getByTestId('lead-panel').getByTestId('explain-code').filter({ hasText: '5.1.1' })).toHaveCount(1)

  // An example opens the Explain view with its text.
  await app.goto(new URL('#/codes/5.1.1', app.url()).href)
  await app.getByTestId('code-usage-example').first().click()
  await expect(app.getByTestId('explain-view')).toBeVisible()
  await expect(app.getByTestId('explain-input')).toHaveValue(exampleTexts[0] ?? '')
  await expect(app.getByTestId('explain-card')).toBeVisible()
})

test('without imports a code says where its counts will come from', async ({ app }) => {
  await app.goto(new URL('#/codes/550', app.url()).href)
  await expect(app.getByTestId('code-usage')).toContainText('Import an export')
  await expect(app.getByTestId('codes-used-only')).toHaveCount(0)
  // Blocklists and provider tags are not reply or status codes: nothing is counted for them.
  await app.goto(new URL('#/codes/spamhaus', app.url()).href)
  await expect(app.getByTestId('code-detail')).toHaveAttribute('data-code', 'spamhaus')
  await expect(app.getByTestId('code-usage')).toHaveCount(0)
})

test('provider knowledge is listed with its public source and found by its code', async ({ app }) => {
  await app.goto(new URL('#/codes/RTR:BB', app.url()).href)
  const detail = app.getByTestId('code-detail')
  const entry = explainCode('RTR:BB')
  expect(entry?.source).toBeTruthy()
  await expect(detail).toContainText(entry?.title ?? 'missing')
  await expect(detail).toContainText(entry?.source?.title ?? 'missing')
  await expect(detail).toContainText(entry?.source?.url ?? 'missing')
  await screenshot(app, 'codes-provider-source')
})
