import type { Reason, Severity } from '../classify/types'

/**
 * - `reply`: a three-digit SMTP reply code (RFC 5321 and extensions).
 * - `enhanced`: an enhanced status code `class.subject.detail` from the IANA registry.
 * - `provider`: a code or tag one mailbox provider uses (Microsoft S3150, Yahoo TSS04, Microsoft 5.7.606 …).
 * - `blocklist`: a public blocklist a bounce may name (Spamhaus, SpamCop …).
 * - `filter`: a filtering service that refuses mail on behalf of its customers (Mimecast, Proofpoint …).
 */
export type CatalogKind = 'reply' | 'enhanced' | 'provider' | 'blocklist' | 'filter'

export interface ProviderNote {
  provider: string
  note: string
}

export interface CatalogEntry {
  kind: CatalogKind
  /** As people write it: `550`, `5.7.26`, `S3150`, `TSS04`, `spamhaus`. */
  code: string
  /** Our short plain-language title. */
  title: string
  severity: Severity
  /** What happened, for a marketer, in one or two sentences. */
  explanation: string
  /** What to do about it. */
  action: string
  /** The reason the classifier usually gives when this code decides. */
  reason?: Reason
  /** The standard's own title, when the code is standardised. */
  registryTitle?: string
  /** The wording on Marketo's "Email Bounce Codes" page, when the code is in Marketo's table. */
  marketoWording?: string
  rfc?: string
  /** Mailbox provider, blocklist or filter this entry belongs to. */
  provider?: string
  /** Providers that use a registered code with a meaning of their own. */
  providerNotes?: readonly ProviderNote[]
  /** Other spellings that find this entry (`RESOLVER.ADR.RecipNotFound`, `zen.spamhaus.org` …). */
  aliases?: readonly string[]
  /** The provider's own document behind a provider entry (classifier knowledge carries one each). */
  source?: { title: string; url: string }
  /** The wording a provider entry matches, when it is a phrase rather than a code. */
  phrase?: string
}
