/**
 * Address hygiene: for one e-mail address, the problems a marketer can act on before the next send —
 * a likely typo in the domain (with the address it probably meant), a role mailbox (info@, sales@),
 * a throwaway domain, or an address that is not an address at all.
 *
 * This lives under main/, not shared/: shared/ may import no packages (lint:deps), and the disposable
 * domain list alone is 2.4 MB of JSON, too big for the renderer bundle. The renderer gets the findings
 * from the database instead.
 */
import { createRequire } from 'node:module'
import spellChecker from '@zootools/email-spell-checker'
import roleLocalParts from 'role-based-email-addresses'
import { parse } from 'tldts'

export type HygieneFlag = 'malformed' | 'typo' | 'role' | 'disposable'

export interface HygieneFinding {
  /** The address as given, trimmed of nothing: spaces are a finding. */
  email: string
  /** The domain a person registered (mail.acme.co.uk → acme.co.uk, Public Suffix List); null when malformed. */
  registrableDomain: string | null
  flags: HygieneFlag[]
  /** For a typo: the whole address with the domain it probably meant. */
  suggestion: string | null
  /** Why the address is malformed, in plain words; null otherwise. */
  malformedReason: string | null
}

export interface HygieneOptions {
  /**
   * Domains this database already sees often. They are never called typos themselves (a company's
   * own domain that looks like a webmail one), and are offered as corrections too.
   */
  knownDomains?: readonly string[]
}

const ROLES: ReadonlySet<string> = new Set(roleLocalParts.map((r) => r.toLowerCase()))

/**
 * The disposable lists are JSON files. They are read with `require` on first use rather than imported:
 * electron-vite leaves packages outside the bundle, and a bundled `import … from '….json'` loses its
 * `with { type: 'json' }`, which Node and Electron refuse at start-up (the built main process and import
 * worker would not load). Reading them on first use also spares every process that never checks a
 * domain (the CLI's other commands, a settings change) 2.4 MB of JSON.
 */
interface DisposableLists {
  domains: ReadonlySet<string>
  parents: ReadonlySet<string>
}
let disposableLists: DisposableLists | null = null

function disposable(): DisposableLists {
  if (disposableLists === null) {
    const load = createRequire(import.meta.url)
    disposableLists = {
      domains: new Set(load('disposable-email-domains') as readonly string[]),
      parents: new Set(load('disposable-email-domains/wildcard.json') as readonly string[]),
    }
  }
  return disposableLists
}

/** Optimal string alignment distance: a swapped pair of letters (gmial) counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[] = new Array<number>(rows * cols).fill(0)
  for (let i = 0; i < rows; i++) d[i * cols] = i
  for (let j = 0; j < cols; j++) d[j] = j
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, at(i - 2, j - 2) + 1)
      }
      d[i * cols + j] = v
    }
  }
  return at(rows - 1, cols - 1)
}

function malformedReason(email: string): string | null {
  if (email.length === 0) return 'The address is empty.'
  if (/\s/.test(email)) return 'The address contains a space.'
  const at = email.split('@').length - 1
  if (at === 0) return 'The address has no @.'
  if (at > 1) return 'The address has more than one @.'
  const [local, domain] = email.split('@') as [string, string]
  if (local.length === 0) return 'Nothing comes before the @.'
  if (domain.length === 0) return 'Nothing comes after the @.'
  if (!domain.includes('.')) return 'The domain has no dot (like example.com).'
  if (domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) return 'The domain has a misplaced dot.'
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return 'The part before the @ has a misplaced dot.'
  return null
}

export function isDisposableDomain(domain: string): boolean {
  const { domains, parents } = disposable()
  if (domains.has(domain)) return true
  // The wildcard list names domains whose every subdomain is throwaway too.
  for (let i = domain.indexOf('.'); i !== -1; i = domain.indexOf('.', i + 1)) {
    if (parents.has(domain.slice(i + 1))) return true
  }
  return parents.has(domain)
}

/** True when `a` can be turned into `b` with at most `max` edits (OSA); stops early, most pairs after a few letters. */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false
  // A shared beginning and ending cost nothing (gmail.com / gmial.com differ only in "ai"/"ia"),
  // so only the middles are compared: most pairs are settled by these two loops alone.
  let start = 0
  const shorter = Math.min(a.length, b.length)
  while (start < shorter && a.charCodeAt(start) === b.charCodeAt(start)) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--
    endB--
  }
  if (endA - start <= max && endB - start <= max) return true
  return editDistanceBounded(a.slice(start, endA), b.slice(start, endB), max) <= max
}

// Three rows of the bounded distance, reused: this runs for every domain against every candidate.
let rowBefore = new Int32Array(64)
let rowPrevious = new Int32Array(64)
let rowCurrent = new Int32Array(64)

/** A row's value; outside the band, `far`. (Not a closure: tsx wraps every closure made in a hot loop.) */
function cell(values: Int32Array, index: number, far: number): number {
  return values[index] ?? far
}

/**
 * `editDistance`, computed only along the diagonal band a result of at most `max` can use, and cut
 * short once every path costs more (then returns max + 1).
 */
