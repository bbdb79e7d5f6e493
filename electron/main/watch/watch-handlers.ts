/**
 * The watched folder's channels. The service itself outlives the handler table (it is the app
 * context's, see core/app-context.ts); without one (the CLI) the folder is reported as off.
 */
import { ApiError, type IpcHandlers } from '../../shared/ipc'
import type { WatchStatus } from '../../shared/watch'
import type { HandlerDeps } from '../core/handler-deps'

export type WatchChannel = 'watch:get' | 'watch:choose' | 'watch:enable'

const OFF: WatchStatus = { folder: null, enabled: false, watching: false, error: null, events: [] }

export function createWatchHandlers(deps: Pick<HandlerDeps, 'watch'>): Pick<IpcHandlers, WatchChannel> {
  const service = deps.watch
  const unavailable = (): never => {
    throw new ApiError('bad-request', 'This way of running Bounce Auditor does not watch folders.')
  }
  return {
    'watch:get': () => service?.status() ?? OFF,
    'watch:choose': ({ folder }) => (service ? service.choose(folder) : unavailable()),
    'watch:enable': ({ enabled }) => (service ? service.enable(enabled) : unavailable()),
  }
}
