import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeExport } from '../../bench/generate-export'
import { expect as baseExpect, screenshot, test } from './fixtures'

// Every import starts a worker thread, which the preview loads from TypeScript source: allow
// for a busy machine.
const expect = baseExpect.configure({ timeout: 15_000 })

let dir = ''

test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bounce-auditor-e2e-files-'))
})

test.afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Writes a CSV into this test's folder and returns its path. */
function csv(name: string, lines: readonly string[]): string {
  const path = join(dir, name)
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return path
}

const GERMAN_HEADER = 'Vorname;Firma;Adresse;Fehler'

interface ImportRow {
  file_name: string
  row_count: number
  invalid_count: number
  skipped_count: number
}

test('a file without an Email Address column is mapped once; the next one with that header imports directly', async ({
  app,
  readDb,
}) => {
  await app.getByTestId('nav-imports').click()
  await app
    .getByTestId('file-input')
    .setInputFiles(
      csv('kontakte-2026-11-06.csv', [
        GERMAN_HEADER,
        'Ana;Northwind;ana@northwind.example;550 5.1.1 <ana@northwind.example>: Recipient address rejected: User unknown',
        'Ben;Contoso;ben@contoso.example;',
        'Cleo;Fabrikam;cleo@fabrikam.example;452 4.2.2 Mailbox full',
      ]),
    )

  const dialog = app.getByTestId('mapping-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toHaveAccessibleName('Which columns hold the bounce data?')
  await expect(dialog).toContainText('kontakte-2026-11-06.csv')
  await expect(dialog).toContainText('remembers this choice for exports with the same columns')
  const preview = app.getByTestId('mapping-preview')
  await expect(preview.locator('th')).toHaveText([/Vorname/, /Firma/, /Adresse/, /Fehler/])
  await expect(preview.locator('tbody tr')).toHaveCount(3)
  await expect(preview).toContainText('cleo@fabrikam.example')
  // Focus starts on the one required field, and stays inside the dialog.
  await expect(app.getByTestId('mapping-field-email')).toBeFocused()
  await app.keyboard.press('Shift+Tab')
  await app.keyboard.press('Tab')
  await expect(app.getByTestId('mapping-field-email')).toBeFocused()

  await app.getByTestId('mapping-field-email').selectOption({ label: 'Adresse · e.g. ana@northwind.example' })
  await app.getByTestId('mapping-field-emailInvalidCause').selectOption('3')
  await expect(app.getByTestId('mapping-field-emailInvalidCause')).toHaveValue('3')
  await expect(app.getByTestId('mapping-field-emailInvalid')).toHaveValue('')
  // One column cannot hold two fields.
  await app.getByTestId('mapping-field-marketoId').selectOption('3')
  await expect(app.getByTestId('mapping-confirm')).toBeDisabled()
  await expect(dialog).toContainText('‘Fehler’ is chosen for both')
  await app.getByTestId('mapping-field-marketoId').selectOption('')
  await expect(app.getByTestId('mapping-confirm')).toBeEnabled()
  await screenshot(app, 'mapping-dialog')

  await app.getByTestId('mapping-confirm').click()
  await expect(dialog).toBeHidden()
  const message = app.getByTestId('import-message')
  await expect(message).toHaveAttribute('data-kind', 'success')
  await expect(message).toContainText('Imported 3 rows from kontakte-2026-11-06.csv')
  await expect(message).toContainText('2 with Email Invalid')

  const imports = (): ImportRow[] =>
    readDb()
      .prepare('SELECT file_name, row_count, invalid_count, skipped_count FROM imports ORDER BY id')
      .all() as ImportRow[]
  expect(imports()).toEqual([
    { file_name: 'kontakte-2026-11-06.csv', row_count: 3, invalid_count: 2, skipped_count: 0 },
  ])
  const causes = readDb()
    .prepare(
      'SELECT l.email AS email, c.text AS cause FROM spans s JOIN leads l ON l.id = s.lead_id LEFT JOIN causes c ON c.id = s.invalid_cause_id ORDER BY l.email',
    )
    .all()
  expect(causes).toEqual([
    {
      email: 'ana@northwind.example',
      cause: '550 5.1.1 <ana@northwind.example>: Recipient address rejected: User unknown',
    },
    { email: 'ben@contoso.example', cause: null },
    { email: 'cleo@fabrikam.example', cause: '452 4.2.2 Mailbox full' },
  ])

  // The same header a week later: the remembered columns are used without asking.
  await app
    .getByTestId('file-input')
    .setInputFiles(
      csv('kontakte-2026-11-13.csv', [
        GERMAN_HEADER,
        'Ana;Northwind;ana@northwind.example;550 5.1.1 User unknown',
        'Dora;Litware;dora@litware.example;',
      ]),
    )
  await expect(message).toContainText('Imported 2 rows from kontakte-2026-11-13.csv')
  await expect(dialog).toBeHidden()
  expect(imports()).toHaveLength(2)
  expect(imports()[1]).toEqual({
    file_name: 'kontakte-2026-11-13.csv',
    row_count: 2,
    invalid_count: 1,
    skipped_count: 0,
  })
  await expect(app.getByTestId('import-row')).toHaveCount(2)
})

test('several files that need columns are asked about one after the other; Escape skips one', async ({
  app,
  readDb,
}) => {
  await app.getByTestId('nav-imports').click()
  await app
    .getByTestId('file-input')
    .setInputFiles([
      csv('first-2026-11-06.csv', ['Name,Mail,Grund', 'Ana,ana@x.example,550 5.1.1 User unknown']),
      csv('second-2026-11-06.csv', ['Contact;Who;Bounce', 'Ben;ben@y.example;550 5.7.1 blocked']),
      csv('good-2026-11-06.csv', ['Email Address,Email Invalid Cause', 'cleo@z.example,']),
    ])
  const dialog = app.getByTestId('mapping-dialog')
  // The file the app could read is imported while the others wait for an answer.
  await expect(app.getByTestId('import-message').first()).toContainText('Imported 1 row from good-2026-11-06.csv')
  await expect(app.getByTestId('progress')).toContainText(
    'Waiting for you to choose the columns of first-2026-11-06.csv',
  )
  await expect(dialog).toContainText('first-2026-11-06.csv · file 1 of 2 to check')
  // The address column is recognised from its values.
  await expect(app.getByTestId('mapping-field-email')).toHaveValue('1')
  await app.keyboard.press('Escape')

  await expect(dialog).toContainText('second-2026-11-06.csv · file 2 of 2 to check')
  await expect(app.getByTestId('mapping-field-email')).toHaveValue('1')
  await app.getByTestId('mapping-field-emailInvalidCause').selectOption('2')
  await app.getByTestId('mapping-confirm').click()
  await expect(dialog).toBeHidden()

  const messages = app.getByTestId('import-message')
  await expect(messages).toHaveCount(3)
  await expect(messages.nth(1)).toHaveAttribute('data-kind', 'warning')
  await expect(messages.nth(1)).toContainText(
    'first-2026-11-06.csv: not imported; no column was chosen for Email Address',
  )
  await expect(messages.nth(2)).toHaveAttribute('data-kind', 'success')
  await expect(messages.nth(2)).toContainText('Imported 1 row from second-2026-11-06.csv')
  expect(readDb().prepare('SELECT file_name AS f FROM imports ORDER BY id').all()).toEqual([
    { f: 'good-2026-11-06.csv' },
    { f: 'second-2026-11-06.csv' },
  ])
})

test('dropped files get the mapping step too', async ({ app, readDb }) => {
  await app.evaluate((content) => {
    const transfer = new DataTransfer()
    transfer.items.add(new File([content], 'dropped-2026-11-20.csv', { type: 'text/csv' }))
    const target = document.querySelector('main') ?? document.body
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }))
    }
  }, 'Who,Cause\r\ndrop@x.example,550 5.1.1 User unknown\r\n')
  await expect(app.getByTestId('mapping-dialog')).toBeVisible()
  await app.getByTestId('mapping-field-emailInvalidCause').selectOption('1')
  await app.getByTestId('mapping-confirm').click()
  await expect(app.getByTestId('import-message')).toContainText('Imported 1 row from dropped-2026-11-20.csv')
  expect(readDb().prepare('SELECT row_count AS n, invalid_count AS i FROM imports').get()).toEqual({ n: 1, i: 1 })
})

