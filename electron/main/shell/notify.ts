import { Notification } from 'electron'

/** What the watched folder tells the user (main/watch/watch-service.ts `WatchNotice`, by shape). */
export interface Notice {
  title: string
  body: string
  /** An imported export: a click opens the Overview. Otherwise (a failure) a click opens Settings, where the reason stays listed. */
  openOverview: boolean
}

// Windows and some Linux notification servers drop a notification's click handler once the JS
// object is garbage-collected; keep each one until it is clicked or closed.
const live = new Set<Notification>()

/** A desktop notification; a click brings the window forward on `view`. Silently nothing where the OS has none. */
export function showNotice(notice: Notice, open: (view: 'overview' | 'settings') => void): void {
  if (!Notification.isSupported()) return
  const notification = new Notification({ title: notice.title, body: notice.body })
  live.add(notification)
  notification.on('click', () => {
    live.delete(notification)
    open(notice.openOverview ? 'overview' : 'settings')
  })
  notification.on('close', () => live.delete(notification))
  notification.show()
}
