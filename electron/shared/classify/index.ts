/**
 * The bounce classifier: one Marketo "Email Invalid Cause" text in, a `Classification` out.
 *
 * Pure and synchronous; it runs unchanged in main, worker, CLI and renderer. Callers that see the same
 * text many times (an import) should memoize by text and `CLASSIFIER_VERSION`.
 *
 * How a reason is decided, in order (the first step that answers wins):
 *  1. Empty text → `undefined`. A 2xx reply or status → `delivered`.
 *  2. A *decisive* enhanced status code (5.2.2 mailbox full, 5.7.26 authentication, 5.7.606 banned IP …).
 *  3. A provider's documented refusal code (Orange `OFR_506`, Spectrum `AUP#In-1310` …), then first-pass
 *     phrases, most specific first (see `phrases.ts`). "User unknown"-style wording is read
 *     together with the SMTP step and the status code: after DATA, in a reply that names no recipient, or
 *     with a 5.2.x/5.7.x status and no sign of RCPT TO, it is a filter in disguise (`filtered`), as in
 *     Sisimai.
 *  4. A status code that names a specific reason (5.1.1, 5.4.4, 5.7.1 …).
 *  5. Second-pass phrases, which are vaguer ("expired", "internal error", "dns error").
 *  6. The SMTP step alone: a refusal at connection time is `blocked`, at MAIL FROM `rejected` (a refusal
 *     of the EHLO greeting is `blocked` already before step 3).
 *  7. A status code whose meaning is generic, then a few reply codes (551 moved, 50x syntax, 521/556
 *     does not accept mail).
 *  8. Anything else with text → `onhold`.
 *
 * Basic and enhanced codes that disagree (`550 4.4.7 QUEUE.Expired`): the **basic reply code decides the
 * severity**, because it is the code SMTP clients act on (a 5xx ends delivery attempts, whatever the
 * enhanced code says), and the **enhanced code's subject and detail decide the reason**, because they are
 * the more specific description. The disagreement is recorded as evidence (`conflict:reply-vs-status`).
 */
import { extractCodes, type FoundCode } from './codes'
import { GATES } from './gates'
import { FIRST_PASS, firstRuleMatch, SECOND_PASS, USER_UNKNOWN, type RuleMatch } from './phrases'
import { providerFromDomain, providerFromText } from './provider'
import { providerCodeReason } from './provider-codes'
import { findStage, hasDataTrailer, type FoundStage } from './stage'
import { decisiveReason, hintedReason, WEAK_REASONS } from './status-reasons'
import { REASON_TEXTS, verdictNote } from './texts'
import type { Classification, ClassifyContext, Evidence, Reason, Severity } from './types'
import { isHardBounce, verdictFor } from './verdict'

export type { Classification, ClassifyContext, Evidence, Reason, Severity, Verdict } from './types'
export { REASONS, SEVERITIES, VERDICTS } from './types'

/** Changes whenever a rule changes, so stored results can be re-derived. */
export const CLASSIFIER_VERSION = '2026.11.1'

/**
 * Only the head of very long texts is read. Bounce reasons sit in the first lines; beyond this the text
 * is quoted message content. This also bounds the time one call can take.
 */
export const MAX_SCANNED_CHARS = 16_384

const NO_MATCH_PLACEHOLDER = /^\s*no match detected\s*$/

const TRANSIENT_WORDING =
  /temporary failure|temporar(il)?y (deferred|rejected|unavailable)|try (again )?later|deferred|will be retried|has been delayed|have been delayed/
const PERMANENT_WORDING = /permanent (failure|error)|failed permanently|permanently (rejected|failed)/

interface Decision {
  reason: Reason
  rule: string
  start: number
  end: number
}

function lowerSameLength(text: string): string {
  const lower = text.toLowerCase()
  if (lower.length === text.length) return lower
  // A few characters (e.g. 'İ') grow when lower-cased; keep them as they are so offsets stay valid.
  let out = ''
  for (const ch of text) {
    const low = ch.toLowerCase()
    out += low.length === ch.length ? low : ch
  }
  return out
}

function fromMatch(match: RuleMatch, reason: Reason = match.rule.reason, id: string = match.rule.id): Decision {
  return { reason, rule: id, start: match.start, end: match.end }
}

