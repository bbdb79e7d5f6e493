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
import type { Reason } from './types'

type Subject = 'recipient' | 'sender' | 'sender-host' | 'message' | 'content' | 'domain' | 'server' | 'relay'
type Predicate = 'spam' | 'unknown' | 'full' | 'inactive' | 'size' | 'limit' | 'refused' | 'unavailable'

export interface ClauseReading {
  reason: Reason
  /** `clause:<subject>-<predicate>`, or `clause:<predicate>` when no subject was found. */
  rule: string
  start: number
  end: number
}

/**
 * One pattern for a list of wordings, bounded by letters in any script: `\b` knows only ASCII, and
 * these lists hold German, Polish, Czech, Turkish and Russian words too.
 */
function words(...alternatives: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu')
}

// What happened, most telling first: when one text says two things ("Recipient address rejected: user
// unknown"), the earlier entry wins.
const PREDICATES: ReadonlyArray<readonly [Predicate, RegExp]> = [
  [
    'spam',
    words('spam\\w*', 'phishing', 'virus', 'malware', 'junk mail', 'suspicious (content|message|link|attachment)'),
  ],
  [
    'unknown',
    words(
      'unknown',
      'not (a )?known',
      'no such',
      // A denial of existence: "no mailbox found", "no account by that name here".
      'no (mail ?box|account|user|recipient)\\p{L}*( \\p{L}+){0,2} (found|here|available|exists?)',
      'by that name',
      'no longer valid',
      'bad',
      'do\\p{L}*n.?t exist',
      'do not exist',
      'not exist',
      'non-?existent',
      'not found',
      'wasn.t found',
      'could not be found',
      'not listed',
      'not (a )?valid',
      'invalid',
      // de, fr, es, it, pt, nl, pl, cs, tr, ru
      'unbekannt',
      'nicht gefunden',
      'niet gevonden',
      'existiert nicht',
      'inconnu',
      'introuvable',
      'n.existe pas',
      'desconocid[oa]',
      'no existe',
      'inesistente',
      'sconosciut[oa]',
      'não existe',
      'onbekend',
      'bestaat niet',
      'nie istnieje',
      'neexistuje',
      'bulunamadı',
      'не существует',
      'не найден\\p{L}*',
      'неизвестн\\p{L}*',
    ),
  ],
  [
    'full',
    words(
      'is full',
      'was full',
      'are full',
      'full mailbox',
      'over ?quota',
      'quota (usage )?(exceeded|full)',
      'exceed\\p{L}* (its |their |the |his |her )?(disk space|storage|quota|mailbox size|space)',
      '(space|storage) (is )?not enough',
      'not enough (disk |storage )?space',
      'insufficient (disk |storage )?(space|storage)',
      'out of (storage|space)',
      'agotad[oa]',
      'voll',
      'plein',
      'pleine',
      'lleno',
      'piena',
      'cheia',
      'vol',
      'pełna',
      'plná',
      'dolu',
      'переполнен\\p{L}*',
    ),
  ],
  [
    'inactive',
    words(
      'suspended',
      'disabled',
      'deactivated',
      'inactive',
      'locked',
      'frozen',
      'closed',
      'terminated',
      'expired account',
      'account expired',
      'has expired',
      'ha expirado',
      'falta de uso',
      'not been (collected|accessed|used|read)',
      'no longer (active|in use)',
      'dormant',
      'gesperrt',
      'deaktiviert',
      'd[eé]sactiv[eé]e?',
      'bloqu[eé]e? temporairement',
      'desactivad[oa]',
      'disattivat[oa]',
      'zablokowan\\p{L}*',
      'заблокирован\\p{L}*',
    ),
  ],
  [
    'size',
    words(
      'too (large|big)',
      'size limit',
      'maximum (\\p{L}+ )?(message )?size',
      'message size',
      'size exceeds',
      'exceeds? the (maximum|max|size)',
    ),
  ],
  [
    'limit',
    words(
      'too many',
      'limit (reached|exceeded|hit)',
      'limit of',
      'limits? (has|have) been (reached|exceeded)',
      'rate[- ]limit\\w*',
      'frequency',
      'throttl\\w*',
      'sending quota',
      'send limit',
      'volume',
    ),
  ],
  [
    'refused',
    words(
      'not allowed',
      'disallowed',
      'not permitted',
      'denied',
      'refused',
      'prohibited',
      'restricted',
      'not authori[sz]ed',
      'unauthori[sz]ed',
      'forbidden',
      'blocked',
      'banned',
      'black-?listed',
      'block-?listed',
      'not accepted',
      'abgelehnt',
      'nicht erlaubt',
      'refus[eé]e?',
      'interdit',
      'rechazad[oa]',
      'bloqueado',
      'rifiutat[oa]',
      'odrzucon\\p{L}*',
      'отклонен\\p{L}*',
    ),
  ],
  [
    'unavailable',
    words(
      'unavailable',
      'not available',
      'timed? ?out',
      'unreachable',
      'could not connect',
      'couldn.t connect',
      'can.?t connect',
      'cannot connect',
      'failed to connect',
      'unable to connect',
      'connection (failed|lost)',
      'no route',
      'did not respond',
      'not responding',
      'loop(s|ed|ing)?',
      'attempts? .{0,20}(reached|exceeded)',
      '(reached|exceeded) (the )?max\\p{L}* (number of )?(delivery |retry )?attempts',
      'no (smtp )?servers? (were |was )?available',
    ),
  ],
]

