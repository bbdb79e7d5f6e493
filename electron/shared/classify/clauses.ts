/**
 * The clause reader: what a bounce says when no curated phrase names it.
 *
 * Phrases (`phrases.ts`) match whole wordings a provider is known to use. A server nobody has catalogued
 * still writes the same kind of sentence: *someone or something* (the recipient, the sender, the
 * message, the domain, the server) *had something happen to it* (unknown, full, disabled, refused,
 * limited, unreachable, judged spam). This reader finds those two parts inside one clause and reads the
 * pair, so "That recipient is not allowed", "Mail from 192.0.2.1 not allowed" and "Domain of forward
 * path is not allowed" get three different readings from one small vocabulary instead of three phrases.
 *
 * It runs after every precise rule and before generic status codes (x.0.0, 5.7.1): it is how the
 * classifier reads words on providers it has never seen. Its vocabulary is deliberately general; a
 * wording it reads wrongly belongs in a phrase rule or a provider record, not in a longer list here.
 */
import { GATES, isOpen, type Gate } from './gates'
import { LEXICON, PREDICATE_ORDER, SUBJECT_ORDER, type LanguageWords, type Predicate, type Subject } from './lexicon'
import type { Reason } from './types'

export interface ClauseReading {
  reason: Reason
  /** `clause:<subject>-<predicate>`, or `clause:<predicate>` when no subject was found. */
  rule: string
  start: number
  end: number
}

/**
 * One pattern for a list of wordings, bounded by letters in any script: `\b` knows only ASCII, and
 * the lexicon holds words of a dozen languages.
 */
function words(...alternatives: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu')
}

interface Compiled<K extends string> {
  kind: K
  pattern: RegExp
  /** Closed when the text lacks every word the kind's wordings need (most texts, for most kinds). */
  gate: Gate | null
}

function compile<K extends string>(
  order: readonly K[],
  wordsOf: (language: LanguageWords) => Partial<Record<K, readonly string[]>>,
): ReadonlyArray<Compiled<K>> {
  return order.map((kind) => {
    const spaced = LEXICON.filter((l) => l.unspaced !== true).flatMap((l) => wordsOf(l)[kind] ?? [])
    const unspaced = LEXICON.filter((l) => l.unspaced === true).flatMap((l) => wordsOf(l)[kind] ?? [])
    const parts = [words(...spaced).source]
    if (unspaced.length > 0) parts.push(`(?:${unspaced.join('|')})`)
    return { kind, pattern: new RegExp(parts.join('|'), 'gu'), gate: GATES.gateFor([...spaced, ...unspaced]) }
  })
}

const PREDICATES = compile(PREDICATE_ORDER, (language) => language.predicates)
const SUBJECTS = compile(SUBJECT_ORDER, (language) => language.subjects)

// How close a subject must stand to its predicate, and the extra distance a subject that comes *after*
// the predicate pays ("blocked: sender" reads less surely than "sender blocked").
const MAX_DISTANCE = 48
const AFTER_PENALTY = 12

interface Found {
  kind: string
  start: number
  end: number
}

function allMatches<K extends string>(
  table: ReadonlyArray<Compiled<K>>,
  clause: string,
  offset: number,
): Array<Found & { kind: K }> {
  const found: Array<Found & { kind: K }> = []
  for (const { kind, pattern } of table) {
    pattern.lastIndex = 0
    for (let m = pattern.exec(clause); m !== null; m = pattern.exec(clause)) {
      found.push({ kind, start: offset + m.index, end: offset + m.index + m[0].length })
    }
  }
  return found
}

function nearestSubject(
  predicate: Found,
  subjects: ReadonlyArray<Found & { kind: Subject }>,
): (Found & { kind: Subject }) | null {
  let best: (Found & { kind: Subject }) | null = null
  let bestDistance = Infinity
  for (const subject of subjects) {
    // A subject inside the predicate's own words ("mailbox unavailable" → not "box") cannot be its own.
    if (subject.start >= predicate.start && subject.end <= predicate.end) continue
    const distance =
      subject.end <= predicate.start ? predicate.start - subject.end : subject.start - predicate.end + AFTER_PENALTY
    if (distance < 0 || distance > MAX_DISTANCE) continue
    if (distance < bestDistance) {
      best = subject
      bestDistance = distance
    }
  }
  return best
}

