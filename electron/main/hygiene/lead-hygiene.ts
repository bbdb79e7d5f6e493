/**
 * Address hygiene for the leads of a database: each distinct domain is judged once in JavaScript
 * (`checkDomain`), the per-address part (role names, misplaced dots) by SQLite over the new leads
 * in one statement, so an import pays for its new domains and one pass over its new leads.
 */
import { bitsOf, createHygieneStore, type DomainCount, type DomainRow } from '../db/hygiene-store'
import type { Db } from '../db/open'
import { checkDomain, ROLE_LOCAL_PARTS } from './address'

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
 * Works out the findings of every lead not yet checked: those added since the last pass and
 * those whose address changed. Runs inside the caller's transaction.
 */
export function updateHygiene(db: Db, version: number = HYGIENE_VERSION): HygieneUpdate {
  const store = createHygieneStore(db)
  const { version: storedVersion, checkedThrough } = store.state()
  const top = store.maxLeadId()
  const rechecks = store.pendingRechecks()
  if (top <= checkedThrough && rechecks === 0) return { leads: 0, domains: 0 }

  const leads = store.leadCount()
  const fresh = top - checkedThrough
  let counts: DomainCount[] | null = null
  let newDomains: string[]
  if (fresh * 10 > leads) {
    // Many new leads (a first import): one walk of the domain index gives the new domains and the counts.
    counts = store.domainCounts()
    const fromRange = counts.filter((count) => count.seen === 0 && count.top > checkedThrough).map((c) => c.domain)
    newDomains = rechecks === 0 ? fromRange : [...new Set([...fromRange, ...store.newDomains(top)])]
  } else {
    newDomains = store.newDomains(checkedThrough)
    // The counts only matter for judging new domains.
    if (newDomains.length > 0) counts = store.domainCounts()
  }
  const known = counts === null ? [] : knownDomainsOf(counts, leads)
  if (counts !== null) store.clearTyposOf(new Set(known))

  const rows: DomainRow[] = newDomains.map((domain) => {
    const finding = checkDomain(domain, { knownDomains: known })
    return {
      domain,
      registrableDomain: finding.registrableDomain,
      flags: bitsOf(finding.flags),
      suggestedDomain: finding.suggestedDomain,
    }
  })
  store.saveDomains(rows)
  store.writeLeadFindings('above', checkedThrough, ROLE_LOCAL_PARTS)
  if (rechecks > 0) store.writeLeadFindings('recheck', 0, ROLE_LOCAL_PARTS)
  // From the first lead on, every finding is of this version; otherwise the stored one stands.
  store.finish(checkedThrough === 0 ? version : storedVersion, top)
  return { leads: fresh + rechecks, domains: rows.length }
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
