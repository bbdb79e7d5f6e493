import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../../electron/cli/command'
import { exportCommand } from '../../../../electron/cli/commands/export'
import { buildHistory } from '../../../integration/queries/history-fixture'
import { cliHarness } from '../../../helpers/cli-harness'
import { useTempDir } from '../../../helpers/temp-dir'

const tempDir = useTempDir()

/** The three-snapshot history, closed again as the CLI opens the file itself. */
async function database(): Promise<string> {
  const { db } = await buildHistory(tempDir())
  db.close()
  return join(tempDir(), 'history.db')
}

describe('cli export report', () => {
  it('writes the newest snapshot’s report as HTML and prints JSON with --json', async () => {
    const dbPath = await database()
    const out = join(tempDir(), 'report.html')
    const { io, output } = cliHarness()
    expect(await exportCommand.run(['report', '--db', dbPath, '--out', out, '--json'], io)).toBe(0)
    const html = readFileSync(out, 'utf8')
    expect(JSON.parse(output())).toEqual({
      out,
      bytes: Buffer.byteLength(html),
      list: 'deliverability',
      importId: 3,
      snapshotDate: '2026-11-20',
    })
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('Snapshot of 20 Nov 2026')
  })

  it('names the file itself for a period when --out is a folder, and says so in a sentence', async () => {
    const dbPath = await database()
    const { io, output } = cliHarness()
    const args = ['report', '--db', dbPath, '--from', '2026-11-10', '--to', '2026-11-20', '--out', tempDir()]
    expect(await exportCommand.run(args, io)).toBe(0)
    const expected = join(tempDir(), 'bounce-report-deliverability-2026-11-10-to-2026-11-20.html')
    expect(output()).toBe(`Wrote the report of “deliverability” (2026-11-10 to 2026-11-20) to ${expected}\n`)
    expect(readFileSync(expected, 'utf8')).toContain('Period 10 Nov 2026 – 20 Nov 2026 (2 snapshots)')
  })

  it.each([
    [['report', '--out', 'report.pdf'], /PDF is made by the desktop app/],
    [['report', '--import', 'two'], /--import/],
    [['report', '--import', '1', '--to', '2026-11-13'], /not both/],
    [['report', 'extra'], /unexpected argument/],
  ])('treats %j as a usage mistake', async (args, message) => {
    const { io } = cliHarness()
    const run = exportCommand.run([...args, '--db', join(tempDir(), 'app.db')], io)
    await expect(run).rejects.toBeInstanceOf(UsageError)
    await expect(run).rejects.toThrow(message)
    expect(existsSync(join(tempDir(), 'app.db'))).toBe(false)
  })
})
