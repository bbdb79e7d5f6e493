/**
 * Which view is showing. Kept in the URL hash so a reload (or the browser preview's address)
 * stays on the same view; the hash changes in-page, so Electron's navigation guard never fires.
 */
export const VIEWS = ['overview', 'imports', 'trends', 'codes'] as const
export type ViewName = (typeof VIEWS)[number]

function isView(value: string): value is ViewName {
  return (VIEWS as readonly string[]).includes(value)
}

function fromHash(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '')
  return isView(name) ? name : 'overview'
}

export class Router {
  view = $state<ViewName>(fromHash(window.location.hash))

  navigate(view: string): void {
    if (!isView(view)) return
    this.view = view
    history.replaceState(null, '', `#/${view}`)
  }

  /** Follows hash edits made outside the app (the browser preview's address bar). */
  connect(): () => void {
    const onHashChange = (): void => {
      this.view = fromHash(window.location.hash)
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }
}
