/**
 * The report's words: file names, and its number formats under the names html.ts uses. Its names (verdicts, reasons, reason groups) come from
 * ../../../shared/labels.ts like the screens', so a manager reading the PDF sees the marketer's words.
 */
// The numbers and dates come from ../../../shared/format.ts, shared with the screens.
export { formatChange, formatLongDay as longDay, formatNumber as formatCount, formatRate } from '../../../shared/format'
import { formatPoints } from '../../../shared/format'

/** The change of a rate in percentage points: `+2.9 pts`; empty without both rates. */
export function formatPointsChange(latest: number | null, previous: number | null): string {
  return formatPoints(latest, previous) ?? ''
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
