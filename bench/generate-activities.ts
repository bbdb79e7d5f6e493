/**
 * Writes realistic Marketo Bulk Activity Extract files of any size, deterministically, for the
 * activity benchmark: Send Email, Email Delivered, Email Bounced and Email Bounced Soft events
 * (plus a few other types the import ignores) over `days` days, GUIDs and dates ascending as
 * Marketo writes them. Bounce Details name the recipient about half of the time, as real ones do,
 * so the file has many distinct texts, not a handful.
 *
 * Usage as a script: tsx bench/generate-activities.ts <out.csv> [events] [firstGuid]
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { csvField, FIRST_NAMES, LAST_NAMES } from './generate-export'

export interface ActivitySpec {
  events: number
  leads?: number
  days?: number
  /** The first event's day (YYYY-MM-DD). */
  start?: string
  firstGuid?: number
  seed?: number
}

export const ACTIVITY_HEADER =
  'marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes'

const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'web.de', 'icloud.com', 'orange.fr']

type Detail = (email: string, domain: string) => string
/** [Marketo type, Category, Details]: what each bounce looks like in an activity log. */
const BOUNCES: readonly [number, string | null, Detail][] = [
  [8, '2', (email) => `550 5.1.1 <${email}>: Recipient address rejected: User unknown in virtual mailbox table`],
  [8, '2', () => '550 5.1.1 The email account that you tried to reach does not exist.'],
  [
    8,
    '2',
    (_e, domain) => `Host or domain name not found. Name service error for name=${domain} type=A: Host not found`,
  ],
  [8, '2', () => '550 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org'],
  [8, '1', () => '554 5.7.1 Message rejected because of unacceptable content'],
  [8, '2', (email) => `553 5.3.0 <${email}>... No such user here`],
  [27, '3', (email) => `452 4.2.2 <${email}>: Mailbox full`],
  [27, '3', () => '421 4.7.0 Try again later, closing connection.'],
  [27, '4', () => '451 4.4.1 Connection timed out'],
  [27, '9', () => 'Delivery delayed'],
  [27, null, () => 'Velocity error in token {{my.Greeting}}: $lead.FirstName is undefined'],
]

function hash(seed: number, index: number, salt: number): number {
  let x = (seed * 374_761_393 + index * 668_265_263 + salt * 2_246_822_519) >>> 0
  x = Math.imul(x ^ (x >>> 15), 2_246_822_507) >>> 0
  x = Math.imul(x ^ (x >>> 13), 3_266_489_909) >>> 0
  return (x ^ (x >>> 16)) >>> 0
}

const pick = <T>(items: readonly T[], value: number): T => items[value % items.length] as T

function emailOf(lead: number): { email: string; domain: string } {
  const domain = lead % 3 === 0 ? `company${lead % 5000}.example` : pick(DOMAINS, lead)
  const email = `${pick(FIRST_NAMES, lead).toLowerCase()}.${pick(LAST_NAMES, lead >> 4).toLowerCase()}.${lead}@${domain}`
  return { email, domain }
}

const json = (value: Record<string, string | number>): string => csvField(JSON.stringify(value))

export function activityRow(index: number, spec: ActivitySpec): string {
  const seed = spec.seed ?? 1
  const leads = spec.leads ?? Math.max(10, Math.round(spec.events / 5))
  const days = spec.days ?? 90
  const start = Date.parse(`${spec.start ?? '2026-01-01'}T00:00:00Z`) / 1000
  const at = start + Math.floor((index / spec.events) * days * 86_400)
  const date = new Date(at * 1000).toISOString().replace('.000Z', 'Z')
  const guid = (spec.firstGuid ?? 100_000_000) + index
  const lead = 1 + (hash(seed, index, 1) % leads)
  const roll = hash(seed, index, 2) % 1000
  const mailing = 1000 + (Math.floor(index / 5000) % 40)
  const prefix = `${guid},${lead},${date}`
  const asset = `${mailing},Newsletter ${mailing}`
  const step = { 'Campaign Run ID': mailing * 7, 'Choice Number': 0, 'Step ID': 12 }
  if (roll < 480) return `${prefix},6,${mailing * 3},${asset},${json(step)}`
  if (roll < 880) return `${prefix},7,${mailing * 3},${asset},${json(step)}`
  if (roll < 990) {
    const [type, category, detail] = pick(BOUNCES, hash(seed, index, 3))
    const { email, domain } = emailOf(lead)
    const attributes: Record<string, string | number> = { ...step, Details: detail(email, domain), Email: email }
    if (category !== null) {
      attributes['Category'] = category
      attributes['Subcategory'] = '1000'
    }
    return `${prefix},${type},${mailing * 3},${asset},${json(attributes)}`
  }
  // Opens and clicks, which the import counts and leaves out.
  return `${prefix},${roll % 2 === 0 ? 10 : 11},${mailing * 3},${asset},${json({ Platform: 'Web', Device: 'Desktop' })}`
}

export function writeActivityFile(path: string, spec: ActivitySpec): void {
  const fd = openSync(path, 'w')
  try {
    let buffer = `${ACTIVITY_HEADER}\n`
    for (let index = 0; index < spec.events; index += 1) {
      buffer += `${activityRow(index, spec)}\n`
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer)
        buffer = ''
      }
    }
    writeSync(fd, buffer)
  } finally {
    closeSync(fd)
  }
}

if (process.argv[1]?.endsWith('generate-activities.ts')) {
  const [out, events, firstGuid] = process.argv.slice(2)
  if (!out) throw new Error('usage: generate-activities.ts <out.csv> [events] [firstGuid]')
  writeActivityFile(out, { events: Number(events ?? 100_000), ...(firstGuid ? { firstGuid: Number(firstGuid) } : {}) })
}
