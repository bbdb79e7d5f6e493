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

// The formats live in electron/shared/format.ts, shared with the HTML report; re-exported for the views.
export {
  formatDateTime,
  formatDay,
  formatDelta,
  formatNumber,
  formatPercent,
  formatShortDay,
  formatTimeLeft,
} from '../../../electron/shared/format'

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
