/**
 * Writes the first-run sample export in resources/sample. Deterministic (seeded), so the file in
 * git only changes when this script does. Run: npx tsx scripts/make-sample.ts
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { csvField, FIRST_NAMES, LAST_NAMES } from '../bench/generate-export'
import { SAMPLE_FILE_NAME } from '../electron/main/core/paths'
import { RESOURCES_DIR } from '../electron/main/core/repo-paths'

function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const random = seededRandom(20261120)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

const COMPANY_DOMAINS = [
  'northwind-traders.example',
  'contoso-labs.example',
  'fabrikam.example',
  'tailspin-toys.example',
  'adventure-works.example',
  'litware.example',
  'proseware.example',
  'wingtip.example',
]
const PROVIDER_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'icloud.com',
  'web.de',
  't-online.de',
  'orange.fr',
]

type CauseMaker = (email: string, domain: string) => string
/** Which recipients a server's wording fits: Gmail's texts only for Gmail addresses, and so on. */
type Audience = 'gmail' | 'microsoft' | 'yahoo' | 'orange' | 'german' | 'company' | 'any'

const AUDIENCE_DOMAINS: Record<Exclude<Audience, 'company' | 'any'>, readonly string[]> = {
  gmail: ['gmail.com'],
  microsoft: ['outlook.com', 'hotmail.com'],
  yahoo: ['yahoo.com'],
  orange: ['orange.fr'],
  german: ['web.de', 't-online.de'],
}

function fits(audience: Audience, domain: string): boolean {
  if (audience === 'any') return true
  if (audience === 'company') return COMPANY_DOMAINS.includes(domain)
  return AUDIENCE_DOMAINS[audience].includes(domain)
}

const GMAIL_NO_SUCH_USER =
  "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser d2e1a72fcca58-7b4f1c3a9e0si1234567b3a.210 - gsmtp"

const INVALID_CAUSES: readonly [number, Audience, CauseMaker][] = [
  [14, 'company', (email) => `550 5.1.1 <${email}>: Recipient address rejected: User unknown in virtual mailbox table`],
  [10, 'gmail', () => GMAIL_NO_SUCH_USER],
  [8, 'microsoft', () => '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'],
  [
    5,
    'company',
    (_email, domain) => `Host or domain name not found. Name service error for name=${domain} type=A: Host not found`,
  ],
  [
    4,
    'gmail',
    () =>
      '550 5.2.1 The email account that you tried to reach is disabled. https://support.google.com/mail/?p=DisabledUser - gsmtp',
  ],
  [4, 'any', () => '552 5.2.2 <mailbox full> Quota exceeded (mailbox for user is full)'],
  [
    3,
    'gmail',
    () =>
      '452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp',
  ],
  [
    6,
    'microsoft',
    () =>
      '550 5.7.1 Service unavailable, Client host [192.0.2.44] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.44 (AS3130) [BN8NAM12FT045.eop-nam12.prod.protection.outlook.com]',
  ],
  [
    4,
    'company',
    () =>
      '554 5.7.1 Service unavailable; Client host [192.0.2.44] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.44',
  ],
  [
    5,
    'microsoft',
    () =>
      '550 5.7.606 Access denied, banned sending IP [192.0.2.44]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430)',
  ],
  [
    3,
    'gmail',
    () =>
      "550 5.7.26 Unauthenticated email from mail.example-sender.com is not accepted due to domain's DMARC policy. Please contact the administrator of mail.example-sender.com domain if this was a legitimate mail. - gsmtp",
  ],
  [3, 'company', () => '554 5.7.1 Message rejected as spam by Content Filtering.'],
  [2, 'any', () => 'retry timeout exceeded'],
  [2, 'company', () => '554 5.4.14 Hop count exceeded - possible mail loop ATTR34'],
  [2, 'company', (email) => `553 5.3.0 <${email}>... No such user here`],
  [4, 'german', () => '550 5.1.1 Benutzer unbekannt / user unknown'],
  [4, 'orange', () => '550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]'],
  [
    4,
    'yahoo',
    (email) =>
      `554 delivery error: dd This user doesn't have a yahoo.com account (${email}) [0] - mta1234.mail.gq1.yahoo.com`,
  ],
  [1, 'any', () => 'NO MATCH DETECTED'],
  [
    1,
    'microsoft',
    () =>
      '550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DB8EUR05FT012.eop-eur05.prod.protection.outlook.com]',
  ],
]
const SUSPENDED_CAUSES: readonly [Audience, string][] = [
  [
    'yahoo',
    '421 4.7.0 [TSS04] Messages from 192.0.2.44 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
  ],
  [
    'microsoft',
    '451 4.7.500 Server busy. Please try again later from [192.0.2.44]. (S77719) [AM4PEPF00025F9B.EURPRD83.prod.outlook.com]',
  ],
  [
    'gmail',
    '421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your SPF domain. 421 4.7.28 To protect our users from spam, mail sent from your domain has been temporarily rate limited. - gsmtp',
  ],
  [
    'gmail',
    '450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. - gsmtp',
  ],
  ['any', '451 4.3.0 Mail server temporarily rejected message.'],
]

