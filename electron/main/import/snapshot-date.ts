import type { SnapshotDateSource } from '../../shared/ipc'
import { isIsoDay } from '../../shared/validate'

// Years 2000–2099 only, so an Id or a row count in a file name is not read as a date.
const DATE_IN_NAME = /(?<!\d)(20\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)/

export function dateFromFileName(fileName: string): string | null {
  const match = DATE_IN_NAME.exec(fileName)
  if (!match) return null
  const day = `${match[1]}-${match[2]}-${match[3]}`
  return isIsoDay(day) ? day : null
}

export function localDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function chooseSnapshotDate(
  fileName: string,
  lastModifiedMs: number | undefined,
  override: string | undefined,
  now: Date,
): { date: string; source: SnapshotDateSource } {
  if (override) return { date: override, source: 'user' }
  const fromName = dateFromFileName(fileName)
  if (fromName) return { date: fromName, source: 'file-name' }
  if (lastModifiedMs !== undefined) return { date: localDay(new Date(lastModifiedMs)), source: 'file-modified' }
  return { date: localDay(now), source: 'import-day' }
}

/** The list name a user would recognise: the file name without extension, date and separators. */
export function listNameFromFileName(fileName: string): string | null {
  const stem = fileName.replace(/\.[^.]+$/, '')
  const name = stem
    .replace(DATE_IN_NAME, ' ')
    .replace(/[_]+/g, ' ')
    .replace(/\s*[-–]\s*$/g, '')
    .replace(/^\s*[-–]\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return name === '' ? null : name
}