test('files from the desktop menu’s Import… dialog (already references) get the mapping step too', async ({
  app,
  readDb,
}) => {
  // The preview's bridge receives pushes through an EventSource; keep a handle to play main's
  // `app:command` the way the native Import… dialog sends it.
  await app.addInitScript(() => {
    const Native = window.EventSource
    const sources: EventSource[] = []
    Object.defineProperty(window, '__eventSources', { value: sources })
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init)
        sources.push(this)
      }
    }
  })
  await app.reload()
  await expect(app.getByTestId('empty-state')).toBeVisible()
  const path = csv('menu-2026-11-27.csv', [GERMAN_HEADER, 'Ana;Northwind;ana@northwind.example;550 5.1.1 User unknown'])
  await app.evaluate(
    (files) => {
      const sources = (window as unknown as { __eventSources: EventSource[] }).__eventSources
      const data = JSON.stringify({ event: 'app:command', payload: { command: 'import-files', files } })
      for (const source of sources) source.onmessage?.(new MessageEvent('message', { data }))
    },
    [{ path, name: 'menu-2026-11-27.csv' }],
  )
  await expect(app.getByTestId('mapping-dialog')).toContainText('menu-2026-11-27.csv')
  await app.getByTestId('mapping-field-emailInvalidCause').selectOption('3')
  await app.getByTestId('mapping-confirm').click()
  await expect(app.getByTestId('import-message')).toContainText('Imported 1 row from menu-2026-11-27.csv')
  expect(readDb().prepare('SELECT file_name AS f, invalid_count AS i FROM imports').get()).toEqual({
    f: 'menu-2026-11-27.csv',
    i: 1,
  })
})

