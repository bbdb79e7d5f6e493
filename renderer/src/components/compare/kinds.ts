import type { DiffKind } from '../../../../electron/shared/ipc'

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
