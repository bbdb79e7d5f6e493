import { describe, expect, it } from 'vitest'
import type { ImportSummary, KeyCompared, NewlyInvalidEntry, ProviderCompared } from '../../../electron/shared/ipc'
import {
  anyDateGuessed,
  changeTitle,
  dateNote,
  ImportDialogs,
  importColumns,
} from '../../../renderer/src/components/history/imports-table.svelte'
import {
  rateTitle,
  topBounceChange,
  topBounceColumns,
  topBounceFilter,
} from '../../../renderer/src/components/history/top-bounces'
import { sortRows } from '../../../renderer/src/lib/data-table'

function snapshot(
  id: number,
  listName: string,
  rows: number,
  source: ImportSummary['snapshotDateSource'] = 'file-name',
): ImportSummary {
  return {
    id,
    fileName: `${listName}-${id}.csv`,
    listName,
    snapshotDate: `2026-11-0${id}`,
    snapshotDateSource: source,
    importedAt: '2026-11-30T10:00:00Z',
    rows,
    invalid: rows / 10,
    suspended: 0,
    skipped: 0,
  }
}

const FIRST = snapshot(1, 'weekly', 1200)
const SECOND = snapshot(2, 'weekly', 900)
const MONTHLY = snapshot(3, 'monthly', 5000)
const IMPORTS = [FIRST, SECOND, MONTHLY]
const CHANGES = new Map<number, NewlyInvalidEntry>([
  [1, { importId: 1, previousImportId: null, newlyInvalid: null, recovered: null }],
  [2, { importId: 2, previousImportId: 1, newlyInvalid: 7, recovered: 2 }],
  [3, { importId: 3, previousImportId: null, newlyInvalid: null, recovered: null }],
])

describe('the Imports table', () => {
  const columns = importColumns((id) => CHANGES.get(id))
  const column = (key: string) => {
    const found = columns.find((c) => c.key === key)
    if (!found) throw new Error(`no column ${key}`)
    return found
  }

  it('lists the columns in order, the buttons column named for screen readers only', () => {
    expect(columns.map((c) => c.label)).toEqual([
      'File and list',
      'Snapshot',
      'Rows',
      'Email Invalid',
      'Newly invalid',
      'Suspended',
      'Skipped',
      'Report and delete',
    ])
    expect(column('actions').hideLabel).toBe(true)
    expect(column('actions').sortValue).toBeUndefined()
    expect(column('rows').text?.(MONTHLY)).toBe('5,000')
  })

  it('sorts by newly invalid with a list’s first export last in both directions', () => {
    const down = sortRows(IMPORTS, columns, { key: 'newly', dir: 'desc' }).map((s) => s.id)
    const up = sortRows(IMPORTS, columns, { key: 'newly', dir: 'asc' }).map((s) => s.id)
    expect(down[0]).toBe(2)
    expect(up[0]).toBe(2)
    expect(sortRows(IMPORTS, columns, { key: 'rows', dir: 'desc' }).map((s) => s.id)).toEqual([3, 1, 2])
  })

  it('says where a guessed date came from, and only then shows the footnote', () => {
    expect(dateNote(FIRST)).toBeNull()
    expect(anyDateGuessed(IMPORTS)).toBe(false)
    const guessed = snapshot(4, 'weekly', 10, 'file-modified')
    expect(dateNote(guessed)).toMatch(/last-modified time/)
    expect(anyDateGuessed([...IMPORTS, guessed])).toBe(true)
  })

  it('words the newly-invalid hover for a first export and for a later one', () => {
    expect(changeTitle(CHANGES.get(1))).toMatch(/first export of its list/)
    expect(changeTitle(undefined)).toMatch(/first export of its list/)
    expect(changeTitle(CHANGES.get(2))).toBe(
      '7 newly Email Invalid and 2 recovered since the previous export of the list',
    )
  })

  it('counts the other snapshots of the list being deleted, and none while nothing is', () => {
    let imports = IMPORTS
    const dialogs = new ImportDialogs(() => imports)
    expect(dialogs.othersInList).toBe(0)
    dialogs.deleting = FIRST
    expect(dialogs.othersInList).toBe(1)
    dialogs.deleting = MONTHLY
    expect(dialogs.othersInList).toBe(0)
    imports = [...IMPORTS, snapshot(5, 'monthly', 10)]
    const later = new ImportDialogs(() => imports)
    later.deleting = MONTHLY
    expect(later.othersInList).toBe(1)
  })
})

describe('the top domains and providers', () => {
  const gmail: KeyCompared = { key: 'gmail.com', latest: 12, previous: 9 }
  const fresh: KeyCompared = { key: 'new.example', latest: 3, previous: null }
  const google: ProviderCompared = {
    key: 'google',
    latest: 12,
    previous: 9,
    addresses: { latest: 400, previous: 380 },
    rate: { latest: 0.03, previous: 9 / 380 },
  }

  it('opens the Leads view on the Email Invalid rows of a domain or of a provider', () => {
    expect(topBounceFilter('domain', 4, 'gmail.com')).toEqual({ importId: 4, invalid: true, search: '@gmail.com' })
    expect(topBounceFilter('provider', 4, 'google')).toEqual({ importId: 4, invalid: true, provider: 'google' })
  })

  it('shows a domain’s change in rows and a provider’s in points', () => {
    expect(topBounceChange(gmail)).toBe('+3')
    expect(topBounceChange(fresh)).toBe('–')
    expect(topBounceChange(google)).toBe('+0.6 pts')
  })

  it('has a rate column for providers only, with the figures behind it on hover', () => {
    expect(topBounceColumns('domain', 'Nov 13 export').map((c) => c.key)).toEqual(['key', 'invalid', 'change'])
    const providers = topBounceColumns('provider', 'Nov 13 export')
    expect(providers.map((c) => c.key)).toEqual(['key', 'invalid', 'rate', 'change'])
    expect(providers.find((c) => c.key === 'rate')?.text?.(google)).toBe('3.0%')
    expect(rateTitle(google)).toBe('12 of 400 addresses')
    expect(rateTitle(gmail)).toBeUndefined()
    expect(providers.find((c) => c.key === 'change')?.title).toBe('Change since the Nov 13 export')
    expect(topBounceColumns('domain', undefined).find((c) => c.key === 'change')?.title).toBeUndefined()
  })
})
