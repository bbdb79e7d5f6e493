/** `12.3 MB`; one decimal below ten, so small files do not all read `0 MB`. Settings and diagnostics both show sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`
}

// Numbers, rates and dates as the screens and the HTML report both show them: one module, so a figure
// reads the same in the app and in the report a manager is sent. Pure Intl, no DOM and no Node.

const LOCALE = 'en-US'
const numberFormat = new Intl.NumberFormat(LOCALE)
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 })
const rateFormat = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
})
const pointsFormat = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const dayFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' })
const shortDayFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' })
const thisYearDateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
})
const MINUS = '\u2212'
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** `12,345`. */
export function formatNumber(value: number): string {
  return numberFormat.format(value)
}

/** `+12` / `−3` / `0`, with a real minus sign. */
export function formatDelta(value: number): string {
  if (value === 0) return '0'
  const abs = numberFormat.format(Math.abs(value))
  return value > 0 ? `+${abs}` : `${MINUS}${abs}`
}

/** The change from a previous figure: `+3`, `−2`, `no change`; empty without a previous figure. */
export function formatChange(latest: number, previous: number | null): string {
  if (previous === null) return ''
  return latest === previous ? 'no change' : formatDelta(latest - previous)
}

/** `part` of `whole` as `12.5%` (`0%` of nothing). */
export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? percentFormat.format(part / whole) : percentFormat.format(0)
}

/** A 0..1 rate as `3.1%`, always one decimal; a dash without one. */
export function formatRate(rate: number | null): string {
  return rate === null ? '–' : rateFormat.format(rate)
}

/** The change between two rates in percentage points: `+2.9 pts`, `−0.4 pts`, `no change`; null without both. */
export function formatPoints(now: number | null, before: number | null): string | null {
  if (now === null || before === null) return null
  const points = Math.round((now - before) * 1000) / 10
  if (points === 0) return 'no change'
  return `${points > 0 ? '+' : MINUS}${pointsFormat.format(Math.abs(points))} pts`
}

/** A snapshot day (`YYYY-MM-DD`, a calendar day with no time zone) as `Nov 20, 2026`. */
export function formatDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? isoDay : dayFormat.format(date)
}

/** `Nov 20`. */
export function formatShortDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? isoDay : shortDayFormat.format(date)
}

/** `20 Nov 2026` from `2026-11-20`, the report's headings; the text as it is when it is not such a date. */
export function formatLongDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day)
  if (!match) return day
  const [, year, month, date] = match
  return `${Number(date)} ${MONTHS[Number(month) - 1] ?? month} ${year}`
}

/** A moment (ISO timestamp) in the user's local time; the year only when it is not this one. */
export function formatDateTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.getFullYear() === now.getFullYear() ? thisYearDateTimeFormat.format(date) : dateTimeFormat.format(date)
}

/** `about 40 s left`, `about 3 min left`: a rough figure reads calmer than a ticking one. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 5) return 'a few seconds left'
  if (seconds < 60) return `about ${Math.ceil(seconds / 5) * 5} s left`
  return `about ${Math.ceil(seconds / 60)} min left`
}
