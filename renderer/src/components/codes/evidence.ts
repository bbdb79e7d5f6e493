/**
 * Cuts a bounce text into plain and highlighted parts from a classification's evidence, so the UI can
 * wrap each matched span in a <mark>. Spans may overlap (the deciding status code is also the status
 * code found); the deciding rule's span wins, identical spans are merged, and a span that would cross
 * one already marked is left to the list of rules instead.
 */
import type { Evidence } from '../../../../electron/shared/classify/index'

export interface MarkedSpan {
  start: number
  end: number
  /** Rule ids that matched exactly this span, the deciding one first. */
  rules: string[]
  /** The span of the rule that decided the reason. */
  deciding: boolean
}

export interface TextPart {
  text: string
  mark: MarkedSpan | null
}

/** `conflict:…` covers two codes and the gap between them: a note, not a match. */
function highlightable(evidence: Evidence, length: number): boolean {
  return (
    !evidence.rule.startsWith('conflict:') &&
    evidence.start >= 0 &&
    evidence.end > evidence.start &&
    evidence.end <= length
  )
}

export function markedSpans(text: string, evidence: readonly Evidence[]): MarkedSpan[] {
  const spans: MarkedSpan[] = []
  evidence.forEach((item, index) => {
    if (!highlightable(item, text.length)) return
    const same = spans.find((span) => span.start === item.start && span.end === item.end)
    if (same !== undefined) {
      if (!same.rules.includes(item.rule)) same.rules.push(item.rule)
      return
    }
    if (spans.some((span) => item.start < span.end && span.start < item.end)) return
    spans.push({ start: item.start, end: item.end, rules: [item.rule], deciding: index === 0 })
  })
  return spans.sort((a, b) => a.start - b.start)
}

export function textParts(text: string, evidence: readonly Evidence[]): TextPart[] {
  const parts: TextPart[] = []
  let at = 0
  for (const span of markedSpans(text, evidence)) {
    if (span.start > at) parts.push({ text: text.slice(at, span.start), mark: null })
    parts.push({ text: text.slice(span.start, span.end), mark: span })
    at = span.end
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: null })
  return parts
}

/** What kind of rule an evidence id names, in a few plain words. */
export function ruleKind(rule: string): string {
  const prefix = rule.split(':')[0] ?? ''
  switch (prefix) {
    case 'phrase':
      return 'Wording'
    case 'status':
      return 'Enhanced code'
    case 'code':
      return rule === 'code:reply' ? 'Reply code' : rule === 'code:status' ? 'Enhanced code' : 'Code'
    case 'reply':
      return 'Reply code'
    case 'stage':
      return 'SMTP step'
    case 'provider':
      return 'Provider'
    case 'provider-code':
      return 'Provider code'
    case 'language':
      return 'Language layer'
    case 'conflict':
      return 'Codes disagree'
    case 'marketo':
      return 'Marketo placeholder'
    default:
      return 'Rule'
  }
}
