/**
 * The Leads view's filters as the form holds them: the search box (debounced into `search`), the
 * menus, the code box (only a valid code filters), the flag toggles and the sort; `query` is what
 * `explorer:page` and the hash get, with unset filters left out. A link fills it with `apply`.
 */
import type { Reason, Verdict } from '../../../../electron/shared/classify/index'
import type { ExplorerSort, HygieneFilter, ReasonGroup } from '../../../../electron/shared/ipc'
import { CODE_PATTERN } from './filters'
import type { ExplorerQuery } from './link'

export class ExplorerFilterState {
  /** The snapshot the user chose; null follows the newest. */
  importId = $state<number | null>(null)
  /** What the search box shows; `search` follows it after a pause (the view's debounce). */
  searchInput = $state('')
  search = $state('')
  reason = $state<Reason | ''>('')
  reasonGroup = $state<ReasonGroup | ''>('')
  verdict = $state<Verdict | ''>('')
  provider = $state('')
  codeInput = $state('')
  invalid = $state<boolean | undefined>(undefined)
  suspended = $state<boolean | undefined>(undefined)
  /** An address finding (issue 17), or '' for any address. */
  hygiene = $state<HygieneFilter | ''>('')
  sort = $state<ExplorerSort>('email')

  constructor(initial: ExplorerQuery = {}) {
    this.apply(initial)
  }

  /** The code box's value when it is a reply code or an enhanced status, else ''. */
  readonly code = $derived(CODE_PATTERN.test(this.codeInput.trim()) ? this.codeInput.trim() : '')
  /** Something typed in the code box that is not a code (marked, and not sent). */
  readonly codeInvalid = $derived(this.codeInput.trim() !== '' && this.code === '')

  /** The row filters that are set (no snapshot, no sort). */
  readonly query = $derived.by((): ExplorerQuery => {
    const query: ExplorerQuery = {
      search: this.search.trim() === '' ? undefined : this.search.trim(),
      reason: this.reason === '' ? undefined : this.reason,
      reasonGroup: this.reasonGroup === '' ? undefined : this.reasonGroup,
      verdict: this.verdict === '' ? undefined : this.verdict,
      provider: this.provider === '' ? undefined : this.provider,
      code: this.code === '' ? undefined : this.code,
      invalid: this.invalid,
      suspended: this.suspended,
      hygiene: this.hygiene === '' ? undefined : this.hygiene,
    }
    return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as ExplorerQuery
  })

  readonly filtered = $derived(Object.keys(this.query).length > 0)

  /** The whole state for the hash: snapshot, filters, and the sort when it is not the default. */
  readonly link = $derived.by((): ExplorerQuery => ({
    importId: this.importId ?? undefined,
    ...this.query,
    sort: this.sort === 'email' ? undefined : this.sort,
  }))

  /** Takes every value from a link (what it leaves out is cleared). */
  apply(query: ExplorerQuery): void {
    this.importId = query.importId ?? null
    this.searchInput = query.search ?? ''
    this.search = this.searchInput
    this.reason = query.reason ?? ''
    this.reasonGroup = query.reasonGroup ?? ''
    this.verdict = query.verdict ?? ''
    this.provider = query.provider ?? ''
    this.codeInput = query.code ?? ''
    this.invalid = query.invalid
    this.suspended = query.suspended
    this.hygiene = query.hygiene ?? ''
    this.sort = query.sort ?? 'email'
  }

  /** Clears the row filters; the snapshot and the sort stay. */
  clear(): void {
    this.searchInput = ''
    this.search = ''
    this.reason = ''
    this.reasonGroup = ''
    this.verdict = ''
    this.provider = ''
    this.codeInput = ''
    this.invalid = undefined
    this.suspended = undefined
    this.hygiene = ''
  }

  /** Escape empties the search box at once; Enter searches without waiting for the pause. */
  searchKey(key: string): boolean {
    if (key === 'Escape' && this.searchInput !== '') {
      this.searchInput = ''
      this.search = ''
      return true
    }
    if (key === 'Enter') this.search = this.searchInput
    return false
  }
}
