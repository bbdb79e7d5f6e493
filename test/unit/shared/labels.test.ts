import { describe, expect, it } from 'vitest'
import { REASONS, VERDICTS } from '../../../electron/shared/classify/types'
import { REASON_LABELS, VERDICT_INFO, reasonLabel, verdictLabel } from '../../../electron/shared/labels'

describe('labels', () => {
  it('name every reason and verdict', () => {
    for (const reason of REASONS) expect(REASON_LABELS[reason]).toMatch(/\w/)
    for (const verdict of VERDICTS) expect(VERDICT_INFO[verdict].label).toMatch(/\w/)
  })

  it('keep an unknown stored name rather than lose it', () => {
    expect(reasonLabel('speeding')).toBe('speeding')
    expect(reasonLabel('userunknown')).toBe('Mailbox does not exist')
    expect(verdictLabel('fix-sending')).toBe('Fix sending')
  })
})
