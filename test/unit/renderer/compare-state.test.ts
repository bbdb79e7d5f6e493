import { describe, expect, it } from 'vitest'
import type { DiffRow, ImportSummary, LeadSnapshotState } from '../../../electron/shared/ipc'
import { CompareState, earlierOf, laterOf } from '../../../renderer/src/components/compare/compare-state.svelte'
import { byNewest, oldestFirst, snapshotLabel } from '../../../renderer/src/lib/snapshots'

function snapshot(
  id: number,
  snapshotDate: string,
  listName = 'weekly',
  importedAt = '2026-11-30T10:00:00Z',
): ImportSummary {
  return {
    id,
    fileName: `${listName}-${snapshotDate}.csv`,
    listName,
    snapshotDate,
    snapshotDateSource: 'file-name',
    importedAt,
    rows: 10,
    invalid: 1,
    suspended: 0,
    skipped: 0,
  }
}

// Imported out of order, two lists: the defaults must still pair the newest with its own list's previous.
const IMPORTS = [
  snapshot(1, '2026-11-06'),
  snapshot(3, '2026-11-20'),
  snapshot(2, '2026-11-13'),
  snapshot(4, '2026-11-19', 'monthly'),
]

function row(after: DiffRow['after']): DiffRow {
  return { leadId: 7, email: 'bob@gmail.com', domain: 'gmail.com', before: null, after }
}

describe('snapshots', () => {
  it('sorts newest first by day, then by import time, then by id, without touching the list', () => {
    const same = [
      snapshot(5, '2026-11-20', 'a', '2026-11-30T09:00:00Z'),
      snapshot(6, '2026-11-20', 'a', '2026-11-30T11:00:00Z'),
    ]
    expect(byNewest([...IMPORTS, ...same]).map((item) => item.id)).toEqual([6, 3, 5, 4, 2, 1])
    expect(IMPORTS.map((item) => item.id)).toEqual([1, 3, 2, 4])
    expect([...IMPORTS].sort(oldestFirst).map((item) => item.id)).toEqual([1, 2, 4, 3])
    expect(byNewest(undefined)).toEqual([])
  })

  it('names a snapshot by day, list and file', () => {
    expect(snapshotLabel(snapshot(1, '2026-11-06'))).toMatch(/^Nov 6, 2026 · weekly · weekly-2026-11-06\.csv$/)
  })
})

describe('default pair', () => {
  const sorted = byNewest(IMPORTS)

  it('takes the newest as later and the previous snapshot of its list as earlier', () => {
    const later = laterOf(sorted, null)
    expect(later?.id).toBe(3)
    expect(earlierOf(sorted, later, null)?.id).toBe(2)
  })

  it('falls back to the next older of any list, then to anything else', () => {
    const monthly = laterOf(sorted, 4)
    expect(earlierOf(sorted, monthly, null)?.id).toBe(2)
    const oldest = laterOf(sorted, 1)
    expect(earlierOf(sorted, oldest, null)?.id).toBe(3)
    expect(earlierOf([sorted[0] as ImportSummary], sorted[0] ?? null, null)).toBeNull()
  })

  it('ignores a chosen id that no longer exists', () => {
    expect(laterOf(sorted, 99)?.id).toBe(3)
  })
})

describe('CompareState', () => {
  it('leaves the hash alone until the user chooses, then names the pair and the set', () => {
    const compare = new CompareState(() => IMPORTS, null)
    expect(compare.detail).toBeUndefined()
    expect(compare.pair).toEqual({ importA: 2, importB: 3 })
    compare.toggleKind('recovered')
    expect(compare.detail).toBe('2-3/recovered')
    compare.toggleKind('recovered')
    expect(compare.kind).toBeNull()
    expect(compare.detail).toBe('2-3')
  })

  it('keeps the other side when one menu changes, and swaps both', () => {
    const compare = new CompareState(() => IMPORTS, null)
    compare.chooseEarlier(1)
    expect([compare.earlier?.id, compare.later?.id]).toEqual([1, 3])
    compare.chooseLater(2)
    expect([compare.earlier?.id, compare.later?.id]).toEqual([1, 2])
    compare.swap()
    expect([compare.earlier?.id, compare.later?.id]).toEqual([2, 1])
    expect(compare.backwards).toBe(true)
  })

  it('starts from a link, says when lists differ, and has no pair for one snapshot twice', () => {
    const compare = new CompareState(() => IMPORTS, { importA: 4, importB: 3, kind: 'appeared' })
    expect(compare.kind).toBe('appeared')
    expect(compare.mixedLists).toBe(true)
    expect(compare.backwards).toBe(false)
    compare.chooseEarlier(3)
    expect(compare.pair).toBeNull()
    expect(compare.detail).toBe('3-3/appeared')
  })

  it('opens a lead in the later snapshot, or in the earlier one when it left', () => {
    const compare = new CompareState(() => IMPORTS, null)
    const state: LeadSnapshotState = {
      invalid: true,
      suspended: false,
      suspendedAt: null,
      causeText: null,
      reason: null,
      verdict: null,
      status: null,
      replyCode: null,
      hardBounce: null,
      suspendedCauseText: null,
    }
    expect(decodeURIComponent(compare.leadHref(row(state)))).toContain('import=3')
    expect(decodeURIComponent(compare.leadHref(row(null)))).toContain('import=2')
  })

  it('has nothing to compare before the imports arrive', () => {
    const compare = new CompareState(() => undefined, null)
    expect(compare.later).toBeNull()
    expect(compare.earlier).toBeNull()
    expect(compare.pair).toBeNull()
  })
})
