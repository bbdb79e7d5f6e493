/**
 * The bounce classifier: one Marketo "Email Invalid Cause" text in, a `Classification` out.
 *
 * Pure and synchronous; it runs unchanged in main, worker, CLI and renderer. Callers that see the same
 * text many times (an import) should memoize by text and `CLASSIFIER_VERSION`.
 *
 * A marketer reads the words of a bounce; so does this module. In order of trust (the first step that
 * answers wins):
 *  1. Empty text → `undefined`. A 2xx reply or status → `delivered`.
 *  2. A *decisive* enhanced status code (5.2.2 mailbox full, 5.7.26 authentication, 5.7.606 banned IP …).
 *  3. Provider knowledge: a provider's documented refusal code (Orange `OFR_506`, Spectrum
 *     `AUP#In-1310` …).
 *  4. The words, by curated phrases, most specific first (see `phrases.ts`). They outrank every code
 *     that is not decisive: "no such user" under 5.7.1 is an unknown user, "rate limit" under 4.4.2 is
 *     throttling. "User unknown" that only looks like a filter (no recipient named, a policy status,
 *     a refusal after the message body) stays an unknown user with a caution in the evidence and the
 *     action: the words win, the doubt is shown.
 *  5. A status code that names a specific reason (5.1.1, 5.4.4, 5.3.4 …); where its reason is a vague one
 *     (user unknown, system error, expired …), vaguer phrases ("expired", "internal error", "dns
 *     error") are read first, as Sisimai does.
 *  6. The SMTP step alone: a refusal at connection time is `blocked`, at MAIL FROM `rejected`.
 *  6b. The clause reader (`clauses.ts`): who was refused (recipient, sender, sending host, message,
 *     content, domain, server, relay) and what happened to them (unknown, full, disabled, refused,
 *     limited, unreachable, spam), read within one clause — how wordings no phrase names are read.
 *  7. A generic status code (x.0.0, 5.7.1, 4.4.2 …), then a few reply codes (551 moved, 50x syntax,
 *     521/556 does not accept mail).
 *  8. The language layer (`language/`): a model fitted on our labelled corpora reads wording no rule
 *     names, in any of the languages it was fitted on. Used only when it is confident; its strongest
 *     words are the evidence.
 *  9. Anything else with text → `onhold`: the honest "don't know".
 *
 * Last, `settled` reads the whole text once more: a refusal naming SPF, DKIM or DMARC is an
 * authentication failure, one naming the sending IP is a block, a domain "not found, try again" is a DNS
 * failure, and a temporary x.7.x deferral that names no cause is throttling. Where the words say whose
 * move it is (a receiver's broken TLS, the sender's own relay), they set the verdict (`verdictFromWords`).
 *
 * Basic and enhanced codes that disagree (`550 4.4.7 QUEUE.Expired`): the **basic reply code decides the
 * severity**, because it is the code SMTP clients act on, and the **enhanced code's subject and detail
 * decide the reason**. A text with no code at all gets its severity from its words, and failing that
 * from what its reason usually means (an unknown user is permanent, a full mailbox is not).
 */
import { mentionsDomain, readClauses } from './clauses'
import { extractCodes, type FoundCode } from './codes'
import { GATES } from './gates'
import { categoryFor, isCategory, REASON_OF_CATEGORY, type Category } from './category'
import { providerKnowledge } from './knowledge/index'
import { LANGUAGE_MODEL } from './language/model.generated'
import { predict, type LanguageModelData } from './language/naive-bayes'
import { FIRST_PASS, firstRuleMatch, SECOND_PASS, USER_UNKNOWN, type RuleMatch } from './phrases'
import { providerFromDomain, providerFromText } from './provider'
import { findStage, hasDataTrailer, type FoundStage } from './stage'
import { decisiveReason, hintedReason, isGenericStatus, WEAK_REASONS } from './status-reasons'
import { REASON_TEXTS, verdictNote } from './texts'
import type { Classification, ClassifyContext, Evidence, Reason, Severity, Verdict } from './types'
import { isHardBounce, verdictFor } from './verdict'

export type { Classification, ClassifyContext, Evidence, Reason, Severity, Verdict } from './types'
export { REASONS, SEVERITIES, VERDICTS } from './types'
export { CATEGORIES, categoryFor, categoryOf, type Category } from './category'

/** Changes whenever a rule changes, so stored results can be re-derived. */
export const CLASSIFIER_VERSION = '2026.12.3'

/**
 * Only the head of very long texts is read. Bounce reasons sit in the first lines; beyond this the text
 * is quoted message content. This also bounds the time one call can take.
 */
