/**
 * Address hygiene for the leads of a database: each distinct domain is judged once in JavaScript
 * (`checkDomain`) and stored only when it has a finding or a registrable domain of another name;
 * role names are range seeks on the address index; misplaced dots come from the import's own
 * look at each address (`AddressCollector`), or one pass over the new leads without it. An
 * import pays for its new domains, a walk of the domain index and a few thousand seeks.
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
 * seam), it keeps the rare addresses with a misplaced dot before the @: the pass would otherwise
 * read every new address back from the table for them. Two string searches per row; counting
 * the rows per domain here as well cost more (a map lookup per row, about 1 µs in the import)
 * than one walk of the domain index at the end.
 */
export class AddressCollector {
  /** The highest lead id when the import began: leads above it are the import's own. */
  readonly leadsBefore: number
  readonly oddAddresses: string[] = []

  constructor(db: Db) {
    this.leadsBefore = createHygieneStore(db).maxLeadId()
  }

  row(email: string): void {
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

/** From the table: the domain index walked once when many leads are new (a first import). */
function domainsToJudge(store: HygieneStore, from: number): DomainsToJudge {
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

  // What the import saw covers every lead above the mark only if they are all its own.
  const own = seen !== undefined && seen.leadsBefore <= checkedThrough ? seen : undefined
  const { fresh, known } = domainsToJudge(store, checkedThrough)
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
