/**
 * The Codes view's list logic: the search text and the "only in my data" switch narrow the catalog's
 * groups; the arrow keys walk what is left; the user's own counts label each code. The view keeps the
 * DOM (focus, scrolling) and the router; everything decided here is plain state, tested without one.
 */
import { SvelteSet } from 'svelte/reactivity'
import type { CatalogEntry } from '../../../../electron/shared/catalog/index'
import type { CodeUsage, CodeUsageSummary } from '../../../../electron/shared/ipc'
import { formatDay, formatNumber } from '../../../../electron/shared/format'
import { CODE_GROUPS, entryFilter, type CodeGroup } from './catalog'

/** Every code the catalog lists. */
export const CODE_TOTAL = CODE_GROUPS.reduce((sum, group) => sum + group.entries.length, 0)

/** The kinds of code the usage counts cover: the reply and enhanced codes are the ones counted. */
const COUNTED_KINDS: readonly CatalogEntry['kind'][] = ['reply', 'enhanced']

export function isCounted(entry: CatalogEntry): boolean {
  return COUNTED_KINDS.includes(entry.kind)
}

/** A search this long with a space in it is more likely a whole bounce text than a code. */
export function looksLikeBounceText(query: string): boolean {
  const text = query.trim()
  return text.length > 24 && /\s/.test(text)
}

/**
 * The entry an arrow key moves to among `visible`: down from nothing is the first, up from nothing the
 * last, and both wrap around.
 */
export function stepEntry(
  visible: readonly CatalogEntry[],
  shown: CatalogEntry | null,
  direction: 1 | -1,
): CatalogEntry | null {
  if (visible.length === 0) return null
  const current = shown === null ? -1 : visible.indexOf(shown)
  const next =
    current < 0 ? (direction > 0 ? 0 : visible.length - 1) : (current + direction + visible.length) % visible.length
  return visible[next] ?? null
}

/** The hover text of a code's count: its rows in the latest export and over every export. */
export function usageTitle(item: CodeUsage | undefined, snapshots: number): string | undefined {
  if (!item) return undefined
  const latest = `${formatNumber(item.latestRows)} Email Invalid ${item.latestRows === 1 ? 'row' : 'rows'} in your latest export`
  return `${latest}; ${formatNumber(item.allRows)} across ${snapshots === 1 ? 'your one export' : `all ${formatNumber(snapshots)} exports`}`
}

/** What "latest" means in the legend: the one export, or the newest of each list. */
export function latestLabel(summary: CodeUsageSummary | undefined): string {
  const latest = summary?.latestSnapshots ?? []
  const only = latest.length === 1 ? latest[0] : undefined
  if (only) return `your latest export (${formatDay(only.snapshotDate)})`
  return 'the latest export of each list'
}

export class CodeSearch {
  query = $state('')
  /** Only the codes found in the user's rows. */
  usedOnly = $state(false)
  /** Groups the user opened; while a search runs every group with a match is open. */
  readonly openGroups = new SvelteSet<string>()

  /**
   * @param usage the user's counts (`codes:usage`), undefined until read
   * @param selected the entry the link names (`#/codes/5.7.26`), or null
   */
  constructor(
    private readonly usage: () => CodeUsageSummary | undefined,
    private readonly selected: () => CatalogEntry | null,
  ) {}

  /** Rebuilt whole from each new summary and never changed in place, so a plain Map is reactive enough. */
  readonly usageByCode: ReadonlyMap<string, CodeUsage> = $derived.by(
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read-only, replaced as a whole
    () => new Map((this.usage()?.codes ?? []).map((item) => [item.code, item])),
  )

  /** Catalog entries that occur in the user's rows: a code the catalog does not list has no row here. */
  readonly usedCount = $derived(
    CODE_GROUPS.reduce(
      (sum, group) => sum + group.entries.filter((entry) => this.usageByCode.has(entry.code)).length,
      0,
    ),
  )

  readonly filter = $derived.by((): ((entry: CatalogEntry) => boolean) | null => {
    const byText = entryFilter(this.query)
    if (!this.usedOnly) return byText
    const used = this.usageByCode
    return (entry) => used.has(entry.code) && (byText === null || byText(entry))
  })

  readonly searching = $derived(this.filter !== null)

  /** The groups to draw with the entries left in each; a search drops the groups it empties. */
  readonly groups = $derived.by((): { group: CodeGroup; entries: readonly CatalogEntry[] }[] => {
    const matches = this.filter
    if (matches === null) return CODE_GROUPS.map((group) => ({ group, entries: group.entries }))
    return CODE_GROUPS.map((group) => ({ group, entries: group.entries.filter(matches) })).filter(
      (item) => item.entries.length > 0,
    )
  })

  readonly visible = $derived(this.groups.flatMap((item) => item.entries))

  /** The entry read in full: the linked one, or the only one a search left (no need to pick it). */
  readonly shown = $derived.by(
    () => this.selected() ?? (this.searching && this.visible.length === 1 ? (this.visible[0] ?? null) : null),
  )

  readonly looksLikeBounce = $derived(looksLikeBounceText(this.query))

  isOpen(groupId: string): boolean {
    return this.searching || this.openGroups.has(groupId)
  }

  /** The user opened or closed a group; a search decides by itself which are open. */
  toggle(groupId: string, open: boolean): void {
    if (this.searching) return
    if (open) this.openGroups.add(groupId)
    else this.openGroups.delete(groupId)
  }

  step(direction: 1 | -1): CatalogEntry | null {
    return stepEntry(this.visible, this.shown, direction)
  }

  titleOf(code: string): string | undefined {
    return usageTitle(this.usageByCode.get(code), this.usage()?.snapshotCount ?? 0)
  }
}
