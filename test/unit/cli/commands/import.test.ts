import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { historyCommand } from '../../../../electron/cli/commands/history'
import { importCommand } from '../../../../electron/cli/commands/import'
import { cliHarness } from '../../../helpers/cli-harness'
import { CSV_FIXTURES, useTempDir } from '../../../helpers/temp-dir'

const tempDir = useTempDir()

/** 3 good rows, then 12 rows without an address: line 5 to line 16 are skipped. */
function fileWithSkips(): string {
  const path = join(tempDir(), 'skips-2026-11-20.csv')
  const bad = Array.from({ length: 12 }, (_, index) => `${100 + index},,true,550 5.1.1 User unknown`)
  const good = ['1,a@x.example,true,550 5.1.1 User unknown', '2,b@x.example,false,', '3,c@x.example,false,']
  writeFileSync(path, ['Id,Email Address,Email Invalid,Email Invalid Cause', ...good, ...bad, ''].join('\n'))
  return path
}

describe('cli import', () => {
  it('prints the first 10 skipped rows as `line N: why`, and the command for the full report', async () => {
    const db = join(tempDir(), 'audit.db')
    const { io, output } = cliHarness()
    expect(await importCommand.run([fileWithSkips(), '--db', db], io)).toBe(0)
    const lines = output().split('\n')
    expect(lines[0]).toBe('skips-2026-11-20.csv: import #1, 3 rows, 1 invalid, 0 suspended, 12 skipped')
    expect(lines[1]).toBe('  skipped rows (the first 10 of 12):')
    expect(lines.slice(2, 12)).toEqual(
      Array.from({ length: 10 }, (_, index) => `  line ${index + 5}: no value in 'Email Address'`),
    )
    expect(lines[12]).toBe(`  full report: npm run -s cli -- history --import 1 --db ${db}`)

    const full = cliHarness()
    expect(await historyCommand.run(['--import', '1', '--db', db], full.io)).toBe(0)
    expect(full.output()).toContain('skipped rows (12):\n')
    expect(full.output()).toContain("  line 16: no value in 'Email Address'\n")
  })

  it('includes them in --json', async () => {
    const db = join(tempDir(), 'audit.db')
    const { io, output } = cliHarness()
    expect(await importCommand.run([fileWithSkips(), '--db', db, '--json'], io)).toBe(0)
    const line = JSON.parse(output()) as { skipped: number; skippedRows: unknown[]; report: string }
    expect(line.skipped).toBe(12)
    expect(line.skippedRows).toHaveLength(10)
    expect(line.skippedRows[0]).toEqual({ line: 5, why: "no value in 'Email Address'" })
    expect(line.report).toBe(`npm run -s cli -- history --import 1 --db ${db}`)
  })

  it('refuses a cut-off file with the line, and imports its complete rows with --allow-partial', async () => {
    const db = join(tempDir(), 'audit.db')
    const file = join(CSV_FIXTURES, 'cut-off-row-2026-11-20.csv')
    const refused = cliHarness()
    expect(await importCommand.run([file, '--db', db, '--json'], refused.io)).toBe(1)
    expect(JSON.parse(refused.output())).toMatchObject({ code: 'partial-file' })
    expect(refused.errors()).toMatch(/line 4: the file ends inside this row.*Add --allow-partial/)

    const allowed = cliHarness()
    expect(await importCommand.run([file, '--db', db, '--allow-partial'], allowed.io)).toBe(0)
    expect(allowed.output()).toContain(
      'cut-off-row-2026-11-20.csv: import #1, 2 rows, 1 invalid, 0 suspended, 1 skipped\n',
    )
    expect(allowed.output()).toContain('  line 4: the file ends inside this row, without a line end')
  })

  it('refuses a header without rows, even with --allow-partial', async () => {
    const db = join(tempDir(), 'audit.db')
    const { io, errors } = cliHarness()
    const file = join(CSV_FIXTURES, 'header-only-2026-11-20.csv')
    expect(await importCommand.run([file, '--db', db, '--allow-partial'], io)).toBe(1)
    expect(errors()).toContain('no lead rows — an empty export would mark every lead as gone')
  })
})
