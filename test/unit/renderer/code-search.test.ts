import { describe, expect, it } from 'vitest'
import type { CatalogEntry } from '../../../electron/shared/catalog/index'
import type { CodeUsageSummary } from '../../../electron/shared/ipc'
import { CODE_GROUPS, entryFor } from '../../../renderer/src/components/codes/catalog'
import {
  CODE_TOTAL,
  CodeSearch,
  isCounted,
  latestLabel,
  looksLikeBounceText,
  stepEntry,
  usageTitle,
} from '../../../renderer/src/components/codes/code-search.svelte'

function entry(code: string): CatalogEntry {
  const found = entryFor(code)
  if (found === null) throw new Error(`the catalog has no ${code}`)
  return found
}

const usage: CodeUsageSummary = {
  latestSnapshots: [{ importId: 3, listName: 'Weekly', snapshotDate: '2026-11-20' }],
  snapshotCount: 3,
  codes: [
    { code: '550', latestRows: 12, latestByImport: [{ importId: 3, rows: 12 }], allRows: 30, examples: [] },
    { code: '5.1.1', latestRows: 1, latestByImport: [{ importId: 3, rows: 1 }], allRows: 1, examples: [] },
    { code: '9.9.9', latestRows: 4, latestByImport: [], allRows: 4, examples: [] },
  ],
}

function state(summary: CodeUsageSummary | undefined = usage, selected: CatalogEntry | null = null) {
  return new CodeSearch(
    () => summary,
    () => selected,
  )
}

describe('CodeSearch', () => {
  it('shows every group, closed, with nothing typed', () => {
    const search = state()
    expect(search.searching).toBe(false)
    expect(search.groups).toHaveLength(CODE_GROUPS.length)
    expect(search.visible).toHaveLength(CODE_TOTAL)
    expect(search.isOpen('reply')).toBe(false)
    expect(search.shown).toBeNull()
  })

  it('narrows to the matches, opens their groups, and shows a lone match without a pick', () => {
    const search = state()
    search.query = '5.7.26'
    expect(search.searching).toBe(true)
    expect(search.visible.map((item) => item.code)).toEqual(['5.7.26'])
    expect(search.groups).toHaveLength(1)
    expect(search.isOpen(search.groups[0]?.group.id ?? '')).toBe(true)
    expect(search.shown?.code).toBe('5.7.26')
  })

  it('keeps the linked entry shown whatever the search leaves', () => {
    const search = state(usage, entry('550'))
    search.query = '5.7.26'
    expect(search.shown?.code).toBe('550')
  })

  it('counts only catalog codes found in the rows, and filters to them', () => {
    const search = state()
    // 9.9.9 is in the rows but not in the catalog.
    expect(search.usedCount).toBe(2)
    search.usedOnly = true
    expect(search.visible.map((item) => item.code).sort()).toEqual(['5.1.1', '550'])
    search.query = '550'
    expect(search.visible.map((item) => item.code)).toEqual(['550'])
  })

  it('remembers opened groups only while no search decides', () => {
    const search = state()
    search.toggle('reply', true)
    expect(search.isOpen('reply')).toBe(true)
    search.query = '5.7.26'
    search.toggle('enhanced-7', false)
    expect(search.openGroups.has('enhanced-7')).toBe(false)
    search.query = ''
    search.toggle('reply', false)
    expect(search.isOpen('reply')).toBe(false)
  })

  it('names the counts in a hover and the legend', () => {
    const search = state()
    expect(search.titleOf('550')).toBe('12 Email Invalid rows in your latest export; 30 across all 3 exports')
    expect(search.titleOf('421')).toBeUndefined()
    expect(usageTitle(usage.codes[1], 1)).toBe('1 Email Invalid row in your latest export; 1 across your one export')
    expect(latestLabel(usage)).toMatch(/^your latest export \(.*2026.*\)$/)
    expect(latestLabel(undefined)).toBe('the latest export of each list')
  })
})

describe('stepEntry', () => {
  const list = [entry('550'), entry('5.1.1'), entry('5.7.26')]

  it('starts at either end and wraps around', () => {
    expect(stepEntry(list, null, 1)?.code).toBe('550')
    expect(stepEntry(list, null, -1)?.code).toBe('5.7.26')
    expect(stepEntry(list, list[2] ?? null, 1)?.code).toBe('550')
    expect(stepEntry(list, list[0] ?? null, -1)?.code).toBe('5.7.26')
    expect(stepEntry(list, list[0] ?? null, 1)?.code).toBe('5.1.1')
    expect(stepEntry([], null, 1)).toBeNull()
  })
})

describe('helpers', () => {
  it('takes a long text with spaces for a bounce, a code for a code', () => {
    expect(looksLikeBounceText('550 5.1.1 <jane@example.com>: user unknown')).toBe(true)
    expect(looksLikeBounceText('5.7.26')).toBe(false)
    expect(looksLikeBounceText('   mailbox full   ')).toBe(false)
  })

  it('counts the reply and enhanced codes only', () => {
    expect(isCounted(entry('550'))).toBe(true)
    expect(isCounted(entry('5.1.1'))).toBe(true)
    const provider = CODE_GROUPS.find((group) => group.id === 'provider')?.entries[0]
    expect(provider && isCounted(provider)).toBe(false)
  })
})
