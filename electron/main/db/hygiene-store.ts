import type { Db } from './open'

/**
 * The SQL of address hygiene (tables from migration 0090). The findings themselves are worked out
 * in main/hygiene/; this module stores them and reads them back.
 */

/** Bits of `hygiene_domains.flags` and `lead_hygiene.flags`. */
export const HYGIENE_BITS = { typo: 1, role: 2, disposable: 4, malformed: 8 } as const
export type HygieneFlagName = keyof typeof HYGIENE_BITS
export const HYGIENE_FLAG_NAMES: readonly HygieneFlagName[] = ['typo', 'role', 'disposable', 'malformed']

export function flagsOf(bits: number): HygieneFlagName[] {
  return HYGIENE_FLAG_NAMES.filter((name) => (bits & HYGIENE_BITS[name]) !== 0)
}

export function bitsOf(flags: readonly HygieneFlagName[]): number {
  return flags.reduce((bits, flag) => bits | HYGIENE_BITS[flag], 0)
}

export interface DomainRow {
  domain: string
  registrableDomain: string | null
  flags: number
  suggestedDomain: string | null
}

export interface DomainCount {
  domain: string
  n: number
}

/** A domain's leads counted over the whole table, and whether the domain was judged before. */
interface DomainWalkRow extends DomainCount {
  /** The highest lead id at the domain: above the checked mark means a lead there is new. */
  top: number
  /** The lowest: at or below the mark means the domain was judged (its leads there were checked). */
  low: number
}

/**
 * Whether a judged domain needs a row: one whose registrable domain is itself and that has no
 * finding (most company domains) says nothing a reader cannot work out from its absence.
 */
export function worthStoring(row: DomainRow): boolean {
  return row.flags !== 0 || row.registrableDomain !== row.domain
}

/**
 * The registrable domain of `leads AS l` through `hygiene_domains AS d` joined on the domain:
 * no row means the domain is its own registrable domain (see `worthStoring`).
 */
export const REGISTRABLE_OF_LEAD = `CASE WHEN d.domain IS NULL THEN l.domain ELSE d.registrable_domain END`

/**
 * Leads at a flagged domain take its flags and, for a typo, the address with the domain it
 * probably meant. The joins are written in the order to run them (CROSS JOIN keeps it): from the
 * few flagged domains to their new leads, or from the few readdressed leads to their domain;
 * otherwise SQLite may walk every lead's domain.
 */
const DOMAIN_FINDING = `
    INSERT INTO lead_hygiene (lead_id, flags, suggestion)
    SELECT l.id, d.flags,
           CASE WHEN d.flags & ${HYGIENE_BITS.typo} THEN substr(l.email, 1, instr(l.email, '@')) || d.suggested_domain END`
const DOMAIN_FINDING_WINS = `ON CONFLICT (lead_id) DO UPDATE SET flags = excluded.flags, suggestion = excluded.suggestion`
const DOMAIN_FINDINGS_ABOVE = `${DOMAIN_FINDING}
    FROM hygiene_domains AS d CROSS JOIN leads AS l INDEXED BY leads_by_domain ON l.domain = d.domain
    WHERE d.flags != 0 AND l.id > @from
    ${DOMAIN_FINDING_WINS}`
const DOMAIN_FINDINGS_RECHECK = `${DOMAIN_FINDING}
    FROM hygiene_recheck AS r CROSS JOIN leads AS l ON l.id = r.lead_id CROSS JOIN hygiene_domains AS d ON d.domain = l.domain
    WHERE d.flags != 0
    ${DOMAIN_FINDING_WINS}`

/**
 * Role mailboxes among the leads above the mark: the part before the @ (without a +tag) is a
 * role name. Each name is two range seeks on the address index (`info@` up to `infoA`, `info+`
 * up to `info,`: '@' and '+' sort just before 'A' and ','), a few thousand seeks in all, instead
 * of reading every new address.
 */
