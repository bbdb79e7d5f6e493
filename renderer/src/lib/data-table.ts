/**
 * The logic behind `components/table/DataTable.svelte`, kept free of Svelte and the DOM so it can be
 * unit-tested: sorting, which row the arrow keys move to, and which slice of a long list is drawn.
 */

export type SortDir = 'asc' | 'desc'

export interface SortState {
  key: string
  dir: SortDir
}

/** What a table needs to know about one column to sort by it. */
export interface SortableColumn<T> {
  key: string
  /** The value sorted on; a column without one is not sortable. */
  sortValue?: (row: T) => string | number | null
}

/**
 * One column of a `DataTable`. Declared here, in plain TypeScript, so a view's column list can live in a
 * module that the Node-side typecheck of the unit tests reads (it cannot read a `.svelte` file's exports).
 */
export interface Column<T> extends SortableColumn<T> {
  label: string
  /** Shown to screen readers only (a column of buttons needs a name, not a visible heading). */
  hideLabel?: boolean
  /** The header's hover text: what the column counts, when the label alone does not say. */
  title?: string
  /** A fixed width (`120px`, `44%`); columns without one share what is left. */
  width?: string
  align?: 'left' | 'right'
  /** Plain text for the cell when no `cell` snippet draws it (also the hover title). */
  text?: (row: T) => string
  /** Smaller, muted text (secondary columns). */
  muted?: boolean
  /** A class on the column's header and cells, for the owner's styles (`.owner :global(td.actions)`). */
  class?: string
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

function compareValues(a: string | number | null, b: string | number | null): number {
  // Empty values sort last in both directions, so flipping the order never buries the filled rows.
  if (a === null || a === '') return b === null || b === '' ? 0 : 1
  if (b === null || b === '') return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

/** A sorted copy (stable), or the rows as they are when the sort names no sortable column. */
export function sortRows<T>(rows: readonly T[], columns: readonly SortableColumn<T>[], sort: SortState | null): T[] {
  const column = sort ? columns.find((c) => c.key === sort.key) : undefined
  const value = column?.sortValue
  if (!sort || !value) return [...rows]
  const sign = sort.dir === 'asc' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((x, y) => {
      const empty = (x.v === null || x.v === '') !== (y.v === null || y.v === '')
      const c = compareValues(x.v, y.v)
      // Keep empties last regardless of direction; otherwise flip.
      return (empty ? c : c * sign) || x.index - y.index
    })
    .map((entry) => entry.row)
}

/** A click on a header: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortState | null, key: string): SortState {
  if (current?.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  return { key, dir: 'asc' }
}

/** `aria-sort` for a header. */
export function ariaSort(sort: SortState | null, key: string): 'ascending' | 'descending' | 'none' {
  if (sort?.key !== key) return 'none'
  return sort.dir === 'asc' ? 'ascending' : 'descending'
}

/**
 * The row the focus moves to for a key, or null when the key is not a table key.
 * `page` is how many rows a Page Up/Down jumps (the rows in view).
 */
export function moveIndex(key: string, index: number, count: number, page: number): number | null {
  if (count === 0) return null
  const last = count - 1
  const clamp = (n: number): number => Math.min(last, Math.max(0, n))
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1)
    case 'ArrowUp':
      return clamp(index - 1)
    case 'Home':
      return 0
    case 'End':
      return last
    case 'PageDown':
      return clamp(index + Math.max(1, page))
    case 'PageUp':
      return clamp(index - Math.max(1, page))
    default:
      return null
  }
}

export interface VirtualWindow {
  /** First row drawn (inclusive) and last (exclusive). */
  start: number
  end: number
  /** Empty space above and below the drawn rows, in pixels, so the scroll bar keeps its true size. */
  padTop: number
  padBottom: number
}

/** Rows beyond this many are drawn a window at a time; fewer are all drawn (simpler, and find-in-page works). */
export const VIRTUAL_FROM = 200

export function virtualWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 10,
): VirtualWindow {
  if (count <= VIRTUAL_FROM || rowHeight <= 0) return { start: 0, end: count, padTop: 0, padBottom: 0 }
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const visible = Math.ceil(Math.max(viewport, rowHeight) / rowHeight)
  const start = Math.max(0, Math.min(count - 1, first - overscan))
  const end = Math.min(count, first + visible + overscan)
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight }
}

/** The scroll position that brings row `index` into view, or null when it already is. */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number): number | null {
  const top = index * rowHeight
  if (top < scrollTop) return top
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport
  return null
}
