import { providerFromDomain } from '../../shared/classify/provider'
import type { Classification } from '../../shared/classify/types'
import { bounceFacetKey, domainFacetKey } from './facets'
import { detach } from '../../shared/detach'

/** The part of a classification the tallies use; stored causes carry exactly this. */
export type CountedCause = Pick<
  Classification,
  'verdict' | 'reason' | 'status' | 'replyCode' | 'provider' | 'hardBounce'
>

/**
 * The per-import tallies that overview and trends read, so they never scan a snapshot's rows.
 * Bounce dimensions count Email Invalid rows; `leads-provider` and `suspended-provider` count
 * every row and every suspended row, the denominators and the suspended line of a provider's
 * chart. `facet` and `domain-facet` cross the bounce dimensions (see facets.ts), so a
 * chart filtered by verdict, reason or provider is summed from them instead of from spans.
 */
export const COUNT_DIMENSIONS = [
  'verdict',
  'reason',
  'status',
  'reply',
  'provider',
  'domain',
  'leads-provider',
  'suspended-provider',
  'hard-bounce',
  'facet',
  'domain-facet',
] as const
export type CountDimension = (typeof COUNT_DIMENSIONS)[number]

/**
 * Raised whenever a tally is added or changes meaning; snapshots counted with an older set are
 * recounted on open (see reclassify.ts). 1 added facets, suspended per provider, hard
 * bounces and the stored newly-invalid / recovered changes; 2 put the domain into the changes'
 * keys and the codes into the domain facets.
 */
export const TALLIES_VERSION = 2

export const NO_VALUE = '(none)'
export const OTHER_PROVIDER = 'other'
/** The one key of the `hard-bounce` dimension. */
export const HARD_BOUNCE_KEY = 'rows'

/** Marketo marked it invalid without a cause text: nothing to act on but a manual look. */
export const NO_CAUSE: CountedCause = {
  verdict: 'review',
  reason: 'undefined',
  status: null,
  replyCode: null,
  provider: null,
  hardBounce: false,
}

export class SnapshotCounts {
  readonly byDimension = new Map<CountDimension, Map<string, number>>(COUNT_DIMENSIONS.map((d) => [d, new Map()]))
  // A million rows share a few thousand domains: look each up once.
  private readonly providers = new Map<string, string | null>()

  private providerOf(domain: string): string | null {
    let provider = this.providers.get(domain)
    if (provider === undefined) {
      provider = providerFromDomain(domain)
      this.providers.set(detach(domain), provider)
    }
    return provider
  }

  private add(dimension: CountDimension, key: string, n: number): void {
    const keys = this.byDimension.get(dimension)
    if (!keys) return
    const count = keys.get(key)
    if (count === undefined) keys.set(detach(key), n)
    // A row taken back (n < 0, a repeated lead found late) leaves no key counted zero times.
    else if (count + n === 0) keys.delete(key)
    else keys.set(key, count + n)
  }

  /**
   * Counts one row, or `n` rows alike (a recount groups a snapshot's rows in SQLite first); `n = -1`
   * takes a counted row back.
   */
  addRow(domain: string, invalid: boolean, suspended: boolean, cause: CountedCause | null, n = 1): void {
    const domainProvider = this.providerOf(domain)
    this.add('leads-provider', domainProvider ?? OTHER_PROVIDER, n)
    if (suspended) this.add('suspended-provider', domainProvider ?? OTHER_PROVIDER, n)
    if (!invalid) return
    const counted = cause ?? NO_CAUSE
    const provider = domainProvider ?? counted.provider ?? OTHER_PROVIDER
    this.add('verdict', counted.verdict, n)
    this.add('reason', counted.reason, n)
    this.add('status', counted.status ?? NO_VALUE, n)
    this.add('reply', counted.replyCode === null ? NO_VALUE : String(counted.replyCode), n)
    this.add('provider', provider, n)
    this.add('domain', domain, n)
    if (counted.hardBounce) this.add('hard-bounce', HARD_BOUNCE_KEY, n)
    this.add('facet', bounceFacetKey(provider, counted), n)
    this.add('domain-facet', domainFacetKey(domain, provider, counted), n)
  }
}
