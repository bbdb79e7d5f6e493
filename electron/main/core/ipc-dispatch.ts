import { CHANNELS, type Channel, type Envelope, type IpcHandlers } from '../../shared/ipc'
import { requestValidators } from '../../shared/validate'
import { toApiError } from './errors'

const KNOWN_CHANNELS: ReadonlySet<string> = new Set(CHANNELS)

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && KNOWN_CHANNELS.has(value)
}

/**
 * The single door into the handler table for every transport: checks the channel and the
 * payload, runs the handler, and answers with an envelope instead of throwing across the boundary.
 */
export async function dispatch(handlers: IpcHandlers, channel: unknown, request: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: { code: 'unknown-channel', message: `No such channel: ${String(channel).slice(0, 60)}` },
    }
  }
  try {
    return { ok: true, value: await invokeTyped(handlers, channel, request) }
  } catch (error) {
    return { ok: false, error: toApiError(error) }
  }
}

function invokeTyped<K extends Channel>(handlers: IpcHandlers, channel: K, request: unknown): unknown {
  const validated = requestValidators[channel](request)
  const handler = handlers[channel] as (request: typeof validated) => unknown
  return handler(validated)
}
