import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNELS, type Envelope, type IpcHandlers } from '../../shared/ipc'
import { dispatch } from '../core/ipc-dispatch'

/**
 * Every channel of the contract goes through `dispatch`; a frame we did not load is refused.
 * The table is read per request: Settings may have reopened the database and rebuilt it.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: () => IpcHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, request: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'bad-request', message: 'Refused: the request did not come from the app window.' },
        }
      }
      return dispatch(handlers(), channel, request)
    })
  }
}
