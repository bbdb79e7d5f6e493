/** Choices the explorer's filter bar offers. */
import { REASONS, VERDICTS, type Reason, type Verdict } from '../../../../electron/shared/classify/index'
import { REASON_LABELS, VERDICT_INFO, providerLabel } from '../../lib/labels'

export const REASON_OPTIONS: readonly { value: Reason; label: string }[] = REASONS.filter(
  (reason) => reason !== 'delivered',
)
  .map((reason) => ({ value: reason, label: REASON_LABELS[reason] }))
  .sort((a, b) => a.label.localeCompare(b.label))

export const VERDICT_OPTIONS: readonly { value: Verdict; label: string }[] = VERDICTS.map((verdict) => ({
  value: verdict,
  label: VERDICT_INFO[verdict].label,
}))

/** The providers most lists have; others seen in the loaded rows are added to the menu. */
const COMMON_PROVIDERS = [
  'gmail',
  'microsoft',
  'yahoo',
  'apple',
  'gmx',
  'web.de',
  't-online',
  'orange',
  'comcast',
  'zoho',
  'yandex',
  'mimecast',
  'proofpoint',
  'barracuda',
  'spamhaus',
  'other',
] as const

export function providerOptions(extra: Iterable<string>): { value: string; label: string }[] {
  const keys = new Set<string>(COMMON_PROVIDERS)
  for (const key of extra) if (key !== '') keys.add(key)
  return [...keys]
    .map((key) => ({ value: key, label: providerLabel(key) }))
    .sort((a, b) => (a.value === 'other' ? 1 : b.value === 'other' ? -1 : a.label.localeCompare(b.label)))
}

/** A reply code (550) or an enhanced status (5.1.1), as the explorer's code filter accepts. */
export const CODE_PATTERN = /^(?:[2-5]\d\d|[245]\.\d{1,3}\.\d{1,3})$/