const ROLE_FINDINGS_ABOVE = `
    INSERT INTO lead_hygiene (lead_id, flags, suggestion)
    SELECT l.id, ${HYGIENE_BITS.role}, NULL
    FROM json_each(@ranges) AS r
    JOIN leads AS l INDEXED BY leads_by_email
      ON l.email >= json_extract(r.value, '$[0]') AND l.email < json_extract(r.value, '$[1]')
    WHERE l.id > @from
    ON CONFLICT (lead_id) DO UPDATE SET flags = flags | excluded.flags`

/** A misplaced dot before the @ (first, last, or two in a row); two dots in the domain are a domain finding already. */
const MISPLACED_LOCAL_DOT = `(unicode(l.email) = 46 OR instr(l.email, '.@') > 0 OR instr(l.email, '..') > 0)`

/** A malformed address keeps only that flag, as `checkAddress` answers. */
const MALFORMED_WINS = `ON CONFLICT (lead_id) DO UPDATE SET flags = excluded.flags, suggestion = NULL`

/** Misplaced dots among the leads above the mark, read in id order (NOT INDEXED: not the whole address index). */
const DOT_FINDINGS_ABOVE = `
    INSERT INTO lead_hygiene (lead_id, flags, suggestion)
    SELECT l.id, ${HYGIENE_BITS.malformed}, NULL FROM leads AS l NOT INDEXED
    WHERE l.id > @from AND ${MISPLACED_LOCAL_DOT}
    ${MALFORMED_WINS}`

/** The role names as the address ranges `roleFindingsSql` seeks. */
function roleRanges(roles: readonly string[]): string {
  return JSON.stringify(
    roles.flatMap((role) => [
      [`${role}@`, `${role}A`],
      [`${role}+`, `${role},`],
    ]),
  )
}

