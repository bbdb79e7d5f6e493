import { describe, expect, it } from 'vitest'
import { classifyCommand } from '../../../../electron/cli/commands/classify'
import { cliHarness } from '../../../helpers/cli-harness'

const FIELDS = [
  'replyCode',
  'status',
  'severity',
  'reason',
  'category',
  'hardBounce',
  'verdict',
  'provider',
  'explanation',
  'action',
  'evidence',
]

describe('cli classify --json', () => {
  it('writes one JSON object per input line, in order, with the fields in the documented order', async () => {
    const { io, stdin, output } = cliHarness()
    const done = classifyCommand.run(['--json'], io)
    stdin.end(
      '550 5.1.1 <x@y.com>: Recipient address rejected: User unknown\n\r\n552 5.2.2 Mailbox full\r\n554 5.7.1 blocked using Spamhaus',
    )
    expect(await done).toBe(0)
    const lines = output().trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(parsed.map((p) => p['reason'])).toEqual(['userunknown', 'undefined', 'mailboxfull', 'blocked'])
    expect(parsed.map((p) => p['verdict'])).toEqual(['remove', 'review', 'retry', 'fix-sending'])
    for (const p of parsed) expect(Object.keys(p)).toEqual(FIELDS)
  })

  it('streams: answers a line before the input has ended', async () => {
    const { io, stdin, output } = cliHarness()
    const done = classifyCommand.run(['--json'], io)
    stdin.write('550 5.1.1 User unknown\n')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(output()).toContain('"reason":"userunknown"')
    stdin.end()
    expect(await done).toBe(0)
  })

  it('uses --domain to name the provider', async () => {
    const { io, stdin, output } = cliHarness()
    const done = classifyCommand.run(['--json', '--domain', 'gmail.com'], io)
    stdin.end('550 5.1.1 User unknown\n')
    await done
    expect((JSON.parse(output()) as Record<string, unknown>)['provider']).toBe('gmail')
  })
})

describe('cli classify (human readable)', () => {
  it('prints one compact line per input line', async () => {
    const { io, stdin, output } = cliHarness()
    const done = classifyCommand.run([], io)
    stdin.end('550 5.1.1 User unknown\n421 4.7.0 [TSS04] deferred\n')
    expect(await done).toBe(0)
    const lines = output().trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^remove\s+userunknown\s+permanent\s+550 5\.1\.1/)
    expect(lines[1]).toMatch(/^fix-sending\s+badreputation\s+transient\s+421 4\.7\.0\s+yahoo/)
  })
})
