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
  /** The highest lead id at the domain: above the checked mark means a lead there is new. */
  top: number
  /** Already has a `hygiene_domains` row. */
  seen: number
}

/** Which leads a pass covers: those above the mark, or those queued because their address changed. */
export type LeadScope = 'above' | 'recheck'

const LOCAL = `substr(email, 1, instr(email, '@') - 1)`

function leadFilter(scope: LeadScope, alias: string): string {
  return scope === 'above' ? `${alias}.id > @from` : `${alias}.id IN (SELECT lead_id FROM hygiene_recheck)`
}

/** Leads at a flagged domain take its flags and, for a typo, the address with the domain it probably meant. */
function domainFindingsSql(scope: LeadScope): string {
  return `
    INSERT INTO lead_hygiene (lead_id, flags, suggestion)
    SELECT l.id, d.flags,
           CASE WHEN d.flags & ${HYGIENE_BITS.typo} THEN substr(l.email, 1, instr(l.email, '@')) || d.suggested_domain END
    FROM hygiene_domains AS d JOIN leads AS l INDEXED BY leads_by_domain ON l.domain = d.domain
    WHERE d.flags != 0 AND ${leadFilter(scope, 'l')}
    ON CONFLICT (lead_id) DO UPDATE SET flags = excluded.flags, suggestion = excluded.suggestion`
}

/**
 * Role mailboxes (the part before the @, without a +tag, is a role name) and misplaced dots in the
 * part before the @, in one pass over the leads: SQLite does it without handing each address to
 * JavaScript. A malformed address keeps only that flag, as `checkAddress` answers.
 */
function localFindingsSql(scope: LeadScope): string {
  // Cheapest tests first: the dot checks are plain comparisons, and only parts short enough to be
  // a role name (or with a +tag) are looked up among them.
  return `
    INSERT INTO lead_hygiene (lead_id, flags, suggestion)
    SELECT id, bits, NULL FROM (
      SELECT id,
        CASE WHEN instr(local, '..') > 0 OR substr(local, 1, 1) = '.' OR substr(local, -1) = '.' THEN ${HYGIENE_BITS.malformed}
             WHEN (length(local) <= @roleLength OR instr(local, '+') > 0)
                  AND (CASE WHEN instr(local, '+') > 0 THEN substr(local, 1, instr(local, '+') - 1) ELSE local END)
                      IN (SELECT value FROM json_each(@roles)) THEN ${HYGIENE_BITS.role}
             ELSE 0 END AS bits
      FROM (SELECT l.id, ${LOCAL} AS local FROM leads AS l WHERE ${leadFilter(scope, 'l')})
    ) WHERE bits != 0
    ON CONFLICT (lead_id) DO UPDATE SET
      flags = CASE WHEN excluded.flags = ${HYGIENE_BITS.malformed} THEN excluded.flags ELSE flags | excluded.flags END,
      suggestion = CASE WHEN excluded.flags = ${HYGIENE_BITS.malformed} THEN NULL ELSE suggestion END`
}

export function createHygieneStore(db: Db) {
  const state = db.prepare<[], { version: number; checked_through: number }>(
    'SELECT version, checked_through FROM hygiene_state WHERE id = 1',
  )
  const maxLead = db.prepare<[], { top: number }>('SELECT coalesce(max(id), 0) AS top FROM leads')
  const leadCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM leads')
  const newDomainsInRange = db.prepare<{ from: number }, { domain: string }>(`
    SELECT DISTINCT l.domain FROM leads AS l
    WHERE l.id > @from AND NOT EXISTS (SELECT 1 FROM hygiene_domains AS d WHERE d.domain = l.domain)
    UNION
    SELECT l.domain FROM hygiene_recheck AS r JOIN leads AS l ON l.id = r.lead_id
    WHERE NOT EXISTS (SELECT 1 FROM hygiene_domains AS d WHERE d.domain = l.domain)`)
  // Walks the domain index once: per domain its leads, its newest lead and whether it is known.
  const domainCounts = db.prepare<[], DomainCount>(`
    SELECT g.domain, g.n, g.top, EXISTS (SELECT 1 FROM hygiene_domains AS d WHERE d.domain = g.domain) AS seen
    FROM (SELECT domain, count(*) AS n, max(id) AS top FROM leads INDEXED BY leads_by_domain GROUP BY domain) AS g`)
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
  const domainFindings = {
    above: db.prepare(domainFindingsSql('above')),
    recheck: db.prepare(domainFindingsSql('recheck')),
  }
  const localFindings = {
    above: db.prepare(localFindingsSql('above')),
    recheck: db.prepare(localFindingsSql('recheck')),
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
    /** Domains of leads above the mark (or queued) that have no row yet; cheap when few leads are new. */
    newDomains: (from: number): string[] => newDomainsInRange.all({ from }).map((row) => row.domain),
    domainCounts: (): DomainCount[] => domainCounts.all(),
    saveDomains(rows: readonly DomainRow[]): void {
      for (const row of rows) insertDomain.run(row)
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
    /** `roles`: the role names; the longest sets which parts are worth looking up. */
    writeLeadFindings(scope: LeadScope, from: number, roles: readonly string[]): void {
      const binds = scope === 'above' ? { from } : {}
      domainFindings[scope].run(binds)
      const roleLength = roles.reduce((longest, role) => Math.max(longest, role.length), 0)
      localFindings[scope].run({ ...binds, roles: JSON.stringify(roles), roleLength })
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
  const columns = `h.lead_id, l.marketo_id, l.email, d.registrable_domain, h.flags, h.suggestion`
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
