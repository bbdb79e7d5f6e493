import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { UsageError, type CliIo } from '../../../../electron/cli/command'
import { explainCommand } from '../../../../electron/cli/commands/explain'

function harness(): { io: CliIo; output: () => string; errors: () => string } {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  return { io: { stdin: new PassThrough(), stdout, stderr }, output: () => out, errors: () => err }
}

describe('cli explain', () => {
  it("prints an enhanced code with Marketo's wording and the standard title", async () => {
    const { io, output } = harness()
    expect(await explainCommand.run(['5.0.0'], io)).toBe(0)
    expect(output()).toContain('Marketo calls it: Address does not exist')
    expect(output()).toContain('Standard name: Other undefined Status')
  })

  it('prints the rule of thumb with a failure reply code', async () => {
    const { io, output } = harness()
    expect(await explainCommand.run(['550'], io)).toBe(0)
    expect(output()).toMatch(/400s are generally soft/)
  })

  it('prints JSON with --json', async () => {
    const { io, output } = harness()
    expect(await explainCommand.run(['S3150', '--json'], io)).toBe(0)
    const entry = JSON.parse(output()) as Record<string, unknown>
    expect(entry['code']).toBe('S3150')
    expect(entry['kind']).toBe('provider')
    expect(entry['reason']).toBe('blocked')
  })

  it('reports an unknown code on stderr with exit code 1', async () => {
    const { io, output, errors } = harness()
    expect(await explainCommand.run(['9.9.9'], io)).toBe(1)
    expect(output()).toBe('')
    expect(errors()).toContain("unknown code '9.9.9'")
  })

  it('asks for a code when none is given', async () => {
    const { io } = harness()
    await expect(explainCommand.run([], io)).rejects.toBeInstanceOf(UsageError)
  })
})
