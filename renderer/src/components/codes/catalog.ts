/**
 * The shared code catalog arranged for reading: groups by kind (and, for enhanced status codes, by
 * subject), an instant search by number or words, the Marketo rule of thumb split into its parts, and
 * the catalog entries a bounce text names (blocklists, filters, provider tags).
 * Pure functions over `listCatalog()`; nothing here touches the DOM.
 */
import { explainCode, listCatalog, normalizeCode, type CatalogEntry } from '../../../../electron/shared/catalog/index'

export interface CodeGroup {
  id: string
  /** `x.1`, `2xx–5xx`: the short key shown before the title; empty when the group has none. */
  key: string
  title: string
  description: string
  entries: readonly CatalogEntry[]
  /** A heading over the list where a new kind of code begins (the enhanced codes, the provider codes). */
  section?: string
}

const ENHANCED_SHAPE = /^(\d)\.(\d{1,3})\.(\d{1,3})$/

const SUBJECTS: readonly { title: string; description: string }[] = [
  { title: 'Other or undefined', description: 'Only success or failure, no reason; the words carry the meaning.' },
  { title: 'Addressing', description: 'The address or its domain: does it exist, is it written correctly.' },
  { title: 'Mailbox', description: 'The mailbox exists but is full, disabled or over a limit.' },
  { title: 'Mail system', description: 'The receiving server itself: full, misconfigured, not accepting mail.' },
  { title: 'Network and routing', description: 'Reaching the receiving server: DNS, connections, timeouts.' },
  { title: 'Mail delivery protocol', description: 'The conversation between the two servers went wrong.' },
  { title: 'Message content or format', description: 'The message could not be taken or converted as sent.' },
  {
    title: 'Security or policy',
    description: 'Reputation, authentication (SPF, DKIM, DMARC), blocklists and spam filters.',
  },
]

const CLASS_ORDER: Readonly<Record<string, number>> = { '5': 0, '4': 1, '2': 2 }

function enhancedParts(code: string): [cls: string, subject: number, detail: number] | null {
  const shape = ENHANCED_SHAPE.exec(code)
  if (shape === null) return null
  const [, cls = '', subject = '', detail = ''] = shape
  return [cls, Number(subject), Number(detail)]
}

/** The enhanced codes of one subject: by detail, and 5.x.x before 4.x.x before 2.x.x for each. */
function byDetailThenClass(a: CatalogEntry, b: CatalogEntry): number {
  const pa = enhancedParts(a.code)
  const pb = enhancedParts(b.code)
  if (pa === null || pb === null) return a.code.localeCompare(b.code)
  return pa[2] - pb[2] || (CLASS_ORDER[pa[0]] ?? 9) - (CLASS_ORDER[pb[0]] ?? 9)
}

function buildGroups(catalog: readonly CatalogEntry[]): CodeGroup[] {
  const of = (kind: CatalogEntry['kind']): CatalogEntry[] => catalog.filter((entry) => entry.kind === kind)
  const groups: CodeGroup[] = [
    {
      id: 'reply',
      key: '2xx–5xx',
      title: 'Basic reply codes',
      description: 'The three digits every server answers with: 2xx accepted, 4xx try later, 5xx refused.',
      entries: of('reply').sort((a, b) => Number(a.code) - Number(b.code)),
    },
  ]
  const enhanced = of('enhanced')
  SUBJECTS.forEach((subject, index) => {
    const entries = enhanced.filter((entry) => enhancedParts(entry.code)?.[1] === index).sort(byDetailThenClass)
    if (entries.length > 0) {
      const section = groups.length === 1 ? 'Enhanced status codes: class.subject.detail' : undefined
      groups.push({ id: `enhanced-${index}`, key: `x.${index}`, ...subject, entries, ...(section ? { section } : {}) })
    }
  })
  // Anything the subjects above do not cover (a future x.8) still gets listed.
  const placed = new Set(groups.flatMap((group) => group.entries))
  const rest = enhanced.filter((entry) => !placed.has(entry))
  if (rest.length > 0) {
    groups.push({ id: 'enhanced-other', key: 'x.?', title: 'Other enhanced codes', description: '', entries: rest })
  }
  groups.push(
    {
      id: 'provider',
      key: '',
      section: 'Beyond the standards: providers, blocklists and filters',
      title: 'Provider codes',
      description: 'Codes and tags one mailbox provider uses in its bounces (Microsoft, Yahoo, Orange …).',
      entries: of('provider').sort((a, b) => (a.provider ?? '').localeCompare(b.provider ?? '')),
    },
    {
      id: 'blocklist',
      key: '',
      title: 'Blocklists',
      description:
        'Public lists of sending servers with a poor reputation. Being named here is about you, not the address.',
      entries: of('blocklist'),
    },
    {
      id: 'filter',
      key: '',
      title: 'Filtering services',
      description: 'Companies that filter mail for the recipient’s organisation, following its own rules.',
      entries: of('filter'),
    },
  )
  return groups.filter((group) => group.entries.length > 0)
}

export const CODE_GROUPS: readonly CodeGroup[] = buildGroups(listCatalog())

/** The group an entry is listed in. */
export function groupOf(entry: CatalogEntry): CodeGroup | undefined {
  return CODE_GROUPS.find((group) => group.entries.includes(entry))
}