function weightedCause(domain: string): CauseMaker {
  const candidates = INVALID_CAUSES.filter(([, audience]) => fits(audience, domain))
  const total = candidates.reduce((sum, [weight]) => sum + weight, 0)
  let roll = random() * total
  let chosen = candidates[0]?.[2]
  for (const [weight, , make] of candidates) {
    chosen = make
    roll -= weight
    if (roll <= 0) break
  }
  if (!chosen) throw new Error(`no cause fits ${domain}`)
  return chosen
}

function suspendedCause(domain: string): string {
  const candidates = SUSPENDED_CAUSES.filter(([audience]) => fits(audience, domain))
  const specific = candidates.filter(([audience]) => audience !== 'any')
  return pick(specific.length > 0 ? specific : candidates)[1]
}

const header = [
  'Id',
  'First Name',
  'Last Name',
  'Email Address',
  'Company Name',
  'Email Invalid',
  'Email Invalid Cause',
  'Email Suspended',
  'Email Suspended Cause',
  'Email Suspended At',
  'Unsubscribed',
  'Created At',
  'Updated At',
]
const lines = [header.join(',')]
const ROWS = 480
for (let index = 0; index < ROWS; index += 1) {
  const first = pick(FIRST_NAMES)
  const last = pick(LAST_NAMES)
  const domain = random() < 0.55 ? pick(COMPANY_DOMAINS) : pick(PROVIDER_DOMAINS)
  const email = `${first}.${last}${index % 7 === 0 ? index : ''}@${domain}`.toLowerCase()
  const roll = random()
  const invalid = roll < 0.42
  const suspended = !invalid && roll < 0.5
  const cause = invalid ? weightedCause(domain)(email, domain) : ''
  const suspendedText = suspended ? suspendedCause(domain) : ''
  const suspendedAt = suspended
    ? `2026-11-${String(18 + Math.floor(random() * 3)).padStart(2, '0')} 0${Math.floor(random() * 9)}:15:00`
    : ''
  const created = `20${22 + Math.floor(random() * 4)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)} 10:00:00`
  lines.push(
    [
      String(100200 + index * 3),
      first,
      last,
      email,
      domain.split('.')[0] ?? '',
      String(invalid),
      cause,
      String(suspended),
      suspendedText,
      suspendedAt,
      String(random() < 0.05),
      created,
      '2026-11-20 06:00:00',
    ]
      .map(csvField)
      .join(','),
  )
}
writeFileSync(join(RESOURCES_DIR, 'sample', SAMPLE_FILE_NAME), `${lines.join('\r\n')}\r\n`)
process.stdout.write(`wrote ${ROWS} rows to resources/sample/${SAMPLE_FILE_NAME}\n`)