// A refusal that names an authentication check is about the sender's SPF, DKIM or DMARC, whoever the
// sentence names ("Sender prohibited by SPF").
const AUTHENTICATION_CHECK = /\b(spf|dkim|dmarc)\b/
// Servers hang up on a client that keeps sending commands they cannot parse.
const COMMAND_ERRORS = /\btoo many (errors|invalid commands|bad commands|unrecognized commands)\b/
// An IPv4 address, written out or masked ("192.0.2.1", "x.x.x.x"), standing for the sending host.
const IP_LITERAL = /\b(\d{1,3}|x{1,3})\.(\d{1,3}|x{1,3})\.(\d{1,3}|x{1,3})\.(\d{1,3}|x{1,3})\b/

const LISTED_OR_BANNED = /\bbanned\b|\b(black|block)-?listed\b/

function readingOf(predicate: Predicate, subject: Subject | null, lower: string, clause: string): Reason | null {
  switch (predicate) {
    case 'spam':
      return /\b(virus|malware)/.test(lower) ? 'virusdetected' : 'spamdetected'
    case 'unknown':
      if (subject === 'recipient') return 'userunknown'
      if (subject === 'domain') return 'hostunknown'
      if (subject === 'sender' || subject === 'sender-host') return 'rejected'
      if (subject === 'message' || subject === 'content') return 'notcompliantrfc'
      return null
    case 'full':
      return subject === 'server' ? 'systemfull' : 'mailboxfull'
    case 'size':
      // "Mailbox size limit" is a full mailbox; any other size limit is the message's.
      // A domain's size limit is the storage its mailboxes share.
      return (subject === 'recipient' || subject === 'domain') && !/\bmessage\b/.test(clause)
        ? 'mailboxfull'
        : 'emailtoolarge'
    case 'inactive':
      if (subject === 'recipient') return 'suspend'
      if (subject === 'sender-host') return 'blocked'
      return subject === 'sender' || subject === 'server' ? 'rejected' : null
    case 'limit':
      if (/\btoo many (bounces|complaints)\b/.test(lower)) return 'suppressed'
      if (COMMAND_ERRORS.test(lower)) return 'syntaxerror'
      return subject === 'content' || /\btoo many (\w+ )?(attachments|links|urls)\b/.test(clause)
        ? 'contenterror'
        : 'ratelimited'
    case 'refused':
      if (AUTHENTICATION_CHECK.test(clause)) return 'authfailure'
      if (subject === 'relay') return 'norelaying'
      if (subject === 'sender-host') return 'blocked'
      // Banned or listed, or refused with the sending IP written out, is a verdict on the sending host.
      if (subject !== 'recipient' && (LISTED_OR_BANNED.test(clause) || (subject === null && IP_LITERAL.test(clause)))) {
        return 'blocked'
      }
      if (subject === 'content') return 'contenterror'
      if (subject === 'recipient' || subject === 'message') return 'filtered'
      return 'rejected'
    case 'unavailable':
      return subject === 'recipient' ? null : 'networkerror'
  }
}

// How far a domain word may stand before the recipient word it belongs to ("domain of the recipient").
const OWNER_GAP = 16

/** The domain word a recipient word belongs to ("domain of the recipient"), if one stands just before it. */
function owningDomain(
  subject: Found & { kind: Subject },
  subjects: ReadonlyArray<Found & { kind: Subject }>,
): (Found & { kind: Subject }) | null {
  if (subject.kind !== 'recipient') return null
  return (
    subjects.find((s) => s.kind === 'domain' && s.end <= subject.start && subject.start - s.end <= OWNER_GAP) ?? null
  )
}

/** Whether the text holds any word that names a domain (one look-up in the classifier's scan). */
export function mentionsDomain(open: Uint8Array): boolean {
  const domain = SUBJECTS.find(({ kind }) => kind === 'domain')
  return domain === undefined || isOpen(domain.gate, open)
}

