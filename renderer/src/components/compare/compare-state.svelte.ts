/**
 * The Compare view's choice of two snapshots and one set of changes. Unchosen, the later snapshot is
 * the newest and the earlier one the previous snapshot of the same list; the choice is written to the
 * hash (`#/compare/12-13/newlyInvalid`) only once the user has made one, so a bare `#/compare` keeps
 * following the newest imports; from then on every change is written, closing a set too (the view
 * used to stop writing once the choice looked empty again, and a reload reopened the closed set).
 */
import type { DiffKind, DiffRow, ImportSummary } from '../../../../electron/shared/ipc'
import { byNewest } from '../../lib/snapshots'
import { explorerHref } from '../explorer/link'
import { compareDetail } from './kinds'

/** The later snapshot: the chosen one while it exists, else the newest. */
export function laterOf(sorted: readonly ImportSummary[], chosen: number | null): ImportSummary | null {
  return sorted.find((item) => item.id === chosen) ?? sorted[0] ?? null
}

/** The earlier one: the chosen one, else the previous snapshot of the same list, else the next newest. */
export function earlierOf(
  sorted: readonly ImportSummary[],
  later: ImportSummary | null,
  chosen: number | null,
): ImportSummary | null {
  const picked = sorted.find((item) => item.id === chosen)
  if (picked) return picked
  if (later === null) return null
  const rest = sorted.filter((item) => item.id !== later.id)
  const older = rest.filter((item) => item.snapshotDate <= later.snapshotDate)
  return older.find((item) => item.listName === later.listName) ?? older[0] ?? rest[0] ?? null
}

export class CompareState {
  chosenA = $state<number | null>(null)
  chosenB = $state<number | null>(null)
  /** The set of changes whose leads are listed, or null for none. */
  kind = $state<DiffKind | null>(null)
  /** Whether a link or the user has chosen anything yet (until then the hash is left alone). */
  #chosen = $state(false)

  /**
   * @param imports every import (`imports:list`), undefined until read
   * @param linked what the link that opened the view chose
   */
  constructor(
    private readonly imports: () => readonly ImportSummary[] | undefined,
    linked: { importA: number; importB: number; kind: DiffKind | null } | null,
  ) {
    this.chosenA = linked?.importA ?? null
    this.chosenB = linked?.importB ?? null
    this.kind = linked?.kind ?? null
    this.#chosen = linked !== null
  }

  /** Newest first: the order of both menus. */
  readonly sorted = $derived.by(() => byNewest(this.imports()))
  readonly later = $derived.by(() => laterOf(this.sorted, this.chosenB))
  readonly earlier = $derived.by(() => earlierOf(this.sorted, this.later, this.chosenA))

  /** The request for `diff:get` and `diff:rows`, or null while the two sides are the same snapshot. */
  readonly pair = $derived.by(() => {
    const [a, b] = [this.earlier, this.later]
    return a && b && a.id !== b.id ? { importA: a.id, importB: b.id } : null
  })

  /**
   * The hash's detail for the choice: undefined while the user has chosen nothing (leave the hash
   * alone), null when there is no pair to name.
   */
  readonly detail = $derived.by((): string | null | undefined => {
    if (!this.#chosen) return undefined
    return this.earlier && this.later ? compareDetail(this.earlier.id, this.later.id, this.kind) : null
  })

  /** The two snapshots are of different lists: leads on only one count as appeared or disappeared. */
  readonly mixedLists = $derived(
    this.earlier !== null && this.later !== null && this.earlier.listName !== this.later.listName,
  )

  /** The "earlier" snapshot is the newer one: the changes read backwards. */
  readonly backwards = $derived(
    this.earlier !== null && this.later !== null && this.earlier.snapshotDate > this.later.snapshotDate,
  )

  /** A new earlier snapshot; the later one stays what is shown (it may have been the default). */
  chooseEarlier(id: number): void {
    this.#chosen = true
    this.chosenA = id
    this.chosenB = this.later?.id ?? null
  }

  chooseLater(id: number): void {
    this.#chosen = true
    this.chosenB = id
    this.chosenA = this.earlier?.id ?? null
  }

  swap(): void {
    this.#chosen = true
    const a = this.earlier?.id ?? null
    this.chosenA = this.later?.id ?? null
    this.chosenB = a
  }

  /** A card click: open its set, or close it when it is the one open. */
  toggleKind(kind: DiffKind): void {
    this.#chosen = true
    this.kind = this.kind === kind ? null : kind
  }

  /** Where a lead of the diff opens in Leads: the later snapshot, unless it left. */
  leadHref(row: DiffRow): string {
    const importId = row.after === null ? this.earlier?.id : this.later?.id
    return explorerHref({ importId, search: row.email })
  }
}
