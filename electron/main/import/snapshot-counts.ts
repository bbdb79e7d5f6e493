import { providerFromDomain } from '../../shared/classify/provider'
import type { Classification } from '../../shared/classify/types'
import { detach } from './values'

/** The part of a classification the tallies use; stored causes carry exactly this. */
export type CountedCause = Pick<Classification, 'verdict' | 'reason' | 'status' | 'replyCode' | 'provider'>

/**
 * The per-import tallies that overview and trends read, so they never scan a snapshot's rows.
 * Bounce dimensions count Email Invalid rows; `leads-provider` counts every row, as the
 * denominator for per-provider rates.
 */
export const COUNT_DIMENSIONS = [
  'verdict',
  'reason',
  'status',
  'reply',
  'provider',
  'domain',
  'leads-provider',
] as const
export type CountDimension = (typeof COUNT_DIMENSIONS)[number]

export const NO_VALUE = '(none)'
export const OTHER_PROVIDER = 'other'

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

  private add(dimension: CountDimension, key: string): void {
    const keys = this.byDimension.get(dimension)
    if (!keys) return
    const count = keys.get(key)
    if (count === undefined) keys.set(detach(key), 1)
    else keys.set(key, count + 1)
  }

  addRow(domain: string, invalid: boolean, cause: CountedCause | null): void {
    const domainProvider = this.providerOf(domain)
    this.add('leads-provider', domainProvider ?? OTHER_PROVIDER)
    if (!invalid) return
    // Marketo marked it invalid without a cause text: nothing to act on but a manual look.
    this.add('verdict', cause?.verdict ?? 'review')
    this.add('reason', cause?.reason ?? 'undefined')
    this.add('status', cause?.status ?? NO_VALUE)
    this.add('reply', cause?.replyCode === null || cause === null ? NO_VALUE : String(cause.replyCode))
    this.add('provider', domainProvider ?? cause?.provider ?? OTHER_PROVIDER)
    this.add('domain', domain)
  }
}
