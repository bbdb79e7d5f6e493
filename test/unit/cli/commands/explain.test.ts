import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../../electron/cli/command'
import { explainCommand } from '../../../../electron/cli/commands/explain'
import { cliHarness } from '../../../helpers/cli-harness'

describe('cli explain', () => {
  it("prints an enhanced code with Marketo's wording and the standard title", async () => {
    const { io, output } = cliHarness()
    expect(await explainCommand.run(['5.0.0'], io)).toBe(0)
    expect(output()).toContain('Marketo calls it: Address does not exist')
    expect(output()).toContain('Standard name: Other undefined Status')
  })

  it('prints the rule of thumb with a failure reply code', async () => {
    const { io, output } = cliHarness()
    expect(await explainCommand.run(['550'], io)).toBe(0)
    expect(output()).toMatch(/400s are generally soft/)
  })

  it('prints JSON with --json', async () => {
    const { io, output } = cliHarness()
    expect(await explainCommand.run(['S3150', '--json'], io)).toBe(0)
    const entry = JSON.parse(output()) as Record<string, unknown>
    expect(entry['code']).toBe('S3150')
    expect(entry['kind']).toBe('provider')
    expect(entry['reason']).toBe('blocked')
  })

  it('reports an unknown code on stderr with exit code 1', async () => {
    const { io, output, errors } = cliHarness()
    expect(await explainCommand.run(['9.9.9'], io)).toBe(1)
    expect(output()).toBe('')
    expect(errors()).toContain("unknown code '9.9.9'")
  })

  it('asks for a code when none is given', async () => {
    const { io } = cliHarness()
    await expect(explainCommand.run([], io)).rejects.toBeInstanceOf(UsageError)
  })
})
