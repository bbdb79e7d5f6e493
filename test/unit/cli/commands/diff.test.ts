import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../../electron/cli/command'
import { diffCommand } from '../../../../electron/cli/commands/diff'
import { useTempDir } from '../../../helpers/temp-dir'
import { buildHistory } from '../../../integration/queries/history-fixture'
import { cliHarness } from '../../../helpers/cli-harness'

const tempDir = useTempDir()

async function history(): Promise<{ dbPath: string; ids: Record<'S1' | 'S2' | 'S3', number> }> {
  const built = await buildHistory(tempDir())
  built.db.close()
  return { dbPath: join(tempDir(), 'history.db'), ids: built.ids }
}

describe('cli diff', () => {
  it('prints the counts of each set as JSON', async () => {
    const { dbPath, ids } = await history()
    const { io, output } = cliHarness()
    expect(await diffCommand.run([String(ids.S1), String(ids.S2), '--db', dbPath, '--json'], io)).toBe(0)
    expect(JSON.parse(output())).toEqual({
      importA: ids.S1,
      importB: ids.S2,
      newlyInvalid: 2,
      recovered: 1,
      stillInvalid: 1,
      newlySuspended: 1,
      appeared: 1,
      disappeared: 1,
    })
  })

  it('prints a readable table without --json', async () => {
    const { dbPath, ids } = await history()
    const { io, output } = cliHarness()
    expect(await diffCommand.run([String(ids.S2), String(ids.S3), '--db', dbPath], io)).toBe(0)
    expect(output()).toContain('2026-11-13 (deliverability) → #')
    expect(output()).toMatch(/stillInvalid\s+2/)
  })

  it('refuses missing or unknown imports', async () => {
    const { dbPath } = await history()
    await expect(diffCommand.run(['1'], cliHarness().io)).rejects.toBeInstanceOf(UsageError)
    await expect(diffCommand.run(['1', 'x'], cliHarness().io)).rejects.toBeInstanceOf(UsageError)
    await expect(diffCommand.run(['1', '99', '--db', dbPath], cliHarness().io)).rejects.toThrow(/no import #99/)
  })
})
