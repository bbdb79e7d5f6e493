import { DIFF_KINDS, type DiffKind } from '../../../../electron/shared/ipc'
import { hrefFor } from '../../lib/router.svelte'

/** What each of the diff's sets is called and means, and the colour its card carries. */
export const DIFF_INFO: Record<DiffKind, { label: string; meaning: string; tone: string }> = {
  newlyInvalid: {
    label: 'Newly invalid',
    meaning: 'Email Invalid in the later snapshot, not in the earlier one.',
    tone: 'var(--danger)',
  },
  recovered: {
    label: 'Recovered',
    meaning: 'Email Invalid before, still on the list and no longer invalid.',
    tone: 'var(--success)',
  },
  stillInvalid: {
    label: 'Still invalid',
    meaning: 'Email Invalid in both snapshots.',
    tone: 'var(--verdict-review)',
  },
  newlySuspended: {
    label: 'Newly suspended',
    meaning: 'Email Suspended in the later snapshot, not in the earlier one.',
    tone: 'var(--warning)',
  },
  appeared: {
    label: 'Appeared',
    meaning: 'In the later snapshot only.',
    tone: 'var(--accent)',
  },
  disappeared: {
    label: 'Disappeared',
    meaning: 'In the earlier snapshot only: left the list (not counted as recovered).',
    tone: 'var(--text-faint)',
  },
}

function isDiffKind(value: string | undefined): value is DiffKind {
  return (DIFF_KINDS as readonly (string | undefined)[]).includes(value)
}

/** The Compare view's part of the hash: `12-13`, or `12-13/newlyInvalid` with a set opened. */
export function compareDetail(importA: number, importB: number, kind: DiffKind | null = null): string {
  return `${importA}-${importB}${kind ? `/${kind}` : ''}`
}

export function parseCompareDetail(
  detail: string | null,
): { importA: number; importB: number; kind: DiffKind | null } | null {
  const match = /^(\d+)-(\d+)(?:\/(\w+))?$/.exec(detail ?? '')
  if (!match) return null
  return { importA: Number(match[1]), importB: Number(match[2]), kind: isDiffKind(match[3]) ? match[3] : null }
}

/** A link to the leads behind a count of changes between two snapshots. */
export function compareHref(importA: number, importB: number, kind: DiffKind): string {
  return hrefFor('compare', compareDetail(importA, importB, kind))
}
