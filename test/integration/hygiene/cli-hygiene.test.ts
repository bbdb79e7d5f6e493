import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCommand } from '../../../electron/cli/commands/import'
import { runCli } from '../../../electron/cli/run-cli'
import { openDatabase } from '../../../electron/main/db/open'
import { importFile } from '../../../electron/main/import/import-file'
import { cliHarness } from '../../helpers/cli-harness'
import { FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const fixture = (day: string): string => join(FIXTURES, 'hygiene', `hygiene-week-2026-12-${day}.csv`)

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, output, errors } = cliHarness()
  const code = await runCli(['hygiene', ...args], io)
  return { code, out: output(), err: errors() }
}

/** Two imports through the CLI's worker thread take several seconds each on a busy two-core machine. */
const IMPORTS_BUDGET = 90_000

const lines = (out: string): Record<string, unknown>[] =>
  out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe('cli hygiene', () => {
  it(
    'prints one JSON object per lead with a finding, for a snapshot imported through the CLI',
    async () => {
      const db = join(tempDir(), 'app.db')
      const imported = cliHarness()
      expect(await importCommand.run([fixture('04'), '--db', db], imported.io)).toBe(0)
      const second = cliHarness()
      expect(await importCommand.run([fixture('11'), '--db', db], second.io)).toBe(0)

      const all = await run(['--db', db, '--json'])
      expect(all.code).toBe(0)
      const byEmail = new Map(lines(all.out).map((line) => [line['email'], line]))
      expect(byEmail.get('support@outlok.com')).toEqual({
        leadId: expect.any(Number),
        email: 'support@outlok.com',
        registrableDomain: 'outlok.com',
        flags: ['typo', 'role'],
        suggestion: 'support@outlook.com',
      })
      // No suggestion key unless it is a typo.
      expect(byEmail.get('tmp@mailinator.com')).toEqual({
        leadId: expect.any(Number),
        email: 'tmp@mailinator.com',
        registrableDomain: 'mailinator.com',
        flags: ['disposable'],
      })
      expect(byEmail.get('ip@192.168.10.20')).toMatchObject({ flags: ['malformed'], registrableDomain: null })
      // Anna's address was fixed in the second export: no finding is left for her.
      expect(byEmail.has('anna@gmial.com')).toBe(false)
      expect(byEmail.get('ella@gmail.con')).toMatchObject({ suggestion: 'ella@gmail.com' })

      const firstSnapshot = await run(['--db', db, '--import', '1', '--json'])
      expect(lines(firstSnapshot.out).map((line) => line['email'])).toEqual([
        'bo@hotmal.com',
        'info@northwind.example',
        'ip@192.168.10.20',
        'jo..ann@northwind.example',
        'kenji@yaho.co.jp',
        'sales+eu@contoso.example',
        'support@outlok.com',
        'tmp@mailinator.com',
      ])
    },
    IMPORTS_BUDGET,
  )

  it(
    'prints a readable summary and table',
    async () => {
      const db = join(tempDir(), 'app.db')
      const imported = cliHarness()
      expect(await importCommand.run([fixture('04'), '--db', db], imported.io)).toBe(0)
      const { code, out } = await run(['--db', db, '--import', '1'])
      expect(code).toBe(0)
      const [summary, , header, , ...rows] = out.split('\n')
      expect(summary).toBe(
        '9 leads with address problems in snapshot #1: 4 likely typos you can fix (2 of them marked invalid), 3 role addresses, 1 at throwaway domains, 2 not valid.',
      )
      expect(header).toMatch(/^Id\s+Email\s+Problem\s+Suggested fix\s+Registrable domain\s+Invalid$/)
      expect(rows.find((row) => row.startsWith('701'))).toMatch(
        /^701\s+anna@gmial\.com\s+likely typo\s+anna@gmail\.com\s+gmial\.com\s+yes$/,
      )
    },
    IMPORTS_BUDGET,
  )

  it('works the findings out on first use for a database imported before they existed', async () => {
    const path = join(tempDir(), 'old.db')
    const db = openDatabase(path)
    await importFile(db, { path: fixture('04'), name: 'hygiene-week-2026-12-04.csv' }, { afterLeadImport: [] })
    db.exec('UPDATE hygiene_state SET version = 0, checked_through = 0')
    db.close()
    const { code, out } = await run(['--db', path, '--json'])
    expect(code).toBe(0)
    expect(lines(out)).toHaveLength(9)
  })

  it('refuses an import that does not exist and a bad --import', async () => {
    const db = join(tempDir(), 'app.db')
    const missing = await run(['--db', db, '--import', '42'])
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('There is no import #42')
    const bad = await run(['--db', db, '--import', 'x'])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain("--import: expected an import id, got 'x'")
  })
})
