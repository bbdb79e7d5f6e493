import type { Migration } from './migration'

/**
 * Registrable-domain grouping (issue 17): trends and Leads read which domains a registrable
 * domain gathers (acme.co.uk: mail.acme.co.uk) from `hygiene_domains`, by that column.
 *
 * The hygiene step now keeps a row only for a domain with a finding or whose registrable domain
 * has another name; a database judged before keeps one per domain, and the rows that say nothing
 * (no finding, the domain is its own registrable domain) are dropped here. Which domains were
 * judged is told by the leads' ids against `hygiene_state.checked_through`, not by these rows.
 */
export const hygieneSites: Migration = {
  version: 92,
  name: 'hygiene-sites',
  up(db) {
    db.exec(`
      DELETE FROM hygiene_domains WHERE flags = 0 AND registrable_domain IS domain;
      CREATE INDEX hygiene_domains_by_site ON hygiene_domains(registrable_domain);
    `)
  },
}
