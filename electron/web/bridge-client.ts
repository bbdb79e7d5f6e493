/**
 * Runs in the browser page of the preview, in place of Electron's preload. It is served as the
 * source text of `installBridge`, so it must not reference anything outside its own body.
 */
export interface BridgeConfig {
  token: string
  channels: readonly string[]
}

export function installBridge(config: BridgeConfig): void {
  type Listener = (payload: unknown) => void
  const headers = { 'content-type': 'application/json', 'x-bridge-token': config.token }
  const listeners = new Map<string, Set<Listener>>()
  let source: EventSource | null = null

  const ensureEventSource = (): void => {
    if (source) return
    source = new EventSource(`/api/events?token=${encodeURIComponent(config.token)}`)
    source.onmessage = (message: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown }
      listeners.get(event)?.forEach((listener) => listener(payload))
    }
  }

  const fail = (code: string, message: string): Error => Object.assign(new Error(message), { name: 'ApiError', code })

  const api = {
    async invoke(channel: string, request: unknown): Promise<unknown> {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers,
        body: JSON.stringify({ channel, request: request ?? {} }),
      })
      if (!response.ok) throw fail('internal', `The preview server answered ${response.status}`)
      const envelope = (await response.json()) as
        { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }
      if (!envelope.ok) throw fail(envelope.error.code, envelope.error.message)
      return envelope.value
    },
    on(event: string, listener: Listener): () => void {
      ensureEventSource()
      const set = listeners.get(event) ?? new Set<Listener>()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
    async fileRef(file: File): Promise<{ path: string; name: string; lastModifiedMs: number }> {
      const response = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'x-bridge-token': config.token, 'content-type': 'application/octet-stream' },
        body: file,
      })
      if (!response.ok) throw fail('bad-file', `${file.name}: upload to the preview server failed (${response.status})`)
      const stored = (await response.json()) as { path: string }
      return { path: stored.path, name: file.name, lastModifiedMs: file.lastModified }
    },
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false })
}
