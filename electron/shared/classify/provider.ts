/**
 * Which mailbox provider, filtering service or blocklist the text points to.
 *
 * The first mention in the text wins: a bounce names the refusing system early ("host
 * gmail-smtp-in.l.google.com said: …") and quotes third parties later. Sending services (Amazon SES,
 * SendGrid) are deliberately absent: in a bounce they name the sender's own infrastructure.
 */
import { GATES, isOpen, topLevelBranches } from './gates'

interface ProviderPattern {
  provider: string
  source: string
}

const TEXT_PROVIDERS: readonly ProviderPattern[] = [
  { provider: 'gmail', source: 'google\\.com|googlemail|gmail|\\bgsmtp\\b' },
  {
    provider: 'microsoft',
    source:
      'outlook\\.com|hotmail|\\blive\\.com|\\bmsn\\.com|protection\\.outlook|office\\.com|office365|microsoft|\\bexchange online|\\bresolver\\.adr|\\bstoredrv|sender\\.office\\.com|\\(s3\\d{3}\\)|\\bsc-00\\d\\b',
  },
  { provider: 'yahoo', source: 'yahoo|yahoodns|\\baol\\.com|\\baol\\b|verizonmedia|\\bymail|\\[tss?\\d\\d\\]' },
  { provider: 'apple', source: 'icloud|\\bme\\.com|\\bmac\\.com|apple\\.com|appleid' },
  { provider: 'mimecast', source: 'mimecast' },
  { provider: 'proofpoint', source: 'proofpoint|pphosted' },
  { provider: 'barracuda', source: 'barracuda' },
  { provider: 'spamhaus', source: 'spamhaus' },
  { provider: 'spamcop', source: 'spamcop' },
  { provider: 'sorbs', source: '\\bsorbs' },
  { provider: 'cisco', source: 'ironport|\\bcisco' },
  { provider: 'messagelabs', source: 'messagelabs|symantec' },
  { provider: 'gmx', source: '\\bgmx\\b|\\bgmx\\.|\\bmail\\.com\\b' },
  { provider: 'web.de', source: '\\bweb\\.de' },
  { provider: 't-online', source: 't-online' },
  { provider: 'orange', source: 'orange\\.fr|wanadoo|\\bofr_?\\d|mwinf' },
  { provider: 'laposte', source: 'laposte|\\blpn\\d' },
  { provider: 'comcast', source: 'comcast' },
  { provider: 'cox', source: '\\bcox\\.(net|com)|cloudfilter\\.net' },
  { provider: 'zoho', source: '\\bzoho' },
  { provider: 'tencent', source: '\\bqq\\.com|tencent' },
  { provider: 'mail.ru', source: 'mail\\.ru' },
  { provider: 'yandex', source: 'yandex' },
  { provider: 'cloudmark', source: 'cloudmark' },
  { provider: 'trendmicro', source: 'trendmicro|\\btrend micro' },
  { provider: 'cloudflare', source: 'cloudflare' },
]

// One alternation finds the first mention; plain (non-capturing) groups keep it cheap, and the provider
// is then told by trying each entry, in order, at the position found.
const PROVIDER_PATTERN = new RegExp(TEXT_PROVIDERS.map((p) => `(?:${p.source})`).join('|'))
const AT_POSITION = TEXT_PROVIDERS.map((p) => new RegExp(p.source, 'y'))

// Most texts name no provider at all; the gate skips the alternation for them (see `gates.ts`).
const PROVIDER_GATE = GATES.gateFor(TEXT_PROVIDERS.flatMap((p) => topLevelBranches(p.source)))

export interface FoundProvider {
  provider: string
  start: number
  end: number
}

/** `open` is the result of `GATES.scan(lower)`, when the caller has it already. */
export function providerFromText(lower: string, open: Uint8Array = GATES.scan(lower)): FoundProvider | null {
  if (!isOpen(PROVIDER_GATE, open)) return null
  const m = PROVIDER_PATTERN.exec(lower)
  if (m === null) return null
  for (let i = 0; i < TEXT_PROVIDERS.length; i++) {
    const sticky = AT_POSITION[i]
    const entry = TEXT_PROVIDERS[i]
    if (sticky === undefined || entry === undefined) continue
    sticky.lastIndex = m.index
    if (sticky.test(lower)) return { provider: entry.provider, start: m.index, end: m.index + m[0].length }
  }
  return null
}

const DOMAIN_PROVIDERS: ReadonlyMap<string, string> = new Map([
  ['gmail.com', 'gmail'],
  ['googlemail.com', 'gmail'],
  ['google.com', 'gmail'],
  ['outlook.com', 'microsoft'],
  ['hotmail.com', 'microsoft'],
  ['live.com', 'microsoft'],
  ['msn.com', 'microsoft'],
  ['yahoo.com', 'yahoo'],
  ['ymail.com', 'yahoo'],
  ['rocketmail.com', 'yahoo'],
  ['aol.com', 'yahoo'],
  ['aim.com', 'yahoo'],
  ['verizon.net', 'yahoo'],
  ['icloud.com', 'apple'],
  ['me.com', 'apple'],
  ['mac.com', 'apple'],
  ['gmx.de', 'gmx'],
  ['gmx.net', 'gmx'],
  ['gmx.com', 'gmx'],
  ['gmx.at', 'gmx'],
  ['gmx.ch', 'gmx'],
  ['mail.com', 'gmx'],
  ['web.de', 'web.de'],
  ['t-online.de', 't-online'],
  ['orange.fr', 'orange'],
  ['wanadoo.fr', 'orange'],
  ['laposte.net', 'laposte'],
  ['comcast.net', 'comcast'],
  ['cox.net', 'cox'],
  ['zoho.com', 'zoho'],
  ['qq.com', 'tencent'],
  ['mail.ru', 'mail.ru'],
  ['yandex.ru', 'yandex'],
  ['yandex.com', 'yandex'],
])

// Country variants: hotmail.co.uk, yahoo.fr, outlook.de, live.jp …
const DOMAIN_FAMILIES = /^(?:(hotmail|outlook|live|msn)|(yahoo|ymail))\.[a-z.]{2,12}$/

/** The provider for a recipient address or bare domain, e.g. `x@gmail.com` or `yahoo.co.jp`. */
export function providerFromDomain(emailOrDomain: string): string | null {
  const at = emailOrDomain.lastIndexOf('@')
  const domain = emailOrDomain
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
  if (domain === '') return null
  const exact = DOMAIN_PROVIDERS.get(domain)
  if (exact !== undefined) return exact
  const family = DOMAIN_FAMILIES.exec(domain)
  if (family !== null) return family[1] !== undefined ? 'microsoft' : 'yahoo'
  return null
}