export function createHygieneStore(db: Db) {
  const state = db.prepare<[], { version: number; checked_through: number }>(
    'SELECT version, checked_through FROM hygiene_state WHERE id = 1',
  )
  const maxLead = db.prepare<[], { top: number }>('SELECT coalesce(max(id), 0) AS top FROM leads')
  const leadCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM leads')
  // A domain was judged when a lead at it is at or below the mark (only domains worth it have a
  // row, see worthStoring). NOT INDEXED: the new leads by id, not every lead by domain.
  const newDomainsInRange = db.prepare<{ from: number }, { domain: string }>(`
    SELECT DISTINCT l.domain FROM leads AS l NOT INDEXED
    WHERE l.id > @from
      AND NOT EXISTS (SELECT 1 FROM leads AS o INDEXED BY leads_by_domain WHERE o.domain = l.domain AND o.id <= @from)`)
  const judged = db.prepare<{ domain: string; from: number }, { one: number }>(
    'SELECT 1 AS one FROM leads INDEXED BY leads_by_domain WHERE domain = @domain AND id <= @from LIMIT 1',
  )
  const recheckDomains = db.prepare<[], { domain: string }>(
    'SELECT l.domain FROM hygiene_recheck AS r CROSS JOIN leads AS l ON l.id = r.lead_id',
  )
  // Walks the domain index once: per domain its leads, its newest and its oldest lead.
  const domainWalk = db.prepare<[], DomainWalkRow>(
    'SELECT domain, count(*) AS n, max(id) AS top, min(id) AS low FROM leads INDEXED BY leads_by_domain GROUP BY domain',
  )
  const leadsAt = db.prepare<{ email: string; from: number }, { id: number }>(
    'SELECT id FROM leads INDEXED BY leads_by_email WHERE email = @email AND id > @from',
  )
  const insertMalformed = db.prepare<{ id: number }>(`
    INSERT INTO lead_hygiene (lead_id, flags, suggestion) VALUES (@id, ${HYGIENE_BITS.malformed}, NULL)
    ${MALFORMED_WINS}`)
  const insertDomain = db.prepare<DomainRow>(`
    INSERT INTO hygiene_domains (domain, registrable_domain, flags, suggested_domain)
    VALUES (@domain, @registrableDomain, @flags, @suggestedDomain)
    ON CONFLICT (domain) DO UPDATE SET registrable_domain = excluded.registrable_domain, flags = excluded.flags,
      suggested_domain = excluded.suggested_domain`)
  const typoDomains = db.prepare<[], { domain: string }>(
    `SELECT domain FROM hygiene_domains WHERE flags & ${HYGIENE_BITS.typo}`,
  )
  const clearTypoDomain = db.prepare<[string]>(
    `UPDATE hygiene_domains SET flags = flags & ~${HYGIENE_BITS.typo}, suggested_domain = NULL WHERE domain = ?`,
  )
  const atDomain = 'lead_id IN (SELECT id FROM leads INDEXED BY leads_by_domain WHERE domain = ?)'
  const dropTypoOnlyLeads = db.prepare<[string]>(
    `DELETE FROM lead_hygiene WHERE flags = ${HYGIENE_BITS.typo} AND ${atDomain}`,
  )
  const clearTypoLeads = db.prepare<[string]>(
    `UPDATE lead_hygiene SET flags = flags & ~${HYGIENE_BITS.typo}, suggestion = NULL WHERE ${atDomain}`,
  )
  const domainFindingsAbove = db.prepare<{ from: number }>(DOMAIN_FINDINGS_ABOVE)
  const domainFindingsRecheck = db.prepare(DOMAIN_FINDINGS_RECHECK)
  const roleFindings = db.prepare(ROLE_FINDINGS_ABOVE)
  const dotFindings = db.prepare(DOT_FINDINGS_ABOVE)
  const recheckAddresses = db.prepare<[], { id: number; email: string }>(
    'SELECT l.id, l.email FROM hygiene_recheck AS r JOIN leads AS l ON l.id = r.lead_id',
  )
  const insertRole = db.prepare<{ id: number }>(`
    INSERT INTO lead_hygiene (lead_id, flags, suggestion) VALUES (@id, ${HYGIENE_BITS.role}, NULL)
    ON CONFLICT (lead_id) DO UPDATE SET flags = flags | excluded.flags`)
  let rangesOf: { roles: readonly string[]; ranges: string } | null = null
  const rangesFor = (roles: readonly string[]): string => {
    if (rangesOf?.roles !== roles) rangesOf = { roles, ranges: roleRanges(roles) }
    return rangesOf.ranges
  }
  const setState = db.prepare<{ version: number; through: number }>(
    'UPDATE hygiene_state SET version = @version, checked_through = @through WHERE id = 1',
  )

  return {
    state(): { version: number; checkedThrough: number } {
      const row = state.get()
      return { version: row?.version ?? 0, checkedThrough: row?.checked_through ?? 0 }
    },
    maxLeadId: (): number => maxLead.get()?.top ?? 0,
    leadCount: (): number => leadCount.get()?.n ?? 0,
    pendingRechecks: (): number => (db.prepare('SELECT count(*) AS n FROM hygiene_recheck').get() as { n: number }).n,
    /** Domains of leads above the mark not judged yet; cheap when few leads are new. */
    newDomains: (from: number): string[] => newDomainsInRange.all({ from }).map((row) => row.domain),
    /** True when a lead at the domain is at or below the mark, so the domain was judged. */
    judged: (domain: string, from: number): boolean => judged.get({ domain, from }) !== undefined,
    /** The domains of the leads queued because their address changed (they are judged again). */
    recheckDomains: (): string[] => [...new Set(recheckDomains.all().map((row) => row.domain))],
    /** Every domain's leads, and the domains with a lead above the mark and none at or below it. */
    domainWalk(from: number): { counts: DomainCount[]; fresh: string[] } {
      const counts: DomainCount[] = []
      const fresh: string[] = []
      for (const row of domainWalk.iterate()) {
        counts.push({ domain: row.domain, n: row.n })
        if (row.top > from && row.low > from) fresh.push(row.domain)
      }
      return { counts, fresh }
    },
    /** Stores the judged domains that need a row (`worthStoring`); returns how many. */
    saveDomains(rows: readonly DomainRow[]): number {
      let saved = 0
      for (const row of rows) {
        if (!worthStoring(row)) continue
        insertDomain.run(row)
        saved++
      }
      return saved
    },
    /** Domains once called typos that the database now sees often are not typos any more. */
    clearTyposOf(known: ReadonlySet<string>): number {
      let cleared = 0
      for (const { domain } of typoDomains.all()) {
        if (!known.has(domain)) continue
        clearTypoDomain.run(domain)
        dropTypoOnlyLeads.run(domain)
        clearTypoLeads.run(domain)
        cleared++
      }
      return cleared
    },
    /**
     * Writes the findings of the leads above the mark: their domain's, role names (`roles`, lower
     * case) and misplaced dots before the @. `oddAddresses`, when the caller saw every address
     * above the mark, are those with such a dot: each is looked up instead of reading every address.
     */
    writeLeadFindings(from: number, roles: readonly string[], oddAddresses?: readonly string[]): void {
      domainFindingsAbove.run({ from })
      roleFindings.run({ from, ranges: rangesFor(roles) })
      if (oddAddresses) {
        for (const email of oddAddresses) for (const { id } of leadsAt.all({ email, from })) insertMalformed.run({ id })
      } else {
        dotFindings.run({ from })
      }
    },
    /**
     * The leads queued because their address changed: their domain's findings, then each
     * address as `judge` reads it (they are few, so JavaScript looks at each).
     */
    writeRecheckFindings(judge: (email: string) => 'role' | 'malformed' | null): void {
      domainFindingsRecheck.run()
      for (const { id, email } of recheckAddresses.all()) {
        const finding = judge(email)
        if (finding === 'role') insertRole.run({ id })
        else if (finding === 'malformed') insertMalformed.run({ id })
      }
    },
    finish(version: number, through: number): void {
      db.exec('DELETE FROM hygiene_recheck')
      setState.run({ version, through })
    },
    /** Forgets every finding, so the next pass works everything out again. */
    reset(): void {
      db.exec('DELETE FROM lead_hygiene; DELETE FROM hygiene_domains; DELETE FROM hygiene_recheck')
      setState.run({ version: 0, through: 0 })
    },
  }
}