test('skipped rows are counted in the table and listed with line numbers in the report', async ({ app }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await app.getByTestId('nav-imports').click()
  await app
    .getByTestId('file-input')
    .setInputFiles(
      csv('messy-2026-11-06.csv', [
        'Email Address,Email Invalid,Email Invalid Cause,Notes',
        'ok@x.example,true,550 5.1.1 User unknown,',
        'comma@x.example,true,550 5.7.1 Rejected, blocked by policy,see ticket',
        'not-an-address,true,550 5.1.1 User unknown,',
        ',,,',
        'fine@y.example,false,,',
      ]),
    )
  const message = app.getByTestId('import-message')
  await expect(message).toContainText('Imported 2 rows from messy-2026-11-06.csv')
  await expect(message).toContainText('2 skipped')

  const row = app.getByTestId('import-row')
  await expect(row).toHaveCount(1)
  const skippedLink = row.getByRole('button', { name: /2 skipped rows in messy-2026-11-06\.csv/ })
  await expect(skippedLink).toHaveText('2')
  await screenshot(app, 'imports-with-report')
  await skippedLink.click()

  const dialog = app.getByTestId('report-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toHaveAccessibleName('Import report')
  await expect(dialog).toContainText('Read as UTF-8, comma-separated; columns found by their Marketo names.')
  await expect(dialog).toContainText('1 column the app does not use was ignored: ‘Notes’.')
  await expect(dialog).toContainText('1 blank row was passed over')
  const skipped = app.getByTestId('report-skipped-row')
  await expect(skipped).toHaveCount(2)
  await expect(skipped.nth(0)).toHaveAttribute('data-line', '3')
  await expect(skipped.nth(0)).toContainText('5 fields where the header has 4')
  await expect(skipped.nth(1)).toHaveAttribute('data-line', '4')
  await expect(skipped.nth(1)).toContainText("'not-an-address' in 'Email Address' is not an email address")
  await screenshot(app, 'report-dialog')

  await dialog.getByTestId('report-copy').click()
  await expect(dialog).toContainText('Copied as text.')
  const copied = await app.evaluate(() => navigator.clipboard.readText())
  expect(copied.split('\n').slice(1)).toEqual([
    'Line\tWhy it was skipped',
    '3\t5 fields where the header has 4 (an unquoted value containing the delimiter?)',
    "4\t'not-an-address' in 'Email Address' is not an email address",
  ])

  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // The Report button opens the same report for any row.
  await row.getByTestId('report-button').click()
  await expect(dialog).toBeVisible()
  await expect(skipped).toHaveCount(2)
  await dialog.getByRole('button', { name: 'Close' }).last().click()
  await expect(dialog).toBeHidden()
})

test('a clean import’s report says nothing was skipped', async ({ app }) => {
  await app.getByTestId('nav-imports').click()
  await app
    .getByTestId('file-input')
    .setInputFiles(
      csv('clean-2026-11-06.csv', [
        'Email Address\tEmail Suspended\tEmail Suspended At',
        'a@x.example\ttrue\t14.03.2025 05:15',
        'b@x.example\tfalse\t',
      ]),
    )
  await expect(app.getByTestId('import-message')).toContainText('Imported 2 rows')
  await app.getByTestId('report-button').click()
  const dialog = app.getByTestId('report-dialog')
  await expect(dialog).toContainText('Read as UTF-8, tab-separated; columns found by their Marketo names.')
  await expect(dialog).toContainText('Every column in the file was used.')
  await expect(dialog).toContainText('Dates in Email Suspended At were read day first')
  await expect(dialog).toContainText('No rows were skipped')
  await expect(app.getByTestId('report-skipped-row')).toHaveCount(0)
  await screenshot(app, 'report-dialog-clean')
})

test('progress shows the file, rows, speed and time left, and Cancel leaves nothing behind', async ({
  app,
  readDb,
}) => {
  // A real 500,000-row export; the preview starts each import worker from TypeScript source.
  test.setTimeout(180_000)
  const first = join(dir, 'big-2026-10-02.csv')
  const second = join(dir, 'big-2026-10-09.csv')
  // Big enough to still be running after a second of measuring and two screenshots.
  writeExport(first, { rows: 500_000 })
  writeExport(second, { rows: 1_000, snapshot: 1, churn: 0.01 })
  await app.getByTestId('nav-imports').click()
  await app.getByTestId('file-input').setInputFiles([first, second])

  const progress = app.getByTestId('progress')
  await expect(progress).toContainText('big-2026-10-02.csv (file 1 of 2)', { timeout: 60_000 })
  await expect(progress).toContainText(/[\d,]+ rows read · [\d,]+ rows\/s · (about \d+ (s|min)|a few seconds) left/, {
    timeout: 30_000,
  })
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/)
  await screenshot(app, 'import-progress')
  await app.getByTestId('cancel-import').click()

  const messages = app.getByTestId('import-message')
  await expect(messages).toHaveCount(2, { timeout: 30_000 })
  await expect(messages.nth(0)).toHaveAttribute('data-kind', 'warning')
  await expect(messages.nth(0)).toContainText('big-2026-10-02.csv: import cancelled; nothing was saved.')
  await expect(messages.nth(1)).toHaveAttribute('data-kind', 'warning')
  await expect(messages.nth(1)).toContainText('big-2026-10-09.csv')
  await expect(progress).toBeHidden()
  expect(readDb().prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 })
  expect(readDb().prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 })
})

test('a file whose dates fit both orders asks which, and imports with the answer', async ({ app, readDb }) => {
  const file = csv('suspended-2026-11-06.csv', [
    'Email Address,Email Suspended,Email Suspended At',
    'a@x.example,true,03/04/2025',
    'b@x.example,true,05/06/2025',
  ])
  await app.getByTestId('nav-imports').click()
  await app.getByTestId('file-input').setInputFiles(file)
  const dialog = app.getByTestId('date-order-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('03/04/2025 is April 3, 2025')
  await screenshot(app, 'date-order-dialog')
  await app.getByTestId('date-order-day-first').click()
  await expect(app.getByTestId('import-message')).toContainText('Imported 2 rows')
  expect(readDb().prepare('SELECT suspended_at AS at FROM spans ORDER BY at').all()).toEqual([
    { at: '2025-04-03 00:00:00' },
    { at: '2025-06-05 00:00:00' },
  ])
})
