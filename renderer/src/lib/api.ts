/**
 * Thin helpers over `window.api`, the only way the renderer reaches the Node side.
 * Keeping every call behind these few functions makes the renderer easy to read and to fake in
 * a throwaway preview.
 */
import type {
  Channel,
  DroppedFile,
  EventName,
  FileRef,
  IpcEvents,
  RendererApi,
  RequestOf,
  ResponseOf,
} from '../../../electron/shared/ipc'

const MISSING_API =
  'The window has no connection to the app’s data (window.api is missing). Restart Bounce Auditor; if this persists, reinstall it.'

/** `window.api`, or undefined when the preload (or the preview's bridge) did not run. */
function api(): RendererApi | undefined {
  // The declared type says it is always there; a broken preload is exactly when it is not.
  return (window as { api?: RendererApi }).api
}

function missingApi(): Promise<never> {
  return Promise.reject(Object.assign(new Error(MISSING_API), { code: 'internal' }))
}

export function invoke<K extends Channel>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  return api()?.invoke(channel, request) ?? missingApi()
}

export function subscribe<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  return api()?.on(event, listener) ?? (() => {})
}

export function fileRef(file: DroppedFile): Promise<FileRef> {
  return api()?.fileRef(file) ?? missingApi()
}

const LOCALE = 'en-US'
const numberFormat = new Intl.NumberFormat(LOCALE)
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 })
const dayFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' })
const shortDayFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' })
const thisYearDateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
})

export function formatNumber(value: number): string {
  return numberFormat.format(value)
}

/** `+12` / `−3` / `0`, with a real minus sign. */
export function formatDelta(value: number): string {
  if (value === 0) return '0'
  const abs = numberFormat.format(Math.abs(value))
  return value > 0 ? `+${abs}` : `\u2212${abs}`
}

export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? percentFormat.format(part / whole) : percentFormat.format(0)
}

/** A snapshot day (`YYYY-MM-DD`, a calendar day with no time zone) as `Nov 20, 2026`. */
export function formatDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? isoDay : dayFormat.format(date)
}

export function formatShortDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? isoDay : shortDayFormat.format(date)
}

/** A moment (ISO timestamp) in the user's local time; the year only when it is not this one. */
export function formatDateTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.getFullYear() === now.getFullYear() ? thisYearDateTimeFormat.format(date) : dateTimeFormat.format(date)
}

/** `about 40 s left`, `about 3 min left`: a rough figure reads calmer than a ticking one. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 5) return 'a few seconds left'
  if (seconds < 60) return `about ${Math.ceil(seconds / 5) * 5} s left`
  return `about ${Math.ceil(seconds / 60)} min left`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/**
 * The message of whatever an `invoke` rejected with. Read structurally rather than with
 * `instanceof ApiError`, because an error that crosses Electron's contextBridge arrives as a
 * plain Error (or object) that has lost its class.
 */
export function errorMessage(error: unknown): string {
  if (isRecord(error) && typeof error.message === 'string' && error.message.length > 0) {
    return error.message
  }
  if (typeof error === 'string' && error.length > 0) return error
  return 'Something went wrong, and the app got no explanation for it.'
}

export function errorCode(error: unknown): string | null {
  return isRecord(error) && typeof error.code === 'string' ? error.code : null
}
