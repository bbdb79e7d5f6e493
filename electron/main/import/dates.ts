/**
 * Date-times as Marketo and Excel write them: ISO (`2025-03-14 05:15:00`, `2025-03-14T05:15:00Z`),
 * US (`3/14/2025 5:15 AM`) and European (`14.03.2025 05:15`, `14/03/2025`). Stored as
 * `YYYY-MM-DD HH:MM:SS` so they sort and compare as text.
 */

import type { DayMonthOrder } from '../../shared/ipc'

export type { DayMonthOrder }

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/

export interface DateEvidence {
  /** Some value had a first part above 12, so the file writes the day first. */
  dayFirst: boolean
  monthFirst: boolean
  /** Dotted dates are day-first by convention; AM/PM times come with month-first US dates. */
  dotted: boolean
  twelveHour: boolean
  numericSeen: boolean
}

export function emptyEvidence(): DateEvidence {
  return { dayFirst: false, monthFirst: false, dotted: false, twelveHour: false, numericSeen: false }
}

export function collectEvidence(raw: string, evidence: DateEvidence): void {
  const match = NUMERIC.exec(raw.trim())
  if (!match) return
  evidence.numericSeen = true
  const first = Number(match[1])
  const second = Number(match[3])
  if (first > 12 && second <= 12) evidence.dayFirst = true
  if (second > 12 && first <= 12) evidence.monthFirst = true
  if (match[2] === '.') evidence.dotted = true
  if (match[8]) evidence.twelveHour = true
}

export type OrderDecision =
  | { order: DayMonthOrder; basis: 'values' | 'convention' }
  | { order: DayMonthOrder; basis: 'assumed' }
  | { order: null; basis: 'contradictory' }

/** Decides once per file, from all its values; `assumed` means the file could not tell. */
export function decideOrder(evidence: DateEvidence): OrderDecision {
  if (evidence.dayFirst && evidence.monthFirst) return { order: null, basis: 'contradictory' }
  if (evidence.dayFirst) return { order: 'day-first', basis: 'values' }
  if (evidence.monthFirst) return { order: 'month-first', basis: 'values' }
  if (evidence.dotted) return { order: 'day-first', basis: 'convention' }
  if (evidence.twelveHour) return { order: 'month-first', basis: 'convention' }
  return { order: 'month-first', basis: 'assumed' }
}

const pad = (value: number): string => String(value).padStart(2, '0')

function valid(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** `YYYY-MM-DD HH:MM:SS`, or null when the text is not a date-time this app can read. */
export function parseDateTime(raw: string, order: DayMonthOrder | null): string | null {
  const text = raw.trim()
  if (text === '') return null
  const iso = ISO.exec(text)
  if (iso) {
    const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    return valid(year, month, day, hour, minute, second)
      ? `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`
      : null
  }
  const numeric = NUMERIC.exec(text)
  if (!numeric || order === null) return null
  const first = Number(numeric[1])
  const second = Number(numeric[3])
  const year = Number(numeric[4])
  let hour = Number(numeric[5] ?? 0)
  const minute = Number(numeric[6] ?? 0)
  const seconds = Number(numeric[7] ?? 0)
  const meridiem = numeric[8]?.toLowerCase()
  if (meridiem) {
    if (hour < 1 || hour > 12) return null
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0)
  }
  const [month, day] = order === 'day-first' ? [second, first] : [first, second]
  return valid(year, month, day, hour, minute, seconds)
    ? `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(seconds)}`
    : null
}