const CLAUSE_BREAK = /[.;:!?\n]+\s|\s-\s|\n|[。！？；]/g

/** The text cut at sentence and clause breaks, each piece with where it starts. */
function clausesOf(lower: string): { clause: string; clauseStart: number }[] {
  const pieces: { clause: string; clauseStart: number }[] = []
  let clauseStart = 0
  for (const clauseEnd of [...[...lower.matchAll(CLAUSE_BREAK)].map((m) => m.index), lower.length]) {
    pieces.push({ clause: lower.slice(clauseStart, clauseEnd), clauseStart })
    clauseStart = clauseEnd
  }
  return pieces
}

/**
 * Reads the most telling subject–predicate pair of the text, or `null` when none reads clearly. `open`
 * is the classifier's one gate scan of the text, when it has made it already.
 */
export function readClauses(lower: string, open: Uint8Array = GATES.scan(lower)): ClauseReading | null {
  const predicateTable = PREDICATES.filter(({ gate }) => isOpen(gate, open))
  if (predicateTable.length === 0) return null
  const subjectTable = SUBJECTS.filter(({ gate }) => isOpen(gate, open))
  let best: { reading: ClauseReading; rank: number } | null = null
  for (const { clause, clauseStart } of clausesOf(lower)) {
    const predicates = allMatches(predicateTable, clause, clauseStart)
    if (predicates.length > 0) {
      const subjects = allMatches(subjectTable, clause, clauseStart)
      for (const predicate of predicates) {
        const rank = PREDICATE_ORDER.indexOf(predicate.kind)
        if (best !== null && rank >= best.rank) continue
        // "No mailbox found" carries its subject inside the denial itself.
        const subject =
          nearestSubject(predicate, subjects) ??
          (predicate.kind === 'unknown'
            ? (subjects.find((s) => s.start >= predicate.start && s.end <= predicate.end) ?? null)
            : null)
        // "Mail from 192.0.2.1 not allowed": a sender named by its IP address is the sending host.
        // "Die Domäne des Empfängers existiert nicht": the domain of the recipient is what does not exist.
        const owner = subject !== null && predicate.kind === 'unknown' ? owningDomain(subject, subjects) : null
        const who =
          subject?.kind === 'sender' && IP_LITERAL.test(clause)
            ? 'sender-host'
            : owner !== null
              ? 'domain'
              : (subject?.kind ?? null)
        const reason = readingOf(predicate.kind, who, lower, clause)
        if (reason === null) continue
        const rule = who === null ? `clause:${predicate.kind}` : `clause:${who}-${predicate.kind}`
        const start = Math.min(predicate.start, owner?.start ?? subject?.start ?? predicate.start)
        const end = Math.max(predicate.end, subject?.end ?? predicate.end)
        best = { reading: { reason, rule, start, end }, rank }
      }
    }
  }
  return best?.reading ?? null
}

/**
 * Every kind of subject and predicate the text names, and each predicate paired with its nearest
 * subject in the same clause, as language-independent features for the language layer (`language/`):
 * "Postfach voll" and "mailbox full" both give `p:full`, `s:recipient` and `sp:recipient-full`, so what
 * the model learns from one language it applies to the others.
 */
export function clauseConcepts(lower: string, open: Uint8Array = GATES.scan(lower)): string[] {
  const predicateTable = PREDICATES.filter(({ gate }) => isOpen(gate, open))
  const subjectTable = SUBJECTS.filter(({ gate }) => isOpen(gate, open))
  const out = new Set<string>()
  if (predicateTable.length === 0 && subjectTable.length === 0) return []
  for (const { clause, clauseStart } of clausesOf(lower)) {
    const predicates = allMatches(predicateTable, clause, clauseStart)
    const subjects = allMatches(subjectTable, clause, clauseStart)
    for (const subject of subjects) out.add(`s:${subject.kind}`)
    for (const predicate of predicates) {
      out.add(`p:${predicate.kind}`)
      const subject = nearestSubject(predicate, subjects)
      if (subject !== null) out.add(`sp:${subject.kind}-${predicate.kind}`)
    }
  }
  return [...out]
}
