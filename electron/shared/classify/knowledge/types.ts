import type { Reason, Severity } from '../types'

/** The public document a rule comes from, so a reviewer can check it. */
export interface RuleSource {
  title: string
  url: string
}

/**
 * One piece of provider knowledge: what a mailbox provider, filter, ESP or MTA documents about one of
 * its codes or wordings, in our own words.
 */
export interface ProviderRule {
  /** Stable id, shown as evidence (`provider:gmail-4.7.27`). */
  id: string
  /** Who documents it: `gmail`, `microsoft`, `yahoo`, `comcast`, `mandrill` … */
  provider: string
  /**
   * `code`: a token the provider writes (`TSS04`, `RTR:BB`, `BL000001`), matched as a whole word.
   * `status`: an enhanced status code whose meaning is the provider's own (Gmail's 4.7.27); used only
   *   when the text or the recipient's domain names that provider.
   * `text`: the whole text is exactly this word (ESP reject reasons such as Mandrill's `unsigned`).
   * `phrase`: a wording, in the phrase syntax of `phrases.ts` (a space matches any whitespace).
   */
  kind: 'code' | 'status' | 'text' | 'phrase'
  match: string
  /** ISO 639-1 code of the wording (codes are `en` by convention). */
  language: string
  reason: Reason
  /** What the provider says about permanence, when the code or text alone does not. */
  severity?: Severity
  /** Our plain words for a marketer: a short title and one sentence. */
  title: string
  explanation: string
  source: RuleSource
}
