import { once } from 'node:events'
import { createInterface } from 'node:readline'
import type { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { classify, type Classification } from '../../shared/classify/index'
import type { CliCommand } from '../command'

/** The fields in the documented order, whatever order the classifier built them in. */
function ordered(result: Classification): Classification {
  return {
    replyCode: result.replyCode,
    status: result.status,
    severity: result.severity,
    reason: result.reason,
    category: result.category,
    hardBounce: result.hardBounce,
    verdict: result.verdict,
    provider: result.provider,
    explanation: result.explanation,
    action: result.action,
    evidence: result.evidence,
  }
}

function humanLine(result: Classification, text: string): string {
  const codes = `${result.replyCode ?? '-'} ${result.status ?? '-'}`
  const preview = text.length > 90 ? `${text.slice(0, 89)}…` : text
  return `${result.verdict.padEnd(11)} ${result.reason.padEnd(15)} ${result.severity.padEnd(9)} ${codes.padEnd(11)} ${(result.provider ?? '-').padEnd(10)} ${preview}\n`
}

/** Waits when the consumer is slower than we are, so a huge input never piles up in memory. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain')
}

export const classifyCommand: CliCommand = {
  name: 'classify',
  summary: 'Classify bounce texts read from stdin, one per line',
  usage: 'classify [--json] [--domain <recipient domain>]  < texts.txt',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, domain: { type: 'string' } } })
    const context = values.domain === undefined ? undefined : { domain: values.domain }
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity })
    for await (const line of lines) {
      const result = classify(line, context)
      await write(io.stdout, values.json === true ? `${JSON.stringify(ordered(result))}\n` : humanLine(result, line))
    }
    return 0
  },
}
