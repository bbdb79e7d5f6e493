/**
 * Address hygiene: for one e-mail address, the problems a marketer can act on before the next send —
 * a likely typo in the domain (with the address it probably meant), a role mailbox (info@, sales@),
 * a throwaway domain, or an address that is not an address at all.
 *
 * This lives under main/, not shared/: shared/ may import no packages (lint:deps), and the disposable
 * domain list alone is 2.4 MB of JSON, too big for the renderer bundle. The renderer gets the findings
 * from the database instead.
 */
import spellChecker from '@zootools/email-spell-checker'
import roleLocalParts from 'role-based-email-addresses'
import disposableList from 'disposable-email-domains'
import disposableWildcards from 'disposable-email-domains/wildcard.json'
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
const DISPOSABLE: ReadonlySet<string> = new Set(disposableList as readonly string[])
const DISPOSABLE_PARENTS: ReadonlySet<string> = new Set(disposableWildcards as readonly string[])

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
  if (DISPOSABLE.has(domain)) return true
  // The wildcard list names domains whose every subdomain is throwaway too.
  for (let i = domain.indexOf('.'); i !== -1; i = domain.indexOf('.', i + 1)) {
    if (DISPOSABLE_PARENTS.has(domain.slice(i + 1))) return true
  }
  return DISPOSABLE_PARENTS.has(domain)
}

/**
 * A typo suggestion, or null. The spell checker alone is too eager (acme.com → me.com), so a
 * suggestion is kept only when it is a small edit of the domain: one edit for short names, two from
 * six letters on, and never a change that leaves fewer than four letters before the suffix.
 */
function typoSuggestion(email: string, domain: string, known: readonly string[]): string | null {
  // A looser threshold than the library's default: the edit-distance check below is the real filter.
  const s = spellChecker.run({ email, domains: [...spellChecker.POPULAR_DOMAINS, ...known], domainThreshold: 3 })
  if (!s || s.domain === domain) return null
  const ownName = parse(domain).domainWithoutSuffix ?? domain
  const theirName = parse(s.domain).domainWithoutSuffix ?? s.domain
  if (theirName.length < 4) return null
  const allowed = ownName.length >= 6 ? 2 : 1
  if (editDistance(domain, s.domain) > allowed) return null
  return s.full
}

export function checkAddress(rawEmail: string, options: HygieneOptions = {}): HygieneFinding {
  const reason = malformedReason(rawEmail)
  const email = rawEmail
  if (reason) return { email, registrableDomain: null, flags: ['malformed'], suggestion: null, malformedReason: reason }
  const lower = email.toLowerCase()
  const at = lower.indexOf('@')
  const local = lower.slice(0, at)
  const domain = lower.slice(at + 1)
  const parsed = parse(domain)
  if (!parsed.domain || parsed.isIp) {
    return {
      email,
      registrableDomain: null,
      flags: ['malformed'],
      suggestion: null,
      malformedReason: 'The domain is not one anybody can register (check the ending, like .com).',
    }
  }
  const flags: HygieneFlag[] = []
  const known = options.knownDomains ?? []
  let suggestion: string | null = null
  if (!known.includes(domain) && !known.includes(parsed.domain)) {
    suggestion = typoSuggestion(lower, domain, known)
    if (suggestion) flags.push('typo')
  }
  const plus = local.indexOf('+')
  const localBase = plus === -1 ? local : local.slice(0, plus)
  if (ROLES.has(localBase)) flags.push('role')
  if (isDisposableDomain(domain)) flags.push('disposable')
  return { email, registrableDomain: parsed.domain, flags, suggestion, malformedReason: null }
}
