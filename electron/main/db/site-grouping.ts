import type { Db } from './open'
import { createVersionedMemo } from './span-reads'

/**
 * Registrable-domain grouping (issue 17): `mail.acme.co.uk` counts under `acme.co.uk`, the domain
 * somebody registered (the Public Suffix List, worked out by the address hygiene step). That step
 * keeps a `hygiene_domains` row for every domain whose registrable domain has another name, so
 * those rows alone say which domains a site gathers; a domain without one is its own site.
 */
export interface SiteGrouping {
  /** The registrable domain a domain counts under (itself when it is one, or is not registrable). */
  siteOf(domain: string): string
  /** A site's domains: itself and the subdomains the database has seen. */
  members(site: string): readonly string[]
  /** The `n` sites with the most rows among per-domain `counts`, most first, then by name. */
  top(counts: readonly { key: string; rows: number }[], n: number): string[]
}

/** The grouping as the database holds it now; read again only after the database changes. */
export function createSiteGrouping(db: Db): () => SiteGrouping {
  // A database judged before only some domains had rows holds one per domain: those naming
  // themselves (or nothing, when malformed) are left out here.
  const subdomains = db.prepare<[], { domain: string; site: string }>(`
    SELECT domain, registrable_domain AS site FROM hygiene_domains
    WHERE registrable_domain IS NOT NULL AND registrable_domain != domain`)
  const memo = createVersionedMemo(db)
  return () => memo('sites', () => siteGrouping(subdomains.all()))
}

export function siteGrouping(subdomains: readonly { domain: string; site: string }[]): SiteGrouping {
  const siteOf = new Map<string, string>()
  const members = new Map<string, string[]>()
  for (const { domain, site } of subdomains) {
    siteOf.set(domain, site)
    const list = members.get(site)
    if (list) list.push(domain)
    else members.set(site, [site, domain])
  }
  return {
    siteOf: (domain) => siteOf.get(domain) ?? domain,
    members: (site) => members.get(site) ?? [site],
    top(counts, n) {
      const totals = new Map<string, number>()
      for (const { key, rows } of counts) {
        const site = siteOf.get(key) ?? key
        totals.set(site, (totals.get(site) ?? 0) + rows)
      }
      return [...totals]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, n)
        .map(([site]) => site)
    },
  }
}
