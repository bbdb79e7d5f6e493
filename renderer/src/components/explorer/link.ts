/**
 * The explorer's deep link: `#/explorer/<query>`, so any view can open the Leads view filtered.
 *
 * `<query>` (URI-encoded as one path segment, see `hrefFor`) is either
 * - a JSON object: `{"importId":12,"verdict":"remove","invalid":true}`, or
 * - a simple query string: `import=12&verdict=remove&invalid=1&search=@gmail.com&sort=domain`.
 *
 * Keys: `importId` (or `import`), `search`, `reason`, `reasonGroup` (or `group`), `verdict`, `code`, `provider`, `invalid`,
 * `suspended` (true/false, or 1/0 in the query form), `hygiene` (`typo` | `role` | `disposable` | `malformed` | `any`)
 * and `sort` (`email` | `domain`). Every key is
 * optional; without `importId` the newest snapshot is shown. Unknown keys and invalid values are
 * ignored, so a stale link still opens the view.
 */
import {
  EXPLORER_SORTS,
  HYGIENE_FILTERS,
  REASON_GROUPS,
  type ExplorerFilters,
  type ExplorerSort,
  type HygieneFilter,
  type ReasonGroup,
} from '../../../../electron/shared/ipc'
import { REASONS, VERDICTS, type Reason, type Verdict } from '../../../../electron/shared/classify/index'
import { hrefFor } from '../../lib/router.svelte'
import { CODE_PATTERN } from './filters'

export interface ExplorerQuery extends ExplorerFilters {
  importId?: number
  sort?: ExplorerSort
}

const CODE = CODE_PATTERN

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined
}

function flag(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === '1') return true
  if (value === false || value === 'false' || value === '0') return false
  return undefined
}

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' || trimmed.length > max ? undefined : trimmed
}

function id(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined
}

function fromRecord(record: Record<string, unknown>): ExplorerQuery {
  const code = text(record['code'], 12)
  const query: ExplorerQuery = {
    importId: id(record['importId'] ?? record['import']),
    search: text(record['search'], 320),
    reason: oneOf<Reason>(record['reason'], REASONS),
    reasonGroup: oneOf<ReasonGroup>(record['reasonGroup'] ?? record['group'], REASON_GROUPS),
    verdict: oneOf<Verdict>(record['verdict'], VERDICTS),
    code: code !== undefined && CODE.test(code) ? code : undefined,
    provider: text(record['provider'], 64),
    invalid: flag(record['invalid']),
    suspended: flag(record['suspended']),
    hygiene: oneOf<HygieneFilter>(record['hygiene'], HYGIENE_FILTERS),
    sort: oneOf<ExplorerSort>(record['sort'], EXPLORER_SORTS),
  }
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as ExplorerQuery
}

/** The query a deep link's detail carries; `{}` for none or for something unreadable. */
export function parseExplorerLink(detail: string | null): ExplorerQuery {
  if (detail === null) return {}
  const trimmed = detail.trim()
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed)
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? fromRecord(parsed as Record<string, unknown>)
        : {}
    } catch {
      return {}
    }
  }
  return fromRecord(Object.fromEntries(new URLSearchParams(trimmed)))
}

/** The detail for a query, in the simple form (`import=12&verdict=remove`); null when it is empty. */
export function explorerDetail(query: ExplorerQuery): string | null {
  const params = new URLSearchParams()
  const { importId, ...rest } = query
  if (importId !== undefined) params.set('import', String(importId))
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined || value === '') continue
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value))
  }
  const detail = params.toString()
  return detail === '' ? null : detail
}

/** A link that opens the Leads view with this query: `#/explorer/import%3D12%26verdict%3Dremove`. */
export function explorerHref(query: ExplorerQuery): string {
  return hrefFor('explorer', explorerDetail(query))
}
