import { contextBridge, ipcRenderer, webUtils } from 'electron'
import {
  CHANNELS,
  EVENT_NAMES,
  createIpcClient,
  type Channel,
  type Envelope,
  type EventName,
  type RendererApi,
} from '../shared/ipc'

const allowedChannels: ReadonlySet<string> = new Set(CHANNELS)
const allowedEvents: ReadonlySet<string> = new Set(EVENT_NAMES)

const client = createIpcClient(
  (channel: Channel, request: unknown) => {
    if (!allowedChannels.has(channel)) return Promise.reject(new Error(`Unknown channel ${channel}`))
    return ipcRenderer.invoke(channel, request) as Promise<Envelope<unknown>>
  },
  (event: EventName, listener: (payload: unknown) => void) => {
    if (!allowedEvents.has(event)) throw new Error(`Unknown event ${event}`)
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  },
)

const api: RendererApi = {
  invoke: (channel, request) => client.invoke(channel, request),
  on: (event, listener) => client.on(event, listener),
  fileRef: (file) => {
    if (!(file instanceof File))
      return Promise.reject(new Error('Only files the user dropped or picked can be imported.'))
    const path = webUtils.getPathForFile(file)
    if (!path) return Promise.reject(new Error(`${file.name}: this file has no path on disk and cannot be imported.`))
    return Promise.resolve({ path, name: file.name, lastModifiedMs: file.lastModified })
  },
}

contextBridge.exposeInMainWorld('api', api)
