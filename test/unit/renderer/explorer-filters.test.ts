import { describe, expect, it } from 'vitest'
import { ExplorerFilterState } from '../../../renderer/src/components/explorer/explorer-filters.svelte'
import { explorerDetail, parseExplorerLink } from '../../../renderer/src/components/explorer/link'

describe('ExplorerFilterState', () => {
  it('sends only the filters that are set, and a code only when it is one', () => {
    const filters = new ExplorerFilterState()
    expect(filters.query).toEqual({})
    expect(filters.filtered).toBe(false)
    filters.verdict = 'remove'
    filters.invalid = false
    filters.codeInput = ' 5.1.1 '
    expect(filters.query).toEqual({ verdict: 'remove', invalid: false, code: '5.1.1' })
    filters.codeInput = '55x'
    expect(filters.codeInvalid).toBe(true)
    expect(filters.query).toEqual({ verdict: 'remove', invalid: false })
  })

  it('searches what was typed only once it is taken over (the debounce, Enter), and Escape empties it at once', () => {
    const filters = new ExplorerFilterState()
    filters.searchInput = '@gmail.com'
    expect(filters.query).toEqual({})
    expect(filters.searchKey('Enter')).toBe(false)
    expect(filters.query).toEqual({ search: '@gmail.com' })
    expect(filters.searchKey('Escape')).toBe(true)
    expect([filters.searchInput, filters.search]).toEqual(['', ''])
    expect(filters.searchKey('Escape')).toBe(false)
  })

  it('round-trips a link, and clearing keeps the snapshot and the sort', () => {
    const link = parseExplorerLink('import=12&verdict=remove&group=address&suspended=1&sort=domain&search=jane')
    const filters = new ExplorerFilterState(link)
    expect(filters.link).toEqual(link)
    expect(parseExplorerLink(explorerDetail(filters.link))).toEqual(link)
    filters.clear()
    expect(filters.link).toEqual({ importId: 12, sort: 'domain' })
    filters.apply({})
    expect(filters.importId).toBeNull()
    expect(filters.sort).toBe('email')
  })
})
