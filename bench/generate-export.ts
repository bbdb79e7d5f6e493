/**
 * Writes realistic Marketo deliverability exports of any size, deterministically, for the import
 * benchmark and the crash test. Row i describes the same lead in every snapshot; `snapshot` > 0
 * changes the state of `churn` of the leads, as a later weekly export would.
 */
import { closeSync, openSync, writeSync } from 'node:fs'

export interface ExportSpec {
  rows: number
  /** 0 for the first snapshot; each later snapshot number re-draws churned leads. */
  snapshot?: number
  /** Share of leads whose state differs from snapshot 0, e.g. 0.01. */
  churn?: number
  seed?: number
}

export const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Carla',
  'David',
  'Elif',
  'Femi',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kira',
  'Luca',
  'Maya',
  'Noah',
  'Olga',
  'Pablo',
]
export const LAST_NAMES = [
  'Becker',
  'Chen',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hansen',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Novak',
  'Okafor',
  'Patel',
  'Rossi',
]
const PROVIDERS = [
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'icloud.com',
  'web.de',
  'gmx.de',
  'orange.fr',
  'comcast.net',
  'aol.com',
]
const STATUSES = ['Open', 'Contacted', 'Qualified', 'Nurture', 'Disqualified']

type Cause = (email: string, domain: string) => string
// Half the templates quote the recipient, as real servers do: those texts are all distinct.
const CAUSES: readonly Cause[] = [
  (email) => `550 5.1.1 <${email}>: Recipient address rejected: User unknown in virtual mailbox table`,
  () =>
    "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser - gsmtp",
  () => '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
  (_email, domain) => `Host or domain name not found. Name service error for name=${domain} type=A: Host not found`,
  (email) => `552 5.2.2 <${email}>: Mailbox full`,
  () =>
    '550 5.7.1 Service unavailable, Client host [192.0.2.44] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.44',
  () =>
    '550 5.7.606 Access denied, banned sending IP [192.0.2.44]. To request removal from this list please visit https://sender.office.com/ and follow the directions.',
  () =>
    "550 5.7.26 Unauthenticated email from mail.example-sender.com is not accepted due to domain's DMARC policy. - gsmtp",
  (email) => `553 5.3.0 <${email}>... No such user here`,
  () => 'retry timeout exceeded',
  (email) =>
    `554 delivery error: dd This user doesn't have a yahoo.com account (${email}) [0] - mta1234.mail.gq1.yahoo.com`,
  () => '421 4.7.0 [TSS04] Messages from 192.0.2.44 temporarily deferred due to unexpected volume or user complaints',
]

/** A small, fast integer hash, so every row is a pure function of (seed, row, salt). */
function hash(seed: number, row: number, salt: number): number {
  let h = (seed ^ Math.imul(row + 1, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca77)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

const pick = <T>(items: readonly T[], value: number): T => items[value % items.length] as T

/** RFC 4180 quoting, only where a field needs it. */
export const csvField = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

export const EXPORT_HEADER = [
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
  'Black Listed',
  'Created At',
  'Updated At',
  'Lead Status',
].join(',')

export function exportRow(index: number, spec: ExportSpec): string {
  const seed = spec.seed ?? 1
  const first = pick(FIRST_NAMES, hash(seed, index, 1))
  const last = pick(LAST_NAMES, hash(seed, index, 2))
  const company = `company${hash(seed, index, 3) % 20_000}`
  const domain = hash(seed, index, 4) % 100 < 45 ? pick(PROVIDERS, hash(seed, index, 5)) : `${company}.example`
  const email = `${first}.${last}.${index}@${domain}`.toLowerCase()
  const churned =
    (spec.snapshot ?? 0) > 0 && hash(seed, index, 100 + (spec.snapshot ?? 0)) / 2 ** 32 < (spec.churn ?? 0)
  const stateSalt = churned ? 200 + (spec.snapshot ?? 0) : 6
  const roll = hash(seed, index, stateSalt) % 1000
  const invalid = roll < 80
  const suspended = !invalid && roll < 95
  const cause = invalid ? pick(CAUSES, hash(seed, index, stateSalt + 1))(email, domain) : ''
  const suspendedCause = suspended ? pick(CAUSES.slice(-1), 0)(email, domain) : ''
  const suspendedAt = suspended ? '2026-11-19 08:15:00' : ''
  const created = `202${hash(seed, index, 7) % 6}-0${1 + (hash(seed, index, 8) % 9)}-1${hash(seed, index, 9) % 9} 10:00:00`
  return [
    String(1_000_000 + index),
    first,
    last,
    email,
    company,
    String(invalid),
    csvField(cause),
    String(suspended),
    csvField(suspendedCause),
    suspendedAt,
    'false',
    'false',
    created,
    '2026-11-20 06:00:00',
    pick(STATUSES, roll),
  ].join(',')
}

/** Streams the export to `path` in 1 MB writes; returns the byte size. */
export function writeExport(path: string, spec: ExportSpec): number {
  const fd = openSync(path, 'w')
  let bytes = 0
  let buffer = `${EXPORT_HEADER}\r\n`
  try {
    for (let index = 0; index < spec.rows; index += 1) {
      buffer += `${exportRow(index, spec)}\r\n`
      if (buffer.length > 1 << 20) {
        bytes += writeSync(fd, buffer)
        buffer = ''
      }
    }
    bytes += writeSync(fd, buffer)
  } finally {
    closeSync(fd)
  }
  return bytes
}
