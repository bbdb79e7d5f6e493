/**
 * Provider knowledge compiled into one matcher: the records of `rules.ts` (each with its source), read
 * after decisive status codes and before the generic phrase families (step 3 of the classifier).
 */
import { GATES, isOpen } from '../gates'
import type { Reason } from '../types'
import { PROVIDER_RULES } from './rules'
import type { ProviderRule } from './types'

export type { ProviderRule, RuleSource } from './types'
export { PROVIDER_RULES } from './rules'

export interface KnowledgeMatch {
  reason: Reason
  rule: string
  start: number
  end: number
  record: ProviderRule
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function phrasePattern(source: string): RegExp {
  return new RegExp(source.replaceAll(' ?', '\\s*').replaceAll(' ', '\\s+'))
}

const BY_CODE = new Map(PROVIDER_RULES.filter((r) => r.kind === 'code').map((r) => [r.match.toLowerCase(), r]))
const CODE_PATTERN =
  BY_CODE.size === 0 ? null : new RegExp(`(?<![a-z0-9])(?:${[...BY_CODE.keys()].map(escape).join('|')})(?![a-z0-9])`)
// Most texts carry none of these codes or wordings; one shared scan tells which patterns can match.
const CODE_GATE = GATES.gateFor([...BY_CODE.keys()].map(escape))
const BY_TEXT = new Map(PROVIDER_RULES.filter((r) => r.kind === 'text').map((r) => [r.match.toLowerCase(), r]))
const BY_STATUS = new Map(PROVIDER_RULES.filter((r) => r.kind === 'status').map((r) => [`${r.provider} ${r.match}`, r]))
const PHRASES = PROVIDER_RULES.filter((r) => r.kind === 'phrase').map((r) => ({
  record: r,
  pattern: phrasePattern(r.match),
  gate: GATES.gateFor([r.match]),
}))

function matched(record: ProviderRule, start: number, end: number): KnowledgeMatch {
  return { reason: record.reason, rule: `provider:${record.id}`, start, end, record }
}

/**
 * The provider record that explains this text, if any. `status` is the enhanced code found in the text
 * and `provider` the one the text or the recipient's domain names: a provider's own meaning of a
 * registered status code applies only to that provider's mail.
 */
export function providerKnowledge(
  lower: string,
  status: { code: string; start: number; end: number } | null,
  provider: string | null,
  open: Uint8Array = GATES.scan(lower),
): KnowledgeMatch | null {
  const whole = lower.trim()
  const byText = BY_TEXT.get(whole)
  if (byText !== undefined) {
    const start = lower.indexOf(whole)
    return matched(byText, start, start + whole.length)
  }
  if (CODE_PATTERN !== null && isOpen(CODE_GATE, open)) {
    const m = CODE_PATTERN.exec(lower)
    const record = m === null ? undefined : BY_CODE.get(m[0])
    if (m !== null && record !== undefined) return matched(record, m.index, m.index + m[0].length)
  }
  if (status !== null && provider !== null) {
    const record = BY_STATUS.get(`${provider} ${status.code}`)
    if (record !== undefined) return matched(record, status.start, status.end)
  }
  for (const { record, pattern, gate } of PHRASES) {
    if (!isOpen(gate, open)) continue
    const m = pattern.exec(lower)
    if (m !== null) return matched(record, m.index, m.index + m[0].length)
  }
  return null
}