function editDistanceBounded(a: string, b: string, max: number): number {
  const cols = b.length + 1
  if (rowCurrent.length < cols + 1) {
    rowBefore = new Int32Array(cols * 2)
    rowPrevious = new Int32Array(cols * 2)
    rowCurrent = new Int32Array(cols * 2)
  }
  const far = max + 1
  let before = rowBefore
  let previous = rowPrevious
  let row = rowCurrent
  for (let j = 0; j < cols; j++) previous[j] = j
  previous[cols] = far
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max)
    const hi = Math.min(cols - 1, i + max)
    row[lo - 1] = lo === 1 ? i : far
    row[hi + 1] = far
    let best = lo === 1 ? i : far
    const ai = a.charCodeAt(i - 1)
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1)
      let v = Math.min(
        cell(previous, j, far) + 1,
        cell(row, j - 1, far) + 1,
        cell(previous, j - 1, far) + (ai === bj ? 0 : 1),
      )
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, cell(before, j - 2, far) + 1)
      }
      row[j] = v
      if (v < best) best = v
    }
    if (best > max) return far
    const spare = before
    before = previous
    previous = row
    row = spare
  }
  return Math.min(cell(previous, cols - 1, far), far)
}

const LIBRARY_DOMAINS: readonly string[] = spellChecker.POPULAR_DOMAINS
const LIBRARY_TLDS: readonly string[] = spellChecker.POPULAR_TLDS
// The library's default second-level names (DEFAULT_CONFIG.secondLevelDomains, not exported by its
// entry point): the part before the first dot that it corrects on its own.
const LIBRARY_SECOND_LEVEL: readonly string[] = ['yahoo', 'hotmail', 'mail', 'live', 'outlook']

/**
 * The candidates the spell checker's answer could come from, and whether asking it is worth it:
 * only an answer within two edits survives `typoDomain`'s filter. Worked out first because the
 * library compares every candidate in full: about 70 µs a domain, which on a first import with
 * 20,000 company domains would cost more than the import's 5 % budget. A suggestion is a
 * candidate domain, or the domain with its first label or its ending swapped for one of the
 * library's; each must lie within two edits, which most domains are nowhere near.
 */
function typoCandidates(domain: string, candidates: Candidates): { near: string[]; worthAsking: boolean } {
  const near: string[] = []
  // Only candidates at most two letters longer or shorter can be within two edits.
  for (let length = domain.length - 2; length <= domain.length + 2; length++) {
    for (const candidate of candidates.byLength.get(length) ?? NONE) {
      if (withinEdits(domain, candidate, 2) && !digitsDiffer(domain, candidate)) near.push(candidate)
    }
  }
  // In the candidates' own order, as the library would have met them (it keeps the first of equals).
  if (near.length > 0) return { near: near.sort((a, b) => candidates.rank(a) - candidates.rank(b)), worthAsking: true }
  const dot = domain.indexOf('.')
  const first = domain.slice(0, dot)
  if (LIBRARY_SECOND_LEVEL.some((name) => withinEdits(first, name, 2))) return { near, worthAsking: true }
  return { near, worthAsking: endingLooksMistyped(domain.slice(dot + 1)) }
}

const NONE: readonly string[] = []

// Endings are few (com, co.uk, de …) and repeat across thousands of domains: each is judged once.
const endingVerdicts = new Map<string, boolean>()
const MAX_ENDINGS = 10_000

/** An ending that is not one of the library's but lies within two edits of one (con, cmo, co.uj). */
function endingLooksMistyped(ending: string): boolean {
  let verdict = endingVerdicts.get(ending)
  if (verdict === undefined) {
    verdict = !LIBRARY_TLD_SET.has(ending) && LIBRARY_TLDS.some((tld) => withinEdits(ending, tld, 2))
    if (endingVerdicts.size >= MAX_ENDINGS) endingVerdicts.clear()
    endingVerdicts.set(ending, verdict)
  }
  return verdict
}

interface Candidates {
  /** The typo candidates, by length. */
  byLength: ReadonlyMap<number, readonly string[]>
  /** A candidate's place in the list the library would be given. */
  rank(domain: string): number
  /** The database's own frequent domains: never typos themselves. */
  known: ReadonlySet<string>
}

function candidatesOf(domains: readonly string[], known: readonly string[]): Candidates {
  const byLength = new Map<number, string[]>()
  const ranks = new Map<string, number>()
  for (const domain of domains) {
    if (ranks.has(domain)) continue
    ranks.set(domain, ranks.size)
    const same = byLength.get(domain.length)
    if (same) same.push(domain)
    else byLength.set(domain.length, [domain])
  }
  return { byLength, rank: (domain) => ranks.get(domain) ?? 0, known: new Set(known) }
}

const LIBRARY_TLD_SET: ReadonlySet<string> = new Set(LIBRARY_TLDS)
const LIBRARY_CANDIDATES = candidatesOf(LIBRARY_DOMAINS, [])

// The candidates for one list of known domains, kept while a caller passes the same list (an
// import judges all its new domains against one list).
let lastKnown: readonly string[] | null = null
let lastCandidates: Candidates = LIBRARY_CANDIDATES

