/**
 * Which view is showing. Kept in the URL hash so a reload (or the browser preview's address)
 * stays on the same view; the hash changes in-page, so Electron's navigation guard never fires.
 * A view may carry one detail after a slash: `#/codes/5.7.26` opens that code's entry,
 * `#/explorer/<query>` opens the lead explorer with a filter (see ExplorerView).
 */
export const VIEWS = [
  'overview',
  'imports',
  'explorer',
  'compare',
  'trends',
  'activity',
  'explain',
  'codes',
  'settings',
] as const
export type ViewName = (typeof VIEWS)[number]

function isView(value: string): value is ViewName {
  return (VIEWS as readonly string[]).includes(value)
}

interface Place {
  view: ViewName
  detail: string | null
}

function decode(value: string): string | null {
  try {
    const decoded = decodeURIComponent(value)
    return decoded === '' ? null : decoded
  } catch {
    return null
  }
}

function fromHash(hash: string): Place {
  const path = hash.replace(/^#\/?/, '')
  const slash = path.indexOf('/')
  const name = slash < 0 ? path : path.slice(0, slash)
  if (!isView(name)) return { view: 'overview', detail: null }
  return { view: name, detail: slash < 0 ? null : decode(path.slice(slash + 1)) }
}

/** The hash for a view (and detail), for links: `#/codes/5.7.26`. */
export function hrefFor(view: ViewName, detail?: string | null): string {
  return detail ? `#/${view}/${encodeURIComponent(detail)}` : `#/${view}`
}

export class Router {
  #start = fromHash(window.location.hash)
  view = $state<ViewName>(this.#start.view)
  /** The part after the view's name, e.g. the code a deep link opens; null when there is none. */
  detail = $state<string | null>(this.#start.detail)

  navigate(view: string, detail: string | null = null): void {
    if (!isView(view)) return
    this.view = view
    this.detail = detail
    history.replaceState(null, '', hrefFor(view, detail))
  }

  /** Follows hash edits made outside the app (the browser preview's address bar, in-page links). */
  connect(): () => void {
    const onHashChange = (): void => {
      const place = fromHash(window.location.hash)
      this.view = place.view
      this.detail = place.detail
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }
}
