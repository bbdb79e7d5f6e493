import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { allowForImport, expect, IMPORT_BUDGET } from './fixtures'

// Three weekly exports of one list, shared by the history views' tests and the accessibility check.

const HEADER =
  'Id,Email Address,Email Invalid,Email Invalid Cause,Email Suspended,Email Suspended Cause,Email Suspended At'
const UNKNOWN = '550 5.1.1 <{email}>: Recipient address rejected: User unknown in local recipient table'
const SPAMHAUS = '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus'
const FULL = '452 4.2.2 The email account that you tried to reach is over quota'
const SUSPENDED = '421 4.7.0 Try again later, closing connection.'

export type Lead = [id: number, email: string, invalidCause: string | null, suspendedAt?: string]

/** Three weekly snapshots of one list: the same leads, a few changing each week. */
export const WEEKS: Record<string, Lead[]> = {
  'weekly-2026-11-06.csv': [
    [1, 'ana@northwind.example', UNKNOWN],
    [2, 'bo@gmail.com', null],
    [3, 'cy@contoso.example', SPAMHAUS],
    [4, 'di@outlook.com', null],
    [5, 'ed@gmail.com', null],
    [6, 'fa@yahoo.com', null, '2026-11-01 08:00:00'],
  ],
  'weekly-2026-11-13.csv': [
    [1, 'ana@northwind.example', UNKNOWN],
    [2, 'bo@gmail.com', UNKNOWN],
    [3, 'cy@contoso.example', null],
    [4, 'di@outlook.com', FULL],
    [5, 'ed@gmail.com', null],
    [6, 'fa@yahoo.com', null],
  ],
  'weekly-2026-11-20.csv': [
    [1, 'ana@northwind.example', UNKNOWN],
    [2, 'bo@gmail.com', UNKNOWN],
    [3, 'cy@contoso.example', SPAMHAUS],
    [4, 'di@outlook.com', null],
    [5, 'ed@gmail.com', UNKNOWN],
    [6, 'fa@yahoo.com', null, '2026-11-20 10:00:00'],
  ],
}

function csv(leads: Lead[]): string {
  const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`
  const lines = leads.map(([id, email, cause, suspendedAt]) =>
    [
      id,
      email,
      cause ? 'true' : 'false',
      cause ? quote(cause.replace('{email}', email)) : '',
      suspendedAt ? 'true' : 'false',
      suspendedAt ? quote(SUSPENDED) : '',
      suspendedAt ?? '',
    ].join(','),
  )
  return [HEADER, ...lines].join('\r\n') + '\r\n'
}

function writeWeeks(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bounce-auditor-history-'))
  return Object.entries(WEEKS).map(([name, leads]) => {
    const path = join(dir, name)
    writeFileSync(path, csv(leads))
    return path
  })
}

export async function importWeeks(app: Page): Promise<void> {
  allowForImport()
  await app.getByTestId('nav-imports').click()
  await app.getByTestId('file-input').setInputFiles(writeWeeks())
  // Three files one after another, each in the import worker: each shows its message when it ends.
  await expect(app.getByTestId('import-message')).toHaveCount(3, { timeout: IMPORT_BUDGET })
  await expect(app.getByTestId('import-row')).toHaveCount(3)
  // The three "Imported …" notes would push the views below the fold of the screenshots.
  const dismiss = app.getByRole('button', { name: 'Dismiss message' })
  while ((await dismiss.count()) > 0) await dismiss.first().click()
}
