/**
 * Address hygiene for the leads of a database: each distinct domain is judged once in JavaScript
 * (`checkDomain`) and stored only when it has a finding or a registrable domain of another name;
 * role names are range seeks on the address index; misplaced dots come from the import's own
 * look at each address (`AddressCollector`), or one pass over the new leads without it. An
 * import pays for its new domains and a few thousand seeks, not a pass over its leads.
 */
import { bitsOf, createHygieneStore, type DomainCount, type DomainRow, type HygieneStore } from '../db/hygiene-store'
import type { Db } from '../db/open'
import { detach } from '../../shared/detach'
import { checkDomain, isRoleLocalPart, ROLE_LOCAL_PARTS } from './address'

/**
 * Raised when the rules or the libraries' lists change in a way worth redoing stored findings for;
 * a database with findings of another version is worked out again behind the maintenance notice.
 */
export const HYGIENE_VERSION = 1

/** The database's own frequent domains join the spell checker's candidates (and are never typos). */
const KNOWN_DOMAINS = 100
/** A domain is "seen often" with this many leads, or one in a thousand of the database's leads. */
const MIN_KNOWN_LEADS = 20

/** The domains this database sees often, most leads first. */
export function knownDomainsOf(counts: readonly DomainCount[], leads: number): string[] {
  const floor = Math.max(MIN_KNOWN_LEADS, Math.ceil(leads / 1000))
  return counts
    .filter((count) => count.n >= floor)
    .sort((a, b) => b.n - a.n || a.domain.localeCompare(b.domain))
    .slice(0, KNOWN_DOMAINS)
    .map((count) => count.domain)
}

export interface HygieneUpdate {
  /** Leads looked at (new or with a changed address). */
  leads: number
  /** Domains judged for the first time. */
  domains: number
}

/**
 * Shown every address an import keeps while the row is in hand (the import's after-import
 * seam), it gathers what the pass would otherwise read back from the table: the domains with
 * their rows, and the rare addresses with a misplaced dot before the @.
 */
export class AddressCollector {
  /** The highest lead id when the import began: leads above it are the import's own. */
  readonly leadsBefore: number
  readonly domains = new Map<string, number>()
  readonly oddAddresses: string[] = []
  rows = 0

  constructor(db: Db) {
    this.leadsBefore = createHygieneStore(db).maxLeadId()
  }

  row(email: string, domain: string): void {
    this.rows++
    const n = this.domains.get(domain)
    // A new key is copied out of the address, so the map does not keep every address alive.
    if (n === undefined) this.domains.set(detach(domain), 1)
    else this.domains.set(domain, n + 1)
    if (misplacedLocalDot(email)) this.oddAddresses.push(detach(email))
  }
}

/** '.' is 46: first before the @, last before it, or two in a row (two in the domain are a domain finding). */
function misplacedLocalDot(email: string): boolean {
  return email.charCodeAt(0) === 46 || email.includes('.@') || email.includes('..')
}

/** What the part before the @ says: a misplaced dot outweighs a role name, as `checkAddress` answers. */
function localFinding(email: string): 'role' | 'malformed' | null {
  if (misplacedLocalDot(email)) return 'malformed'
  return isRoleLocalPart(email.slice(0, email.lastIndexOf('@'))) ? 'role' : null
}

/** The domains of the leads above the mark not judged yet, and the frequent domains to compare them with. */
interface DomainsToJudge {
  fresh: string[]
  known: string[]
}

/**
 * From what the import saw. Exact only when every lead above the mark is the import's own; the
 * frequent domains are then the import's (a weekly export of the same list sees the same ones).
 */
function domainsSeen(store: HygieneStore, seen: AddressCollector, from: number): DomainsToJudge {
  const counts = [...seen.domains].map(([domain, n]) => ({ domain, n }))
  const newLeads = store.maxLeadId() - from
  // The first import of a database: every domain is new, and none needs looking up. Otherwise
  // whichever is fewer: the import's domains looked up one by one, or its new leads read back.
  const fresh =
    from === 0
      ? [...seen.domains.keys()]
      : seen.domains.size < newLeads
        ? [...seen.domains.keys()].filter((domain) => !store.judged(domain, from))
        : store.newDomains(from)
  return { fresh, known: knownDomainsOf(counts, seen.rows) }
}

/** From the table, for a pass without an import (the one-time pass, a readdressed lead). */
function domainsInTable(store: HygieneStore, from: number): DomainsToJudge {
  const leads = store.leadCount()
  const top = store.maxLeadId()
  if ((top - from) * 10 > leads) {
    // Many new leads: one walk of the domain index gives the new domains and the counts.
    const walk = store.domainWalk(from)
    return { fresh: walk.fresh, known: knownDomainsOf(walk.counts, leads) }
  }
  const fresh = store.newDomains(from)
  // The counts only matter for judging new domains.
  return { fresh, known: fresh.length === 0 ? [] : knownDomainsOf(store.domainWalk(from).counts, leads) }
}

/**
 * Works out the findings of every lead not yet checked: those added since the last pass and
 * those whose address changed. Runs inside the caller's transaction. `seen`: what the import
 * that wrote the leads collected, used when every lead above the mark is that import's.
 */
export function updateHygiene(db: Db, version: number = HYGIENE_VERSION, seen?: AddressCollector): HygieneUpdate {
  const store = createHygieneStore(db)
  const { version: storedVersion, checkedThrough } = store.state()
  const top = store.maxLeadId()
  const rechecks = store.pendingRechecks()
  if (top <= checkedThrough && rechecks === 0) return { leads: 0, domains: 0 }

  const own = seen !== undefined && seen.leadsBefore <= checkedThrough ? seen : undefined
  const { fresh, known } = own ? domainsSeen(store, own, checkedThrough) : domainsInTable(store, checkedThrough)
  if (known.length > 0) store.clearTyposOf(new Set(known))
  // A readdressed lead's domain is judged again: the lead at or below the mark that made it
  // look judged may be that lead itself.
  const toJudge = rechecks === 0 ? fresh : [...new Set([...fresh, ...store.recheckDomains()])]

  const rows: DomainRow[] = toJudge.map((domain) => {
    const finding = checkDomain(domain, { knownDomains: known })
    return {
      domain,
      registrableDomain: finding.registrableDomain,
      flags: bitsOf(finding.flags),
      suggestedDomain: finding.suggestedDomain,
    }
  })
  store.saveDomains(rows)
  store.writeLeadFindings(checkedThrough, ROLE_LOCAL_PARTS, own?.oddAddresses)
  if (rechecks > 0) store.writeRecheckFindings(localFinding)
  // From the first lead on, every finding is of this version; otherwise the stored one stands.
  store.finish(checkedThrough === 0 ? version : storedVersion, top)
  return { leads: top - checkedThrough + rechecks, domains: rows.length }
}

/** True when the database has leads whose findings are missing or of another version. */
export function hygieneBackfillNeeded(db: Db, version: number = HYGIENE_VERSION): boolean {
  const store = createHygieneStore(db)
  return store.state().version !== version && store.maxLeadId() > 0
}

/**
 * Once for a database from before the findings existed (or of another version): forgets what is
 * stored and works out every lead, in one transaction. About a second per million leads.
 */
export function backfillHygiene(db: Db, version: number = HYGIENE_VERSION): HygieneUpdate {
  if (!hygieneBackfillNeeded(db, version)) return { leads: 0, domains: 0 }
  return db.transaction(() => {
    createHygieneStore(db).reset()
    return updateHygiene(db, version)
  })()
}
