/**
 * Keyset paging over one channel: the first page whenever the request changes, more pages on
 * demand. The renderer holds only the pages the user asked for, never a whole table.
 * Construct it while a component initialises: it owns an `$effect`.
 */
import { untrack } from 'svelte'
import { errorMessage } from '../../lib/api'

export interface PageOf<Row, Cursor> {
  rows: Row[]
  nextCursor: Cursor | null
  total: number
  /** False when `total` is a lower bound or an estimate. */
  totalExact?: boolean
}

/** Fetches the page after a cursor (the first page for `undefined`). */
export type PageFetch<Row, Cursor> = (after: Cursor | undefined) => Promise<PageOf<Row, Cursor>>

export class Pager<Row, Cursor> {
  rows = $state.raw<Row[]>([])
  nextCursor = $state.raw<Cursor | null>(null)
  total = $state(0)
  totalExact = $state(true)
  /** True while the first page of a new request is on its way (the old rows stay until then). */
  loading = $state(false)
  loadingMore = $state(false)
  /** True once the first page of the current request has arrived. */
  ready = $state(false)
  error = $state<string | null>(null)

  #fetch: PageFetch<Row, Cursor> | null = null
  #generation = 0

  /** `request` is read reactively: it returns the fetcher for the current filters, or null for none. */
  constructor(request: () => PageFetch<Row, Cursor> | null) {
    $effect(() => {
      const fetch = request()
      untrack(() => this.#start(fetch))
    })
  }

  #start(fetch: PageFetch<Row, Cursor> | null): void {
    const generation = ++this.#generation
    this.#fetch = fetch
    this.loadingMore = false
    if (fetch === null) {
      this.rows = []
      this.nextCursor = null
      this.total = 0
      this.totalExact = true
      this.loading = false
      this.ready = false
      this.error = null
      return
    }
    this.loading = true
    fetch(undefined).then(
      (page) => {
        if (generation !== this.#generation) return
        this.rows = page.rows
        this.nextCursor = page.nextCursor
        this.total = page.total
        this.totalExact = page.totalExact ?? true
        this.error = null
        this.loading = false
        this.ready = true
      },
      (error: unknown) => {
        if (generation !== this.#generation) return
        this.error = errorMessage(error)
        this.loading = false
      },
    )
  }

  get hasMore(): boolean {
    return this.nextCursor !== null
  }

  loadMore(): void {
    const fetch = this.#fetch
    const cursor = this.nextCursor
    if (fetch === null || cursor === null || this.loadingMore || this.loading) return
    const generation = this.#generation
    this.loadingMore = true
    fetch(cursor).then(
      (page) => {
        if (generation !== this.#generation) return
        this.rows = [...this.rows, ...page.rows]
        this.nextCursor = page.nextCursor
        this.total = page.total
        this.totalExact = page.totalExact ?? true
        this.loadingMore = false
      },
      (error: unknown) => {
        if (generation !== this.#generation) return
        this.error = errorMessage(error)
        this.loadingMore = false
      },
    )
  }
}