export type HygieneStore = ReturnType<typeof createHygieneStore>

/** One lead with at least one finding, as the CLI and the fix list read it. */
export interface StoredFinding {
  leadId: number
  marketoId: string | null
  email: string
  registrableDomain: string | null
  flags: HygieneFlagName[]
  suggestion: string | null
  /** Email Invalid in the snapshot read (false when reading every lead). */
  invalid: boolean
}

export interface HygieneCounts {
  /** Leads of the snapshot with any finding. */
  leads: number
  typo: number
  /** Typos among the leads Marketo marked Email Invalid: the ones a fix would most likely bring back. */
  typoInvalid: number
  role: number
  disposable: number
  malformed: number
}

interface FindingRow {
  lead_id: number
  marketo_id: string | null
  email: string
  registrable_domain: string | null
  flags: number
  suggestion: string | null
  invalid: number
}

/**
 * A snapshot's leads with findings: the findings are few, so each is looked up in the snapshot's
 * spans by key (its open span, else the closed span that covers the snapshot).
 */
const IN_SNAPSHOT = `
  LEFT JOIN open_spans AS o ON o.list_id = @list AND o.lead_id = h.lead_id AND o.from_seq <= @seq
  LEFT JOIN closed_spans AS c INDEXED BY closed_spans_by_lead
    ON o.lead_id IS NULL AND c.list_id = @list AND c.lead_id = h.lead_id AND c.from_seq <= @seq AND c.to_seq >= @seq`
const PRESENT = '(o.lead_id IS NOT NULL OR c.id IS NOT NULL)'

function toFinding(row: FindingRow): StoredFinding {
  return {
    leadId: row.lead_id,
    marketoId: row.marketo_id,
    email: row.email,
    registrableDomain: row.registrable_domain,
    flags: flagsOf(row.flags),
    suggestion: row.suggestion,
    invalid: row.invalid === 1,
  }
}

