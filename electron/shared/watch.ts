/**
 * The watched folder (Settings): every new export that lands in one folder is imported once it
 * stops growing. These are the words and shapes the Node side and the Settings view share.
 */

/** The file names the watcher picks up (.xls is picked up so its refusal reaches the user). */
export const WATCHED_EXTENSIONS = ['csv', 'tsv', 'txt', 'xlsx', 'xlsm', 'xls'] as const

/** What happened to one file that landed in the folder. */
export const WATCH_OUTCOMES = ['imported', 'skipped', 'failed'] as const
export type WatchOutcome = (typeof WATCH_OUTCOMES)[number]

export interface WatchEvent {
  /** Increases with every event, so the view can key its list. */
  id: number
  /** ISO time the file was handled. */
  at: string
  fileName: string
  outcome: WatchOutcome
  /** A plain sentence: the headline when imported, the reason otherwise. */
  message: string
  /** The snapshot the file became, when imported. */
  importId: number | null
}

export interface WatchStatus {
  /** The folder chosen in Settings; null until one is chosen. */
  folder: string | null
  /** The user's switch (off by default). */
  enabled: boolean
  /** True while the folder is really watched (on, and the folder could be opened). */
  watching: boolean
  /** Why the folder is not watched although the switch is on, e.g. it was removed. */
  error: string | null
  /** Newest first; only this run of the app. */
  events: WatchEvent[]
}

/** Whether a file name is one the watcher imports: an export's extension, not hidden, not an editor's lock file. */
export function isWatchedFileName(name: string): boolean {
  // Office writes `~$name.xlsx` while a workbook is open; macOS and editors write dot files.
  if (name.startsWith('.') || name.startsWith('~$')) return false
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return false
  const extension = name.slice(dot + 1).toLowerCase()
  return (WATCHED_EXTENSIONS as readonly string[]).includes(extension)
}

const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/**
 * The headline of an imported export: what changed against the list's previous snapshot
 * (`newlyInvalid`; null for a list's first snapshot, where only the total can be said) and how
 * many invalid addresses need a person to look (sender-side blocks and unclear texts).
 */
export function watchHeadline(figures: { newlyInvalid: number | null; invalid: number; toReview: number }): string {
  const first =
    figures.newlyInvalid === null
      ? `${count(figures.invalid, 'address', 'addresses')} marked invalid`
      : `${figures.newlyInvalid.toLocaleString('en-US')} newly invalid`
  return `${first}, ${figures.toReview.toLocaleString('en-US')} to review`
}