// Who it happened to. Order matters where words overlap: "from address" is the sender's before
// "address" is the recipient's.
const SUBJECTS: ReadonlyArray<readonly [Subject, RegExp]> = [
  ['relay', words('relay(ing)?')],
  [
    'sender-host',
    words('your ip', 'ip address', 'sender ip', 'sending ip', 'client host', 'your host', 'connecting host', 'ip'),
  ],
  [
    'sender',
    words(
      'sender',
      'mail from',
      'from address',
      'envelope from',
      'your (address|domain|account|server|mail server)',
      'sending (domain|account)',
      'credentials',
      'originator',
      'identit(y|ies)',
      'absender',
      'exp[eé]diteur',
      'remitente',
      'mittente',
      'nadawc\\p{L}*',
      'отправител\\p{L}*',
    ),
  ],
  ['content', words('content', 'attachments?', 'body', 'links?', 'urls?', 'file type')],
  ['message', words('message', 'header', 'nachricht', 'wiadomość', 'сообщение')],
  [
    'recipient',
    words(
      'recipients?',
      'rcpt',
      'addressee',
      'address',
      'mailbox',
      'user',
      'inbox',
      'account',
      'destination',
      'forward path',
      'empf[aä]nger',
      'postfach',
      'destinataire',
      'adresse',
      'e-?mail-?adres\\p{L}*',
      'adres',
      'bo[iî]te',
      'destinatario',
      'direcci[oó]n',
      'buz[oó]n',
      'casell?a',
      'casilla',
      'utente',
      'usuario',
      'utilisateur',
      'endereço',
      'caixa postal',
      'ontvanger',
      'odbiorc\\p{L}*',
      'skrzynka',
      'użytkownik',
      'adresát',
      'alıcı',
      'получател\\p{L}*',
      'пользовател\\p{L}*',
      'ящик',
      'адрес',
    ),
  ],
  ['domain', words('domain', 'hostname', 'mx', 'dom[äa]ne', 'domaine', 'dominio', 'domena', 'домен')],
  ['server', words('server', 'system', 'service', 'mta', 'queue', 'servers')],
]

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
  table: ReadonlyArray<readonly [K, RegExp]>,
  clause: string,
  offset: number,
): Array<Found & { kind: K }> {
  const found: Array<Found & { kind: K }> = []
  for (const [kind, pattern] of table) {
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
      return subject === 'recipient' && !/\bmessage\b/.test(clause) ? 'mailboxfull' : 'emailtoolarge'
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
      if (subject === 'content') return 'contenterror'
      if (subject === 'recipient' || subject === 'message') return 'filtered'
      return 'rejected'
    case 'unavailable':
      return subject === 'recipient' ? null : 'networkerror'
  }
}

const CLAUSE_BREAK = /[.;:!?\n]+\s|\s-\s|\n/g

/** Reads the most telling subject–predicate pair of the text, or `null` when none reads clearly. */
export function readClauses(lower: string): ClauseReading | null {
  let best: { reading: ClauseReading; rank: number } | null = null
  let clauseStart = 0
  const breaks = [...lower.matchAll(CLAUSE_BREAK)].map((m) => m.index)
  breaks.push(lower.length)
  for (const clauseEnd of breaks) {
    const clause = lower.slice(clauseStart, clauseEnd)
    const predicates = allMatches(PREDICATES, clause, clauseStart)
    if (predicates.length > 0) {
      const subjects = allMatches(SUBJECTS, clause, clauseStart)
      for (const predicate of predicates) {
        const rank = PREDICATES.findIndex(([kind]) => kind === predicate.kind)
        if (best !== null && rank >= best.rank) continue
        // "No mailbox found" carries its subject inside the denial itself.
        const subject =
          nearestSubject(predicate, subjects) ??
          (predicate.kind === 'unknown'
            ? (subjects.find((s) => s.start >= predicate.start && s.end <= predicate.end) ?? null)
            : null)
        // "Mail from 192.0.2.1 not allowed": a sender named by its IP address is the sending host.
        const who = subject?.kind === 'sender' && IP_LITERAL.test(clause) ? 'sender-host' : (subject?.kind ?? null)
        const reason = readingOf(predicate.kind, who, lower, clause)
        if (reason === null) continue
        const rule = who === null ? `clause:${predicate.kind}` : `clause:${who}-${predicate.kind}`
        const start = Math.min(predicate.start, subject?.start ?? predicate.start)
        const end = Math.max(predicate.end, subject?.end ?? predicate.end)
        best = { reading: { reason, rule, start, end }, rank }
      }
    }
    clauseStart = clauseEnd
  }
  return best?.reading ?? null
}