function candidatesFor(known: readonly string[]): Candidates {
  if (known.length === 0) return LIBRARY_CANDIDATES
  if (known !== lastKnown) {
    lastKnown = known
    lastCandidates = candidatesOf([...LIBRARY_DOMAINS, ...known], known)
  }
  return lastCandidates
}

/** Company domains that differ only in a number (shop1.com, shop2.com) are different companies. */
function digitsDiffer(a: string, b: string): boolean {
  const digitsA = a.replace(/\D/g, '')
  const digitsB = b.replace(/\D/g, '')
  return digitsA !== '' && digitsB !== '' && digitsA !== digitsB
}

/**
 * A typo suggestion for a domain, or null. The spell checker alone is too eager (acme.com →
 * me.com), so a suggestion is kept only when it is a small edit of the domain: one edit for short
 * names, two from six letters on, and never a change that leaves fewer than four letters before
 * the suffix.
 */
function typoDomain(domain: string, candidates: Candidates): string | null {
  const { near, worthAsking } = typoCandidates(domain, candidates)
  if (!worthAsking) return null
  // Only the near candidates: the library's answer is one of them or a swapped first label or
  // ending. A looser threshold than its default: the edit-distance check below is the real filter.
  const s = spellChecker.run({ email: `x@${domain}`, domains: near, domainThreshold: 3 })
  if (!s || s.domain === domain) return null
  const ownName = parse(domain).domainWithoutSuffix ?? domain
  const theirName = parse(s.domain).domainWithoutSuffix ?? s.domain
  if (theirName.length < 4) return null
  const allowed = ownName.length >= 6 ? 2 : 1
  if (editDistance(domain, s.domain) > allowed) return null
  if (digitsDiffer(domain, s.domain)) return null
  return s.domain
}

/** What a domain alone says, shared by every address at it (the import works out each domain once). */
export interface DomainFinding {
  registrableDomain: string | null
  /** Of `typo`, `disposable`, `malformed`. */
  flags: HygieneFlag[]
  /** The domain it probably meant, for a typo. */
  suggestedDomain: string | null
  malformedReason: string | null
}

const NOT_REGISTRABLE = 'The domain is not one anybody can register (check the ending, like .com).'

/** The findings of a lower-case domain taken from an address that has the shape of one. */
export function checkDomain(domain: string, options: HygieneOptions = {}): DomainFinding {
  if (!domain.includes('.')) {
    return {
      registrableDomain: null,
      flags: ['malformed'],
      suggestedDomain: null,
      malformedReason: 'The domain has no dot (like example.com).',
    }
  }
  if (domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) {
    return {
      registrableDomain: null,
      flags: ['malformed'],
      suggestedDomain: null,
      malformedReason: 'The domain has a misplaced dot.',
    }
  }
  const parsed = parse(domain)
  if (!parsed.domain || parsed.isIp) {
    return { registrableDomain: null, flags: ['malformed'], suggestedDomain: null, malformedReason: NOT_REGISTRABLE }
  }
  const flags: HygieneFlag[] = []
  const candidates = candidatesFor(options.knownDomains ?? [])
  let suggestedDomain: string | null = null
  if (!candidates.known.has(domain) && !candidates.known.has(parsed.domain)) {
    suggestedDomain = typoDomain(domain, candidates)
    if (suggestedDomain) flags.push('typo')
  }
  if (isDisposableDomain(domain)) flags.push('disposable')
  return { registrableDomain: parsed.domain, flags, suggestedDomain, malformedReason: null }
}

/** A role mailbox's name (info, sales, noreply …), ignoring a +tag. */
export function isRoleLocalPart(local: string): boolean {
  const lower = local.toLowerCase()
  const plus = lower.indexOf('+')
  return ROLES.has(plus === -1 ? lower : lower.slice(0, plus))
}

/** The role names, for the database to match addresses against in one statement. */
export const ROLE_LOCAL_PARTS: readonly string[] = [...ROLES]

export function checkAddress(rawEmail: string, options: HygieneOptions = {}): HygieneFinding {
  const reason = malformedReason(rawEmail)
  const email = rawEmail
  if (reason) return { email, registrableDomain: null, flags: ['malformed'], suggestion: null, malformedReason: reason }
  const lower = email.toLowerCase()
  const at = lower.indexOf('@')
  const local = lower.slice(0, at)
  const domainFinding = checkDomain(lower.slice(at + 1), options)
  if (domainFinding.flags.includes('malformed')) {
    return {
      email,
      registrableDomain: null,
      flags: ['malformed'],
      suggestion: null,
      malformedReason: domainFinding.malformedReason,
    }
  }
  const flags: HygieneFlag[] = domainFinding.flags.filter((flag) => flag === 'typo')
  if (isRoleLocalPart(local)) flags.push('role')
  if (domainFinding.flags.includes('disposable')) flags.push('disposable')
  const suggestion = domainFinding.suggestedDomain === null ? null : `${local}@${domainFinding.suggestedDomain}`
  return { email, registrableDomain: domainFinding.registrableDomain, flags, suggestion, malformedReason: null }
}
