/**
 * Number and date formats of the report. Its names (verdicts, reasons, reason groups) come from
 * ../../../shared/labels.ts like the screens', so a manager reading the PDF sees the marketer's words.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** `20 Nov 2026` from `2026-11-20`; the text as it is when it is not such a date. */
export function longDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day)
  if (!match) return day
  const [, year, month, date] = match
  return `${Number(date)} ${MONTHS[Number(month) - 1] ?? month} ${year}`
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** A 0..1 rate as `12.5%`; a dash without one. */
export function formatRate(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`
}

/** `+3`, `−2` (a real minus), `no change`; empty without a previous figure. */
export function formatChange(latest: number, previous: number | null): string {
  if (previous === null) return ''
  const delta = latest - previous
  if (delta === 0) return 'no change'
  return delta > 0 ? `+${formatCount(delta)}` : `−${formatCount(-delta)}`
}

/** The change of a rate in percentage points: `+2.9 pts`. */
export function formatPointsChange(latest: number | null, previous: number | null): string {
  if (latest === null || previous === null) return ''
  const points = (latest - previous) * 100
  if (Math.abs(points) < 0.05) return 'no change'
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`
}

/** For a file name: `weekly-deliverability` from `Weekly Deliverability (EMEA)`. */
export function slug(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '')
  return cleaned === '' ? fallback : cleaned
}
