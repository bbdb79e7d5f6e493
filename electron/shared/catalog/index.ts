/**
 * The code catalog: every SMTP reply code and enhanced status code the app explains offline, plus the
 * provider codes, blocklists and filters that marketers meet in Marketo bounce texts.
 */
// The whole classifier loads first: every module registers its gates at load, and the provider entries
// below already scan texts (`phraseRecordFor`) when this module loads.
import '../classify/index'
import { PROVIDER_RULES, providerKnowledge, type ProviderRule } from '../classify/knowledge/index'
import { REASON_TEXTS } from '../classify/texts'
import { ENHANCED_ENTRIES, MARKETO_ONLY_ENTRIES, UNREGISTERED_PROVIDER_USES } from './enhanced-codes'
import { BLOCKLIST_ENTRIES, FILTER_ENTRIES, PROVIDER_ENTRIES } from './provider-codes'
import { REPLY_ENTRIES } from './reply-codes'
import type { CatalogEntry } from './types'

export type { CatalogEntry, CatalogKind, ProviderNote } from './types'
export { MARKETO_ENHANCED_WORDING } from './enhanced-codes'
export { MARKETO_REPLY_WORDING } from './reply-codes'

/** Marketo's rule of thumb, with the exceptions that make this app necessary. */
export const MARKETO_RULE_OF_THUMB =
  "Marketo's rule of thumb: codes in the 400s are generally soft bounces (temporary) and codes in the 500s generally hard bounces (permanent). " +
  'Exceptions: many 500s are caused by the sender, not the address (blocklists such as Spamhaus, poor reputation, failed SPF/DKIM/DMARC, spam filters; for example "550 5.7.1 … blocked using Spamhaus"), so the address is usually fine; ' +
  'a full mailbox (552, 5.2.2) and a disabled mailbox (5.2.1) are reported as permanent yet often recover; ' +
  'and some servers send a 400 for an address that does not exist (450 4.1.1) or a 500 for a message that simply expired (550 4.4.7).'

function keyOf(code: string): string {
  return code.toLowerCase()
}

function knowledgeCode(rule: ProviderRule): string {
  if (rule.kind === 'status') return `${rule.match} (${rule.provider})`
  if (rule.kind === 'phrase') return rule.id
  return rule.match
}

/**
 * The classifier's provider knowledge, listed in the Codes view with its sources: a record whose code
 * the hand-written provider entries already explain lends them its source; every other record becomes
 * an entry of its own.
 */
const KNOWLEDGE_ENTRIES: { entries: CatalogEntry[]; sources: Map<string, ProviderRule> } = (() => {
  const written = new Set(PROVIDER_ENTRIES.flatMap((entry) => [entry.code, ...(entry.aliases ?? [])].map(keyOf)))
  const sources = new Map<string, ProviderRule>()
  const entries: CatalogEntry[] = []
  for (const rule of PROVIDER_RULES) {
    const code = knowledgeCode(rule)
    if (written.has(keyOf(code))) {
      sources.set(keyOf(code), rule)
      continue
    }
    entries.push({
      kind: 'provider',
      provider: rule.provider,
      code,
      title: rule.title,
      severity: rule.severity ?? (rule.reason === 'ratelimited' ? 'transient' : 'permanent'),
      explanation: rule.explanation,
      action: REASON_TEXTS[rule.reason].action,
      reason: rule.reason,
      source: rule.source,
      ...(rule.kind === 'phrase' || rule.kind === 'text' ? { phrase: rule.match } : {}),
    })
  }
  return { entries, sources }
})()

// Codes with variable parts (Orange's `OFR004_506`, Spectrum's `AUP#In-1310`) are phrase records: the
// classifier's own matcher tells which record a typed code belongs to.
function phraseRecordFor(code: string): ProviderRule | null {
  const found = providerKnowledge(code.toLowerCase(), null, null)
  return found !== null && found.record.kind === 'phrase' ? found.record : null
}

function withSource(entry: CatalogEntry): CatalogEntry {
  if (entry.source !== undefined) return entry
  const codes = [entry.code, ...(entry.aliases ?? [])]
  const rule =
    codes.map((code) => KNOWLEDGE_ENTRIES.sources.get(keyOf(code))).find((found) => found !== undefined) ??
    codes.map(phraseRecordFor).find((found) => found !== null)
  return rule === undefined || rule === null ? entry : { ...entry, source: rule.source }
}

const ALL: readonly CatalogEntry[] = [
  ...REPLY_ENTRIES,
  ...ENHANCED_ENTRIES,
  ...MARKETO_ONLY_ENTRIES,
  ...UNREGISTERED_PROVIDER_USES,
  ...PROVIDER_ENTRIES.map(withSource),
  ...KNOWLEDGE_ENTRIES.entries,
  ...BLOCKLIST_ENTRIES,
  ...FILTER_ENTRIES,
]

// Registered entries come first in ALL, so a provider entry can never hide the registry entry of the
// same number; provider meanings of registered numbers live in `providerNotes` instead.
const BY_CODE: ReadonlyMap<string, CatalogEntry> = (() => {
  const map = new Map<string, CatalogEntry>()
  for (const entry of ALL) {
    const keys = [entry.code, ...(entry.aliases ?? [])].map(keyOf)
    for (const key of keys) if (!map.has(key)) map.set(key, entry)
  }
  return map
})()

export function listCatalog(): readonly CatalogEntry[] {
  return ALL
}

/**
 * Tidies what a user typed or copied: `  5.7.26 `, `#5.1.1`, `[TSS04]`, `(S3150)`, `550-`, `smtp;550`,
 * `AS(201806281)`, `s3150`.
 */
export function normalizeCode(input: string): string {
  let code = input.trim().toLowerCase()
  code = code.replace(/^smtp;\s*/, '')
  if (/^as\(\s*\d*\s*\)$/.test(code) || /^as\d{3,}$/.test(code)) return 'as(…)'
  code = code.replace(/^[[(#'"]+|[\])'".,;:-]+$/g, '')
  code = code.replace(/\s+/g, '')
  return code
}

const ENHANCED_SHAPE = /^([245])\.(\d{1,3})\.(\d{1,3})$/

/** The catalog entry for a code, or null when the catalog does not know it. */
export function explainCode(input: string): CatalogEntry | null {
  const code = normalizeCode(input)
  if (code === '') return null
  const exact = BY_CODE.get(code)
  if (exact !== undefined) return exact
  const record = phraseRecordFor(code)
  if (record !== null) return BY_CODE.get(keyOf(knowledgeCode(record))) ?? null
  // Leading zeros and similar spellings of an enhanced code: 5.07.001 → 5.7.1
  const shape = ENHANCED_SHAPE.exec(code)
  if (shape === null) return null
  const [, cls, subject, detail] = shape
  const canonical = `${cls}.${Number(subject)}.${Number(detail)}`
  const direct = BY_CODE.get(canonical)
  if (direct !== undefined) return direct
  // A number no registry lists but a provider documents (Microsoft's 5.7.705) is that provider's.
  const providers = ALL.find((entry) => keyOf(entry.code).startsWith(`${canonical} (`))
  if (providers !== undefined) return providers
  const detailNumber = Number(detail)
  if (cls === '5' && subject !== undefined && Number(subject) === 7 && detailNumber >= 606 && detailNumber <= 649) {
    return BY_CODE.get('5.7.606') ?? null
  }
  if (cls === '4' && subject !== undefined && Number(subject) === 7 && detailNumber >= 500 && detailNumber <= 699) {
    return BY_CODE.get('4.7.650') ?? null
  }
  return null
}
