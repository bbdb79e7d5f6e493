import type { Reason, Verdict } from '../../shared/classify/types'
import { isReason, isVerdict } from './reason-groups'

/**
 * Keys of the cross-tabulated tallies in `import_counts`. A chart filtered by verdict, reason or
 * provider used to read every flagged span of a list (half a second on a year of weekly
 * snapshots); summing a few hundred stored facets per snapshot answers the same question.
 * Fields are joined with the unit separator, which no domain, code or provider key contains.
 */
export const FACET_SEPARATOR = '\u001f'
/** The character after the separator: `domain + FACET_AFTER` bounds a range scan of one domain's keys. */
export const FACET_AFTER = '\u0020'
const SEPARATOR = FACET_SEPARATOR
const NO_VALUE = '(none)'

export interface CauseFields {
  verdict: Verdict
  reason: Reason
  status: string | null
  replyCode: number | null
  /** Who the cause text names (spamhaus, microsoft), as opposed to the address's provider. */
  provider: string | null
}

/** One Email Invalid row, by the fields every chart filter and breakdown uses. */
export interface BounceFacet {
  /** The address's provider, else the one the text names, else `other`: the provider charts count by. */
  provider: string
  verdict: Verdict
  reason: Reason
  /** Reply code as text, or `(none)`. */
  reply: string
  /** Enhanced status, or `(none)`. */
  status: string
  causeProvider: string | null
}

export function bounceFacetKey(provider: string, cause: CauseFields): string {
  return [
    provider,
    cause.verdict,
    cause.reason,
    cause.replyCode === null ? NO_VALUE : String(cause.replyCode),
    cause.status ?? NO_VALUE,
    cause.provider ?? '',
  ].join(SEPARATOR)
}

export function parseBounceFacet(key: string): BounceFacet | null {
  const [provider, verdictText, reasonText, reply, status, causeProvider] = key.split(SEPARATOR)
  if (provider === undefined || reply === undefined || status === undefined || causeProvider === undefined) return null
  const verdict = verdictText ?? null
  const reason = reasonText ?? null
  if (!isVerdict(verdict) || !isReason(reason)) return null
  return { provider, verdict, reason, reply, status, causeProvider: causeProvider === '' ? null : causeProvider }
}

/**
 * Email Invalid rows of one domain, by everything a chart shows: enough to rank domains under a
 * filter and to draw every chart of one domain. Starts with the domain, so one domain's keys are
 * one range of the primary key.
 */
export function domainFacetKey(domain: string, provider: string, cause: CauseFields): string {
  return [
    domain,
    provider,
    cause.verdict,
    cause.reason,
    cause.replyCode === null ? NO_VALUE : String(cause.replyCode),
    cause.status ?? NO_VALUE,
  ].join(SEPARATOR)
}

export interface DomainFacet extends Omit<BounceFacet, 'causeProvider'> {
  domain: string
}

export function parseDomainFacet(key: string): DomainFacet | null {
  const [domain, provider, verdictText, reasonText, reply, status] = key.split(SEPARATOR)
  if (domain === undefined || provider === undefined || reply === undefined || status === undefined) return null
  const verdict = verdictText ?? null
  const reason = reasonText ?? null
  if (!isVerdict(verdict) || !isReason(reason)) return null
  return { domain, provider, verdict, reason, reply, status }
}

/**
 * Leads that became invalid, or recovered, at a snapshot: keyed by domain and the filterable
 * fields, so the change counts of one domain are a range too.
 */
export function transitionKey(
  domain: string,
  provider: string,
  cause: Pick<CauseFields, 'verdict' | 'reason'>,
): string {
  return [domain, provider, cause.verdict, cause.reason].join(SEPARATOR)
}

export function parseTransitionKey(
  key: string,
): { domain: string; provider: string; verdict: Verdict; reason: Reason } | null {
  const [domain, provider, verdictText, reasonText] = key.split(SEPARATOR)
  if (domain === undefined || provider === undefined) return null
  const verdict = verdictText ?? null
  const reason = reasonText ?? null
  if (!isVerdict(verdict) || !isReason(reason)) return null
  return { domain, provider, verdict, reason }
}

/** The bounds of one domain's keys: `key >= from AND key < to`. */
export function domainKeyRange(domain: string): { from: string; to: string } {
  return { from: `${domain}${FACET_SEPARATOR}`, to: `${domain}${FACET_AFTER}` }
}

/** What a trends filter asks of a row; undefined fields match anything. */
export interface FacetFilter {
  provider?: string | undefined
  verdict?: string | undefined
  reason?: string | undefined
}

export function facetMatches(
  facet: { provider: string; verdict: string; reason: string },
  filter: FacetFilter,
): boolean {
  return (
    (filter.provider === undefined || facet.provider === filter.provider) &&
    (filter.verdict === undefined || facet.verdict === filter.verdict) &&
    (filter.reason === undefined || facet.reason === filter.reason)
  )
}