function fromCode(reason: Reason, rule: string, code: FoundCode): Decision {
  return { reason, rule, start: code.start, end: code.end }
}

// "550 : User unknown" names no recipient. Servers name the refused address in reply to RCPT TO
// ("550 <a@b.jp>: User unknown"); a reply without one comes after the message body, where it is a filter's
// verdict on the whole message (every such reply whose SMTP step is known came after DATA).
const NO_RECIPIENT_NAMED = /(?<![\d.])[45]\d\d[ :]*:\s*user unknown/

// NTT docomo's reception filter (the recipient's "accept only from" setting) used to refuse unwanted
// senders after the message body with the same "550 Unknown user" it uses for unknown addresses.
const DOCOMO_HOST = /\bdocomo\.ne\.jp\b/

/** Reads "user unknown" wording in the light of the SMTP step and the status code (see step 3). */
function userUnknownDecision(m: RuleMatch, status: string | null, stage: FoundStage | null, lower: string): Decision {
  const hint = status === null ? null : hintedReason(status)
  if (hint === 'userunknown' || stage?.stage === 'rcpt') return fromMatch(m)
  if (stage?.stage === 'data' && DOCOMO_HOST.test(lower)) {
    return fromMatch(m, 'rejected', 'phrase:userunknown-docomo-reception-filter')
  }
  if (stage?.stage === 'data' || hasDataTrailer(lower)) {
    return fromMatch(m, 'filtered', 'phrase:userunknown-after-data')
  }
  if (NO_RECIPIENT_NAMED.test(lower)) return fromMatch(m, 'filtered', 'phrase:userunknown-no-recipient-named')
  if (status !== null && (status.slice(1, 4) === '.2.' || status.startsWith('5.7.'))) {
    return fromMatch(m, 'filtered', 'phrase:userunknown-with-policy-status')
  }
  return fromMatch(m)
}

function replyFallback(reply: FoundCode): Reason | null {
  switch (reply.code) {
    case '551':
      return 'hasmoved'
    case '500':
    case '501':
    case '502':
    case '503':
    case '504':
      return 'syntaxerror'
    case '521':
    case '556':
      return 'notaccept'
    default:
      return null
  }
}

function decideReason(
  lower: string,
  open: Uint8Array,
  reply: FoundCode | null,
  status: FoundCode | null,
  stage: FoundStage | null,
): Decision {
  const leadingClass = reply !== null ? reply.code[0] : status !== null ? status.code[0] : undefined
  if (leadingClass === '2') {
    const code = reply ?? status
    if (code !== null) return fromCode('delivered', 'code:success', code)
  }
  const noMatch = NO_MATCH_PLACEHOLDER.exec(lower)
  if (noMatch !== null)
    return {
      reason: 'undefined',
      rule: 'marketo:no-match-detected',
      start: noMatch.index,
      end: noMatch.index + noMatch[0].length,
    }

  if (status !== null) {
    const decisive = decisiveReason(status.code)
    if (decisive !== null) return fromCode(decisive, `status:${status.code}`, status)
  }
  // qmail's "my name was rejected" and Exim's "after EHLO" mean the greeting itself was refused: the
  // receiving server turned away the sending host before any address was looked at.
  if (stage?.stage === 'ehlo') return { reason: 'blocked', rule: 'stage:ehlo', start: stage.start, end: stage.end }

  // A provider's own refusal code names the cause more precisely than the wording around it.
  const byProvider = providerCodeReason(lower, open)
  if (byProvider !== null) {
    const decision: Decision = byProvider
    if (stage?.stage === 'mail' && (decision.reason === 'userunknown' || decision.reason === 'hostunknown')) {
      return { ...decision, reason: 'rejected', rule: `${decision.rule}-at-mail-from` }
    }
    return decision
  }

  const first = firstRuleMatch(FIRST_PASS, lower, open)
  if (first !== null) {
    const decision =
      first.rule === USER_UNKNOWN ? userUnknownDecision(first, status?.code ?? null, stage, lower) : fromMatch(first)
    // At MAIL FROM the server is judging the sender, so "does not exist" is about the sender's address.
    if (stage?.stage === 'mail' && (decision.reason === 'userunknown' || decision.reason === 'hostunknown')) {
      return { ...decision, reason: 'rejected', rule: `${decision.rule}-at-mail-from` }
    }
    return decision
  }

  const hint = status === null ? null : hintedReason(status.code)
  if (status !== null && hint !== null && !WEAK_REASONS.has(hint))
    return fromCode(hint, `status:${status.code}`, status)

  const second = firstRuleMatch(SECOND_PASS, lower, open)
  if (second !== null) return fromMatch(second)

  if (stage !== null) {
    if (stage.stage === 'connect')
      return { reason: 'blocked', rule: 'stage:connect', start: stage.start, end: stage.end }
    if (stage.stage === 'mail') return { reason: 'rejected', rule: 'stage:mail', start: stage.start, end: stage.end }
  }

  if (status !== null && hint !== null) return fromCode(hint, `status:${status.code}`, status)
  if (reply !== null) {
    const byReply = replyFallback(reply)
    if (byReply !== null) return fromCode(byReply, `reply:${reply.code}`, reply)
  }
  return { reason: 'onhold', rule: 'fallback:unrecognised', start: -1, end: -1 }
}