/** The other classes of the same enhanced code: 4.1.1 for 5.1.1, and back. */
export function siblingsOf(entry: CatalogEntry): CatalogEntry[] {
  const parts = enhancedParts(entry.code)
  if (entry.kind !== 'enhanced' || parts === null) return []
  const tail = entry.code.slice(1)
  return listCatalog().filter((other) => other !== entry && other.kind === 'enhanced' && other.code.slice(1) === tail)
}

function searchText(entry: CatalogEntry): string {
  return [
    entry.code,
    ...(entry.aliases ?? []),
    entry.title,
    entry.explanation,
    entry.action,
    entry.registryTitle ?? '',
    entry.marketoWording ?? '',
    entry.provider ?? '',
    entry.phrase ?? '',
    entry.source?.title ?? '',
    ...(entry.providerNotes ?? []).flatMap((note) => [note.provider, note.note]),
  ]
    .join('\n')
    .toLowerCase()
}

const HAYSTACK: ReadonlyMap<CatalogEntry, string> = new Map(listCatalog().map((entry) => [entry, searchText(entry)]))

/** `550`, `5.7`, `5.7.`, `x.1.1`, `55`: a number or the start of one, `x` standing for any digits. */
const CODE_LIKE = /^[\dx]+(\.[\dx]*)*$/

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function codePrefix(token: string): RegExp {
  return new RegExp(`^${token.split('x').map(escapeRegExp).join('\\d+')}`)
}

function codeMatches(entry: CatalogEntry, prefix: RegExp): boolean {
  return [entry.code, ...(entry.aliases ?? [])].some((code) => prefix.test(code.toLowerCase()))
}

/**
 * A filter for the search box. Numbers only (`550 5.1.1`, `5.7`): the entries whose code starts with
 * any of them. Words (`mailbox full`, `spamhaus 5.7.1`): the entries that contain every word.
 * Returns null for an empty query (show everything).
 */
export function entryFilter(query: string): ((entry: CatalogEntry) => boolean) | null {
  const tokens = query
    .split(/\s+/)
    .map((token) => normalizeCode(token))
    .filter((token) => token !== '')
  if (tokens.length === 0) return null
  if (tokens.every((token) => CODE_LIKE.test(token))) {
    const prefixes = tokens.map(codePrefix)
    // 5.7.610 is not listed itself, but the catalog knows it as one of Microsoft's 5.7.606–649.
    const known = new Set(tokens.map((token) => explainCode(token)).filter((entry) => entry !== null))
    return (entry) => known.has(entry) || prefixes.some((prefix) => codeMatches(entry, prefix))
  }
  return (entry) => {
    const haystack = HAYSTACK.get(entry) ?? ''
    return tokens.every((token) => haystack.includes(token))
  }
}

/** The entry a deep link or a link from an explanation names, tolerating spellings (`5.07.001`). */
export function entryFor(code: string | null): CatalogEntry | null {
  if (code === null) return null
  return listCatalog().find((entry) => entry.code === code) ?? explainCode(code)
}

/**
 * Marketo's rule of thumb as a rule and its exceptions, for a list. Falls back to the whole text as
 * the rule when it no longer has the `Exceptions:` shape.
 */
export function splitRuleOfThumb(text: string): { rule: string; exceptions: string[] } {
  const at = text.indexOf('Exceptions:')
  if (at < 0) return { rule: text, exceptions: [] }
  const rule = text
    .slice(0, at)
    .replace(/^Marketo's rule of thumb:\s*/i, '')
    .trim()
  const exceptions: string[] = []
  let depth = 0
  let current = ''
  for (const ch of text.slice(at + 'Exceptions:'.length)) {
    if (ch === '(') depth += 1
    if (ch === ')') depth = Math.max(0, depth - 1)
    if (ch === ';' && depth === 0) {
      exceptions.push(current)
      current = ''
    } else {
      current += ch
    }
  }
  exceptions.push(current)
  return {
    rule: capitalise(rule),
    exceptions: exceptions
      .map((part) =>
        part
          .trim()
          .replace(/^and\s+/, '')
          .replace(/\.$/, ''),
      )
      .filter((part) => part !== '')
      .map(capitalise),
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Terms too short or too common to be told apart from ordinary words in a bounce text. */
const MIN_TERM_LENGTH = 3
const MICROSOFT_AS_TAG = /\bAS\(\d+\)/i

/**
 * Catalog entries a bounce text names beyond its reply and status codes: a blocklist, a filtering
 * service, a provider's own tag (S3150, [TSS04], AS(1430)). In order of first mention.
 */
export function catalogMentions(text: string): CatalogEntry[] {
  const lower = text.toLowerCase()
  const found: { entry: CatalogEntry; at: number }[] = []
  for (const entry of listCatalog()) {
    if (entry.kind !== 'provider' && entry.kind !== 'blocklist' && entry.kind !== 'filter') continue
    if (ENHANCED_SHAPE.test(entry.code)) continue
    let at = -1
    if (entry.code === 'AS(…)') {
      at = text.search(MICROSOFT_AS_TAG)
    } else {
      for (const term of [entry.code, ...(entry.aliases ?? [])]) {
        if (term.length < MIN_TERM_LENGTH) continue
        const match = new RegExp(`(?<![a-z0-9])${escapeRegExp(term.toLowerCase())}(?![a-z0-9])`).exec(lower)
        if (match !== null && (at < 0 || match.index < at)) at = match.index
      }
    }
    if (at >= 0) found.push({ entry, at })
  }
  return found.sort((a, b) => a.at - b.at).map((item) => item.entry)
}
