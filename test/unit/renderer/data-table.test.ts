import { describe, expect, it } from 'vitest'
import {
  ariaSort,
  moveIndex,
  nextSort,
  scrollToShow,
  sortRows,
  virtualWindow,
  VIRTUAL_FROM,
  type SortableColumn,
} from '../../../renderer/src/lib/data-table'
import { flagLabel, nextFlag } from '../../../renderer/src/lib/flag-filter'

interface Row {
  email: string
  rows: number | null
}

const columns: SortableColumn<Row>[] = [
  { key: 'email', sortValue: (r) => r.email },
  { key: 'rows', sortValue: (r) => r.rows },
  { key: 'plain' },
]

const data: Row[] = [
  { email: 'bob@b.example', rows: 10 },
  { email: 'amy@a.example', rows: null },
  { email: 'Cy@c.example', rows: 2 },
  { email: 'dan@d.example', rows: 10 },
]

describe('sortRows', () => {
  it('sorts text without regard to case, ascending and descending', () => {
    expect(sortRows(data, columns, { key: 'email', dir: 'asc' }).map((r) => r.email)).toEqual([
      'amy@a.example',
      'bob@b.example',
      'Cy@c.example',
      'dan@d.example',
    ])
    expect(sortRows(data, columns, { key: 'email', dir: 'desc' }).map((r) => r.email)[0]).toBe('dan@d.example')
  })

  it('sorts numbers as numbers, keeps ties in their order and empty values last either way', () => {
    expect(sortRows(data, columns, { key: 'rows', dir: 'asc' }).map((r) => r.email)).toEqual([
      'Cy@c.example',
      'bob@b.example',
      'dan@d.example',
      'amy@a.example',
    ])
    expect(sortRows(data, columns, { key: 'rows', dir: 'desc' }).map((r) => r.email)).toEqual([
      'bob@b.example',
      'dan@d.example',
      'Cy@c.example',
      'amy@a.example',
    ])
  })

  it('leaves the order alone without a sort or on a column with no sort value, and never mutates', () => {
    expect(sortRows(data, columns, null)).toEqual(data)
    expect(sortRows(data, columns, { key: 'plain', dir: 'desc' })).toEqual(data)
    expect(sortRows(data, columns, { key: 'email', dir: 'desc' })).not.toBe(data)
    expect(data[0]?.email).toBe('bob@b.example')
  })
})

describe('header clicks', () => {
  it('sorts a new column ascending and flips the same one', () => {
    expect(nextSort(null, 'email')).toEqual({ key: 'email', dir: 'asc' })
    expect(nextSort({ key: 'email', dir: 'asc' }, 'email')).toEqual({ key: 'email', dir: 'desc' })
    expect(nextSort({ key: 'email', dir: 'desc' }, 'email')).toEqual({ key: 'email', dir: 'asc' })
    expect(nextSort({ key: 'email', dir: 'desc' }, 'rows')).toEqual({ key: 'rows', dir: 'asc' })
    expect(ariaSort({ key: 'rows', dir: 'desc' }, 'rows')).toBe('descending')
    expect(ariaSort({ key: 'rows', dir: 'desc' }, 'email')).toBe('none')
  })
})

describe('moveIndex', () => {
  it('walks rows with the arrow, Home, End and page keys, within the list', () => {
    expect(moveIndex('ArrowDown', 0, 5, 3)).toBe(1)
    expect(moveIndex('ArrowDown', 4, 5, 3)).toBe(4)
    expect(moveIndex('ArrowUp', 0, 5, 3)).toBe(0)
    expect(moveIndex('Home', 3, 5, 3)).toBe(0)
    expect(moveIndex('End', 0, 5, 3)).toBe(4)
    expect(moveIndex('PageDown', 1, 5, 3)).toBe(4)
    expect(moveIndex('PageUp', 4, 5, 3)).toBe(1)
  })

  it('ignores other keys and empty lists', () => {
    expect(moveIndex('a', 0, 5, 3)).toBeNull()
    expect(moveIndex('ArrowDown', 0, 0, 3)).toBeNull()
  })
})

describe('virtualWindow', () => {
  it('draws every row of a short list', () => {
    expect(virtualWindow(5000, 400, 40, VIRTUAL_FROM)).toEqual({ start: 0, end: VIRTUAL_FROM, padTop: 0, padBottom: 0 })
  })

  it('draws only the rows in view (plus a margin) of a long one, padding the rest', () => {
    const count = 10_000
    const w = virtualWindow(40 * 1000, 400, 40, count, 10)
    expect(w.start).toBe(990)
    expect(w.end).toBe(1020)
    expect(w.padTop).toBe(990 * 40)
    expect(w.padBottom).toBe((count - 1020) * 40)
    // The drawn rows plus the padding keep the list's full height, so the scroll bar stays true.
    expect(w.padTop + (w.end - w.start) * 40 + w.padBottom).toBe(count * 40)
  })

  it('stays within the list at both ends', () => {
    expect(virtualWindow(0, 400, 40, 1000, 10).start).toBe(0)
    const end = virtualWindow(40 * 5000, 400, 40, 1000, 10)
    expect(end.end).toBe(1000)
    expect(end.start).toBeLessThan(1000)
  })

  it('scrolls a row into view only when it is out of it', () => {
    expect(scrollToShow(5, 0, 400, 40)).toBeNull()
    expect(scrollToShow(20, 0, 400, 40)).toBe(20 * 40 + 40 - 400)
    expect(scrollToShow(2, 400, 400, 40)).toBe(80)
  })
})

describe('flag filters', () => {
  it('cycle any → yes → no → any and say so', () => {
    expect(nextFlag(undefined)).toBe(true)
    expect(nextFlag(true)).toBe(false)
    expect(nextFlag(false)).toBeUndefined()
    expect(flagLabel('Invalid', undefined)).toBe('Invalid')
    expect(flagLabel('Invalid', true)).toBe('Invalid: yes')
    expect(flagLabel('Invalid', false)).toBe('Invalid: no')
  })
})