/** Reads of the stored findings, for one snapshot or for every lead. */
export function createHygieneQueries(db: Db) {
  const snapshot = db.prepare<[number], { list_id: number; seq: number }>(
    'SELECT list_id, seq FROM imports WHERE id = ?',
  )
  const columns = `h.lead_id, l.marketo_id, l.email, ${REGISTRABLE_OF_LEAD} AS registrable_domain, h.flags, h.suggestion`
  const everyLead = db.prepare<{ bits: number }, FindingRow>(`
    SELECT ${columns}, 0 AS invalid
    FROM lead_hygiene AS h JOIN leads AS l ON l.id = h.lead_id LEFT JOIN hygiene_domains AS d ON d.domain = l.domain
    WHERE h.flags & @bits
    ORDER BY l.email, l.id`)
  const ofSnapshot = db.prepare<{ list: number; seq: number; bits: number }, FindingRow>(`
    SELECT ${columns}, coalesce(o.email_invalid, c.email_invalid) AS invalid
    FROM lead_hygiene AS h JOIN leads AS l ON l.id = h.lead_id LEFT JOIN hygiene_domains AS d ON d.domain = l.domain
    ${IN_SNAPSHOT}
    WHERE ${PRESENT} AND h.flags & @bits
    ORDER BY l.email, l.id`)
  const countsOf = db.prepare<
    { list: number; seq: number },
    { leads: number; typo: number; typo_invalid: number; role: number; disposable: number; malformed: number }
  >(`
    SELECT count(*) AS leads,
      coalesce(sum(h.flags & ${HYGIENE_BITS.typo} != 0), 0) AS typo,
      coalesce(sum(h.flags & ${HYGIENE_BITS.typo} != 0 AND coalesce(o.email_invalid, c.email_invalid) = 1), 0) AS typo_invalid,
      coalesce(sum(h.flags & ${HYGIENE_BITS.role} != 0), 0) AS role,
      coalesce(sum(h.flags & ${HYGIENE_BITS.disposable} != 0), 0) AS disposable,
      coalesce(sum(h.flags & ${HYGIENE_BITS.malformed} != 0), 0) AS malformed
    FROM lead_hygiene AS h ${IN_SNAPSHOT}
    WHERE ${PRESENT}`)

  const newest = db.prepare<[], { id: number }>('SELECT id FROM imports ORDER BY snapshot_date DESC, id DESC LIMIT 1')
  const position = (importId: number): { list: number; seq: number } | null => {
    const row = snapshot.get(importId)
    return row ? { list: row.list_id, seq: row.seq } : null
  }

  return {
    /** Null when there is no such import. */
    counts(importId: number): HygieneCounts | null {
      const at = position(importId)
      if (!at) return null
      const row = countsOf.get(at)
      return {
        leads: row?.leads ?? 0,
        typo: row?.typo ?? 0,
        typoInvalid: row?.typo_invalid ?? 0,
        role: row?.role ?? 0,
        disposable: row?.disposable ?? 0,
        malformed: row?.malformed ?? 0,
      }
    },
    /**
     * The leads with a finding among `flags` (every flag by default), by address: of one snapshot,
     * or of the whole database without `importId`. Null when there is no such import.
     */
    *findings(
      importId: number | undefined,
      flags: readonly HygieneFlagName[] = HYGIENE_FLAG_NAMES,
    ): Generator<StoredFinding, void, void> {
      const bits = bitsOf(flags)
      if (importId === undefined) {
        for (const row of everyLead.iterate({ bits })) yield toFinding(row)
        return
      }
      const at = position(importId)
      if (!at) return
      for (const row of ofSnapshot.iterate({ ...at, bits })) yield toFinding(row)
    },
    hasImport: (importId: number): boolean => position(importId) !== null,
    /** The newest snapshot (as the Overview shows it), or null without any. */
    newestImportId: (): number | null => newest.get()?.id ?? null,
  }
}