export const MAX_SCANNED_CHARS = 16_384

const NO_MATCH_PLACEHOLDER = /^\s*no match detected\s*$/

// The same markers in the languages bounce texts come in: "temporary", "try later", "will retry".
const TRANSIENT_WORDING =
  /temporary failure|temporar(il)?y (deferred|rejected|unavailable)|try (again )?later|not found, try again|deferred|will be retried|has been delayed|have been delayed|temporaire|vor[üu]bergehend|temporane|temporal|tempor[áa]ri|tymczasow|временн|暂时|暫時|一時的|일시적|plus tard|sp[äa]ter erneut|pi[ùu] tardi|m[áa]s tarde|mais tarde|później|позже|稍后|しばらくして|나중에/
// "Will not try again" in the languages Exchange and mail servers localise their reports into.
const PERMANENT_WORDING =
  /permanent (failure|error)|failed permanently|permanently (rejected|failed)|will not (try|attempt|retry)|won.t (try|retry)|not going to try again|no intentar[áa]|no volver[áa] a intentar|nicht erneut|ne (tentera|réessaiera) pas|non (riproverà|tenterà)/

interface Decision {
  reason: Reason
  rule: string
  start: number
  end: number
  /** Why the verdict deserves a second look although the words are clear (see step 4). */
  caution?: string
  /** The language layer's words, when it decided. */
  words?: readonly string[]
  /** What a provider record says about permanence, when the text carries no code that says it. */
  severity?: Severity
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

/**
 * "User unknown" wording is what it says, except where a provider documents the disguise (docomo's
 * reception filter). A refusal after the message body, a reply that names no recipient, or a 5.2.x/5.7.x
 * policy status only hint at a filter: many servers check recipients late (QQ, Yahoo's "mailbox not
 * found" after DATA in our received corpus), so the reason stays what the words say and the evidence
 * carries a caution. Sisimai reads the after-DATA case as `filtered`; the accuracy benchmark lists
 * those rows apart.
 */
function userUnknownDecision(m: RuleMatch, status: string | null, stage: FoundStage | null, lower: string): Decision {
  const hint = status === null ? null : hintedReason(status)
  if (hint === 'userunknown' || stage?.stage === 'rcpt') return fromMatch(m)
  if (stage?.stage === 'data' && DOCOMO_HOST.test(lower)) {
    return fromMatch(m, 'rejected', 'phrase:userunknown-docomo-reception-filter')
  }
  if (stage?.stage === 'data' || hasDataTrailer(lower)) {
    return { ...fromMatch(m), caution: 'after-data' }
  }
  if (NO_RECIPIENT_NAMED.test(lower)) return { ...fromMatch(m), caution: 'no-recipient-named' }
  if (status !== null && (status.slice(1, 4) === '.2.' || status.startsWith('5.7.'))) {
    return { ...fromMatch(m), caution: 'policy-status' }
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
  model: LanguageModelData | null,
  provider: string | null,
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
  const known = providerKnowledge(lower, status, provider, open)
  if (known !== null) {
    const { record, ...decision } = known
    // At MAIL FROM a provider's "no such address" is about the sender's address.
    if (stage?.stage === 'mail' && (decision.reason === 'userunknown' || decision.reason === 'hostunknown')) {
      decision.reason = 'rejected'
      decision.rule = `${decision.rule}-at-mail-from`
    }
    return record.severity === undefined ? decision : { ...decision, severity: record.severity }
  }

  const first = firstRuleMatch(FIRST_PASS, lower, open)
  if (first !== null) {
    // "The recipient's domain does not exist" carries a user-unknown wording about the domain.
    const aboutDomain = first.rule === USER_UNKNOWN && mentionsDomain(open) ? readClauses(lower, open) : null
    if (aboutDomain?.reason === 'hostunknown') return aboutDomain
    const decision =
      first.rule === USER_UNKNOWN ? userUnknownDecision(first, status?.code ?? null, stage, lower) : fromMatch(first)
    // At MAIL FROM the server is judging the sender, so "does not exist" is about the sender's address.
    if (stage?.stage === 'mail' && (decision.reason === 'userunknown' || decision.reason === 'hostunknown')) {
      return { ...decision, reason: 'rejected', rule: `${decision.rule}-at-mail-from` }
    }
    return decision
  }

  const hint = status === null ? null : hintedReason(status.code)
  const specificHint = status !== null && hint !== null && !isGenericStatus(status.code)
  if (specificHint && !WEAK_REASONS.has(hint)) return fromCode(hint, `status:${status.code}`, status)

  const second = firstRuleMatch(SECOND_PASS, lower, open)
  if (second !== null) return fromMatch(second)
  if (specificHint) {
    // "5.1.1 inactive recipient", "5.1.1 suspended user", "5.1.1 domain no longer available": many servers
    // file a closed mailbox or a dead domain under "no such user"; the words say more than the code.
    const said = hint === 'userunknown' ? readClauses(lower, open) : null
    if (said?.reason === 'suspend' || said?.reason === 'hostunknown') return said
    return fromCode(hint, `status:${status.code}`, status)
  }

  if (stage !== null) {
    if (stage.stage === 'connect')
      return { reason: 'blocked', rule: 'stage:connect', start: stage.start, end: stage.end }
    if (stage.stage === 'mail') return { reason: 'rejected', rule: 'stage:mail', start: stage.start, end: stage.end }
  }

  // Words no phrase names still say who was refused and why; they outrank a generic code.
  const clause = readClauses(lower, open)
  if (clause !== null) {
    // The same doubt as for the phrase: after the message body, "no such mailbox" may be a filter's.
    const afterData = clause.reason === 'userunknown' && (stage?.stage === 'data' || hasDataTrailer(lower))
    return afterData ? { ...clause, caution: 'after-data' } : clause
  }

  if (status !== null && hint !== null) return fromCode(hint, `status:${status.code}`, status)
  if (reply !== null) {
    const byReply = replyFallback(reply)
    if (byReply !== null) return fromCode(byReply, `reply:${reply.code}`, reply)
  }
  const guessed = languageDecision(model, lower)
  if (guessed !== null) return guessed

  return { reason: 'onhold', rule: 'fallback:unrecognised', start: -1, end: -1 }
}

/** The language layer's answer, when it is sure enough (a model answering "unknown" is no answer). */
function languageDecision(model: LanguageModelData | null, lower: string): Decision | null {
  if (model === null) return null
  const guess = predict(model, lower)
  const sure = guess !== null && guess.confidence >= model.threshold && guess.evidence >= model.minEvidence
  if (!sure || guess.label === 'unknown' || !isCategory(guess.label)) return null
  return {
    reason: REASON_OF_CATEGORY[guess.label],
    rule: `language:${guess.label}`,
    start: -1,
    end: -1,
    words: guess.words,
    // A model's reading is a likelihood, not a rule: before a lead is removed on it, a person should look.
    ...(guess.label === 'unknown-user' || guess.label === 'unknown-domain' ? { caution: 'guessed' } : {}),
  }
}

const TEMPORARY_CODE = /(?<![\d.])4\d\d(?![\d])|(?<![\d.])4\.\d{1,3}\.\d{1,3}/

// A lookup that failed "for now" is a DNS problem of the moment, not a domain without mail.
const PASSING_LOOKUP = /temporar|not found, try again|timed? ?out|servfail/

/**
 * The last word on a decision, from what the whole text says around it: a missing domain "for now"
 * is a DNS failure, and a temporary refusal under a policy status whose words name no cause is how
 * receivers throttle or greylist an unfamiliar sender.
 */
// A refusal that names an authentication check (SPF, DKIM, DMARC) is about that check, whatever general
// wording ("policy", "not allowed", "security level") carries it.
const AUTHENTICATION_NAMED = /\b(spf|dkim|dmarc)\b/
// A refusal that names the sending IP is about the sending host's standing, not the sender's address.
const SENDING_IP_NAMED = /\b(your|the|sending|sender|client|source) ip\b|\bip you.re using\b/
const POLICY_REASONS: ReadonlySet<Reason> = new Set<Reason>([
  'rejected',
  'securityerror',
  'policyviolation',
  'filtered',
])
// "Spam" said of the sender or the sending host is a verdict on their reputation, not on this message.
const SPAM_SENDER =
  /\bspammers?\b|\bspam (sender|source|host)s?\b|\b(ip|sender)\b[^.]{0,40}\bspam|\bspam[^.]{0,20}\b(ip|ip address)\b|\b(ip|sender|host)\b.{0,40}\b(is|was|are) (black|block)?listed\b/

function settled(decision: Decision, lower: string, status: FoundCode | null): Decision {
  const byKnowledge = decision.rule.startsWith('provider')
  if (!byKnowledge && POLICY_REASONS.has(decision.reason)) {
    if (AUTHENTICATION_NAMED.test(lower)) return { ...decision, reason: 'authfailure' }
    // …unless it is the sender's own relay refusing unregistered IPs: a setup to fix, not a block.
    const ownRelay = OWN_RELAY.test(lower)
    if (decision.reason === 'rejected' && !ownRelay && SENDING_IP_NAMED.test(lower)) {
      return { ...decision, reason: 'blocked' }
    }
  }
  // A relay refusal that calls the sending host a spammer is a block on that host, not a routing question.
  if (!byKnowledge && decision.reason === 'norelaying' && !OWN_RELAY.test(lower) && SPAM_SENDER.test(lower)) {
    return { ...decision, reason: 'blocked' }
  }
  if (!byKnowledge && decision.reason === 'spamdetected' && SPAM_SENDER.test(lower)) {
    return { ...decision, reason: 'blocked' }
  }
  if (decision.reason === 'hostunknown' && PASSING_LOOKUP.test(lower)) return { ...decision, reason: 'networkerror' }
  // A model's guess of a missing domain under a temporary code is a lookup failing for now.
  if (decision.reason === 'hostunknown' && decision.rule.startsWith('language:') && TEMPORARY_CODE.test(lower)) {
    const { caution: _removalCaution, ...rest } = decision
    return { ...rest, reason: 'networkerror' }
  }
  // Under "system congestion" (x.4.5) a full disk is the server's, not the recipient's mailbox.
  if (decision.reason === 'mailboxfull' && status?.code.endsWith('.4.5') === true) {
    return { ...decision, reason: 'systemfull' }
  }
  const deferredByPolicy = status !== null && status.code.startsWith('4.7.') && decision.rule.startsWith('status:')
  if (deferredByPolicy && (decision.reason === 'blocked' || decision.reason === 'securityerror')) {
    return { ...decision, reason: 'ratelimited' }
  }
  return decision
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
  return MEANT_SEVERITY[categoryFor(reason, 'unknown')]
}

// What a code-less text of each category usually means when its words name no severity: nobody will
// create a missing mailbox or unblock a flagged sender because the same message is sent again.
const MEANT_SEVERITY: Readonly<Record<Category, Severity>> = {
  'unknown-user': 'permanent',
  'unknown-domain': 'permanent',
  'mailbox-full': 'transient',
  'mailbox-inactive': 'permanent',
  'blocked-sender': 'permanent',
  authentication: 'permanent',
  'spam-content': 'permanent',
  policy: 'permanent',
  'rate-limit': 'transient',
  'message-too-large': 'permanent',
  'server-or-network': 'transient',
  protocol: 'permanent',
  suppressed: 'permanent',
  unknown: 'unknown',
  delivered: 'success',
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
    category: 'unknown',
    hardBounce: false,
    verdict: 'review',
    provider: null,
    explanation: texts.explanation,
    action: texts.action,
    evidence: [{ rule: 'empty', match: '', start: -1, end: -1 }],
  }
}

export function classify(text: string, context?: ClassifyContext): Classification {
  return classifyWith(LANGUAGE_MODEL, text, context)
}

// Plain words for the cautions of step 4, appended to the action.
const CAUTIONS: Readonly<Record<string, string>> = {
  'no-recipient-named':
    ' Caution: the reply names no address, which some filters do when they refuse a message; if the address looks right, review before removing.',
  'after-data':
    ' Caution: the server refused after reading the whole message, which is when filters decide; if the address looks right, review before removing.',
  guessed:
    ' Caution: no rule knows this wording; the answer is what similar texts meant, so check the text before removing.',
  'policy-status':
    ' Caution: the status code is a policy code, which some filters use while saying "user unknown"; if the address looks right, review before removing.',
}

/**
 * `classify` with a given language model, or with none (`null`: rules alone). The accuracy benchmark
 * uses it to score models fitted without the providers they are scored on.
 */
export function classifyWith(model: LanguageModelData | null, text: string, context?: ClassifyContext): Classification {
  const spaced = respacedLabel(text)
  if (spaced !== null) {
    // The evidence points at the label as the marketer sees it, not at our spaced copy.
    const result = classifyWith(model, spaced, context)
    const evidence = result.evidence.map((e) => (e.start < 0 ? e : { ...e, match: text, start: 0, end: text.length }))
    return { ...result, evidence }
  }
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
  const fromText = providerFromText(lower, open)
  const provider = fromText?.provider ?? contextProvider(context)
  const decision = settled(decideReason(lower, open, reply, status, stage, model, provider), lower, status)
  const severity =
    decision.severity !== undefined && reply === null && status === null
      ? decision.severity
      : severityOf(lower, reply, status, decision.reason)
  const hardBounce = isHardBounce(decision.reason, severity)
  const verdict = verdictFromWords(decision, severity, lower, open) ?? verdictFor(decision.reason, severity, hardBounce)

  const evidence: Evidence[] =
    decision.words === undefined
      ? [evidenceAt(head, decision.rule, decision.start, decision.end)]
      : [{ rule: decision.rule, match: decision.words.join(' · '), start: -1, end: -1 }]
  if (decision.caution !== undefined) {
    evidence.push({ rule: `caution:${decision.caution}`, match: '', start: -1, end: -1 })
  }
  if (reply !== null) evidence.push(evidenceAt(head, 'code:reply', reply.start, reply.end))
  if (status !== null) evidence.push(evidenceAt(head, 'code:status', status.start, status.end))
  if (reply !== null && status !== null && reply.code[0] !== status.code[0]) {
    evidence.push(evidenceAt(head, 'conflict:reply-vs-status', reply.start, status.end))
  }
  if (stage !== null) evidence.push(evidenceAt(head, `stage:${stage.stage}`, stage.start, stage.end))

  if (fromText !== null) evidence.push(evidenceAt(head, `provider:${fromText.provider}`, fromText.start, fromText.end))

  const texts = REASON_TEXTS[decision.reason]
  const caution = decision.caution === undefined ? '' : (CAUTIONS[decision.caution] ?? '')
  return {
    replyCode: reply === null ? null : Number(reply.code),
    status: status?.code ?? null,
    severity,
    reason: decision.reason,
    category: categoryFor(decision.reason, severity),
    hardBounce,
    verdict,
    provider,
    explanation: texts.explanation,
    action: texts.action + verdictNote(decision.reason, severity, verdict) + caution,
    evidence,
  }
}

// ESP dashboards and APIs show a bounce's kind as one token: "NoMailbox", "SPFProblem", "INACTIVE_RECIPIENT",
// "bounce_bad-connection". Spaced out, they are words the rules read. (Hyphens stay: "hard-bounce" is a word.)
const ONE_TOKEN_LABEL = /^\s*[A-Za-z][A-Za-z_-]{2,62}[A-Za-z]\s*$/

function respacedLabel(text: string): string | null {
  if (!ONE_TOKEN_LABEL.test(text)) return null
  const label = text.trim()
  const spaced = label
    .replace(/_+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
  return spaced === label ? null : spaced
}

// TLS failures that blame the receiving server: its certificate, its MTA-STS policy or DANE records, or
// its missing STARTTLS. The sender cannot fix those; they pass when the receiver fixes them.
const RECEIVER_TLS =
  /destination mail server|remote certificate|mx hosts of|dane validation|tlsa|certificate (is )?expired|not advertised|tls not available/

// A relay refusal about the sender's own relay: its credentials, its registered IPs or identities, its
// connector. The recipient's address is not in question; the sending setup is.
const OWN_RELAY =
  /credentials|authenticat|tenantattribution|identit(y|ies)|sending denied|disallowed as|check (for |your )?(new )?mail before sending|pop.before.smtp/

/**
 * Where the words, not the reason alone, tell whose move it is: a TLS failure that blames the receiving
 * server passes when they fix it (retry, or review if permanent); a relay refusal about the sender's own
 * relay is the sender's to fix, while one from a recipient's server is reviewed (their mail may have
 * moved).
 */
function verdictFromWords(decision: Decision, severity: Severity, lower: string, open: Uint8Array): Verdict | null {
  const { reason } = decision
  if (reason === 'failedstarttls' && RECEIVER_TLS.test(lower)) return severity === 'transient' ? 'retry' : 'review'
  if (reason === 'norelaying' && OWN_RELAY.test(lower)) return 'fix-sending'
  // A policy refusal whose words are about the recipient ("recipient not allowed", "not in my list of
  // allowed rcpthosts") may be the address or its routing, not the sender's doing: a person should look.
  if (
    RECIPIENT_SIDE_POLICY.has(reason) &&
    !SENDER_NAMED.test(lower) &&
    (decision.rule.startsWith('clause:') ? decision.rule : readClauses(lower, open)?.rule) ===
      'clause:recipient-refused'
  ) {
    return 'review'
  }
  return null
}

const RECIPIENT_SIDE_POLICY: ReadonlySet<Reason> = new Set<Reason>(['rejected', 'policyviolation', 'securityerror'])
// "Your email address has been blocked" is about the sender, whatever noun it uses.
const SENDER_NAMED = /\byour\b|\bsender\b|\bmail from\b|\bfrom address\b/

function contextProvider(context: ClassifyContext | undefined): string | null {
  const source = context?.email ?? context?.domain
  return source === undefined ? null : providerFromDomain(source)
}
