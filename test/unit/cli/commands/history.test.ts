import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { historyCommand } from '../../../../electron/cli/commands/history'
import { useTempDir } from '../../../helpers/temp-dir'
import { buildHistory } from '../../../integration/queries/history-fixture'
import { cliHarness } from '../../../helpers/cli-harness'

const tempDir = useTempDir()

describe('cli history', () => {
  it('prints per-import counts by reason and verdict with --json', async () => {
    const built = await buildHistory(tempDir())
    built.db.close()
    const { io, output } = cliHarness()
    expect(await historyCommand.run(['--db', join(tempDir(), 'history.db'), '--json'], io)).toBe(0)
    const lines = output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => line['snapshotDate'])).toEqual(['2026-11-20', '2026-11-13', '2026-11-06'])
    expect(lines[0]).toMatchObject({
      id: built.ids.S3,
      rows: 7,
      invalid: 4,
      byReason: { blocked: 2, mailboxfull: 1, userunknown: 1 },
      byVerdict: { 'fix-sending': 2, remove: 1, retry: 1 },
    })
    expect(lines[2]).toMatchObject({ byVerdict: { remove: 1, retry: 1, 'fix-sending': 1 } })
  })

  it('keeps the one-line text listing', async () => {
    const built = await buildHistory(tempDir(), ['S1'])
    built.db.close()
    const { io, output } = cliHarness()
    expect(await historyCommand.run(['--db', join(tempDir(), 'history.db')], io)).toBe(0)
    expect(output()).toBe(
      `#${built.ids.S1}  2026-11-06  deliverability-2026-11-06.csv  6 rows, 3 invalid, 0 suspended\n`,
    )
  })
})
