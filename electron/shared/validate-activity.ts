/**
 * Guards for the activity history's requests (see validate.ts for why every request is checked).
 * Kept apart so the policies' rules are read in one place; validate.ts spreads these in.
 */
import {
  BREAKDOWN_KEYS,
  POLICY_ACTIONS,
  RATE_GROUPS,
  TREND_BUCKETS,
  type BounceRateThresholds,
  type BreakdownBy,
  type PolicyAction,
  type PolicyOptions,
  type PolicyTier,
  type RateGroup,
  type SnapshotRule,
  type TrendBucket,
} from './activity'
import { ApiError, type ActivityChannel, type Channel, type FileRef, type RequestOf } from './ipc'

type Validator<T> = (value: unknown) => T

export const MAX_POLICY_TIERS = 10
export const MAX_POLICY_DAYS = 3660
const MAX_COUNT = 100_000
const MAX_SNAPSHOTS = 520

function fail(message: string): never {
  throw new ApiError('bad-request', message)
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where}: expected an object`)
  return value as Record<string, unknown>
}

function only(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  const extra = Object.keys(value).find((key) => !allowed.includes(key))
  if (extra !== undefined) fail(`${where}: unexpected field '${extra}'`)
}

function whole(value: unknown, min: number, max: number, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${where}: expected a whole number from ${min} to ${max}`)
  }
  return value
}

function action(value: unknown, where: string): PolicyAction {
  if (typeof value !== 'string' || !(POLICY_ACTIONS as readonly string[]).includes(value)) {
    fail(`${where}: expected one of ${POLICY_ACTIONS.join(', ')}`)
  }
  return value as PolicyAction
}

function isoDay(value: unknown, where: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) fail(`${where}: expected YYYY-MM-DD`)
  const date = new Date(`${value}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) fail(`${where}: not a real date`)
  return value
}

function tier(value: unknown, where: string): PolicyTier {
  const fields = record(value, where)
  only(fields, ['hard', 'soft', 'days', 'action'], where)
  const hard = whole(fields['hard'], 0, MAX_COUNT, `${where}.hard`)
  const soft = whole(fields['soft'], 0, MAX_COUNT, `${where}.soft`)
  if (hard === 0 && soft === 0) fail(`${where}: a tier needs a hard or a soft count above 0`)
  return {
    hard,
    soft,
    days: whole(fields['days'], 1, MAX_POLICY_DAYS, `${where}.days`),
    action: action(fields['action'], `${where}.action`),
  }
}

export function policyOptions(value: unknown, where: string): PolicyOptions {
  const fields = record(value, where)
  only(fields, ['tiers', 'countCategoryless', 'countSenderSide', 'asOf'], where)
  const tiers = fields['tiers']
  if (!Array.isArray(tiers) || tiers.length === 0 || tiers.length > MAX_POLICY_TIERS) {
    fail(`${where}.tiers: expected 1 to ${MAX_POLICY_TIERS} tiers`)
  }
  const options: PolicyOptions = { tiers: tiers.map((item, index) => tier(item, `${where}.tiers[${index}]`)) }
  for (const flag of ['countCategoryless', 'countSenderSide'] as const) {
    const flagValue = fields[flag]
    if (flagValue === undefined) continue
    if (typeof flagValue !== 'boolean') fail(`${where}.${flag}: expected true or false`)
    options[flag] = flagValue
  }
  if (fields['asOf'] !== undefined) options.asOf = isoDay(fields['asOf'], `${where}.asOf`)
  return options
}

function snapshotRule(value: unknown): SnapshotRule {
  const where = 'activity:snapshot-rule'
  const fields = record(value, where)
  only(fields, ['k', 'n', 'action'], where)
  const n = whole(fields['n'], 1, MAX_SNAPSHOTS, `${where}.n`)
  const k = whole(fields['k'], 1, n, `${where}.k`)
  return { k, n, action: action(fields['action'], `${where}.action`) }
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(`${where}: expected one of ${allowed.join(', ')}`)
  }
  return value as T
}

function percent(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100) {
    fail(`${where}: expected a percentage above 0 and at most 100`)
  }
  return value
}

function thresholds(value: unknown): BounceRateThresholds {
  const where = 'activity:set-thresholds'
  const fields = record(value, where)
  only(fields, ['lookCloser', 'dataProblem'], where)
  const lookCloser = percent(fields['lookCloser'], `${where}.lookCloser`)
  const dataProblem = percent(fields['dataProblem'], `${where}.dataProblem`)
  if (dataProblem <= lookCloser) fail(`${where}: the data-problem rate must be above the look-closer rate`)
  return { lookCloser, dataProblem }
}

/** `fileRef` is validate.ts's own guard for a file reference, passed in so the two files do not import each other. */
export function activityRequests(
  fileRef: (value: unknown, where: string) => FileRef,
): Pick<{ [K in Channel]: Validator<RequestOf<K>> }, ActivityChannel> {
  return {
    'activity:import': (value) => {
      const fields = record(value, 'activity:import')
      only(fields, ['file'], 'activity:import')
      return { file: fileRef(fields['file'], 'activity:import.file') }
    },
    'activity:summary': (value) => {
      only(record(value, 'activity:summary'), [], 'activity:summary')
      return {}
    },
    'activity:disagreements': (value) => {
      const fields = record(value, 'activity:disagreements')
      only(fields, ['limit'], 'activity:disagreements')
      return fields['limit'] === undefined
        ? {}
        : { limit: whole(fields['limit'], 1, 1000, 'activity:disagreements.limit') }
    },
    'activity:lead-events': (value) => {
      const fields = record(value, 'activity:lead-events')
      only(fields, ['leadId'], 'activity:lead-events')
      return { leadId: whole(fields['leadId'], 1, Number.MAX_SAFE_INTEGER, 'activity:lead-events.leadId') }
    },
    'activity:policy-preview': (value) => policyOptions(value, 'activity:policy-preview'),
    'activity:policy-export': (value) => policyOptions(value, 'activity:policy-export'),
    'activity:snapshot-rule': snapshotRule,
    'activity:trends': (value) => {
      const fields = record(value, 'activity:trends')
      only(fields, ['bucket'], 'activity:trends')
      return { bucket: oneOf<TrendBucket>(fields['bucket'], TREND_BUCKETS, 'activity:trends.bucket') }
    },
    'activity:bounce-rates': (value) => {
      const fields = record(value, 'activity:bounce-rates')
      only(fields, ['group'], 'activity:bounce-rates')
      return { group: oneOf<RateGroup>(fields['group'], RATE_GROUPS, 'activity:bounce-rates.group') }
    },
    'activity:breakdown': (value) => {
      const fields = record(value, 'activity:breakdown')
      only(fields, ['bucket', 'by'], 'activity:breakdown')
      return {
        bucket: oneOf<TrendBucket>(fields['bucket'], TREND_BUCKETS, 'activity:breakdown.bucket'),
        by: oneOf<BreakdownBy>(fields['by'], BREAKDOWN_KEYS, 'activity:breakdown.by'),
      }
    },
    'activity:thresholds': (value) => {
      only(record(value, 'activity:thresholds'), [], 'activity:thresholds')
      return {}
    },
    'activity:set-thresholds': thresholds,
  }
}