function severityOf(lower: string, reply: FoundCode | null, status: FoundCode | null, reason: Reason): Severity {
  const leading = reply?.code[0] ?? status?.code[0]
  if (leading === '2') return 'success'
  if (leading === '4') return 'transient'
  if (leading === '5') return 'permanent'
  if (reason === 'delivered') return 'success'
  if (reason === 'undefined') return 'unknown'
  if (TRANSIENT_WORDING.test(lower)) return 'transient'
  if (PERMANENT_WORDING.test(lower)) return 'permanent'
  if (reason === 'userunknown' || reason === 'hostunknown' || reason === 'hasmoved' || reason === 'notaccept') {
    return 'permanent'
  }
  return 'unknown'
}

function evidenceAt(text: string, rule: string, start: number, end: number): Evidence {
  if (start < 0) return { rule, match: '', start: -1, end: -1 }
  return { rule, match: text.slice(start, end), start, end }
}

function emptyResult(): Classification {
  const texts = REASON_TEXTS.undefined
  return {
    replyCode: null,
    status: null,
    severity: 'unknown',
    reason: 'undefined',
    hardBounce: false,
    verdict: 'review',
    provider: null,
    explanation: texts.explanation,
    action: texts.action,
    evidence: [{ rule: 'empty', match: '', start: -1, end: -1 }],
  }
}

export function classify(text: string, context?: ClassifyContext): Classification {
  const head = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text
  const lower = lowerSameLength(head)
  if (lower.trim() === '') {
    const result = emptyResult()
    result.provider = contextProvider(context)
    return result
  }

  const open = GATES.scan(lower)
  const { reply, status } = extractCodes(lower)
  const stage = findStage(lower, open)
  const decision = decideReason(lower, open, reply, status, stage)
  const severity = severityOf(lower, reply, status, decision.reason)
  const hardBounce = isHardBounce(decision.reason, severity)
  const verdict = verdictFor(decision.reason, severity, hardBounce)

  const evidence: Evidence[] = [evidenceAt(head, decision.rule, decision.start, decision.end)]
  if (reply !== null) evidence.push(evidenceAt(head, 'code:reply', reply.start, reply.end))
  if (status !== null) evidence.push(evidenceAt(head, 'code:status', status.start, status.end))
  if (reply !== null && status !== null && reply.code[0] !== status.code[0]) {
    evidence.push(evidenceAt(head, 'conflict:reply-vs-status', reply.start, status.end))
  }
  if (stage !== null) evidence.push(evidenceAt(head, `stage:${stage.stage}`, stage.start, stage.end))

  const fromText = providerFromText(lower, open)
  if (fromText !== null) evidence.push(evidenceAt(head, `provider:${fromText.provider}`, fromText.start, fromText.end))

  const texts = REASON_TEXTS[decision.reason]
  return {
    replyCode: reply === null ? null : Number(reply.code),
    status: status?.code ?? null,
    severity,
    reason: decision.reason,
    hardBounce,
    verdict,
    provider: fromText?.provider ?? contextProvider(context),
    explanation: texts.explanation,
    action: texts.action + verdictNote(decision.reason, severity, verdict),
    evidence,
  }
}

function contextProvider(context: ClassifyContext | undefined): string | null {
  const source = context?.email ?? context?.domain
  return source === undefined ? null : providerFromDomain(source)
}
