import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../electron/shared/ipc'

// Importing the real 'electron' package under Node tries to download the binary; the shell is
// exercised against a stand-in that records what main asks of it.
const userData = mkdtempSync(join(tmpdir(), 'bounce-auditor-main-'))
const registered = vi.hoisted(() => new Map<string, (event: unknown, request: unknown) => Promise<unknown>>())
const permissionHandlers = vi.hoisted(() => ({ request: null as null | ((...args: unknown[]) => void) }))

vi.mock('electron', () => {
  const app = {
    requestSingleInstanceLock: () => true,
    on: vi.fn(),
    whenReady: () => Promise.resolve(),
    getPath: () => userData,
    getAppPath: () => process.cwd(),
    getVersion: () => '9.9.9',
    isPackaged: false,
    quit: vi.fn(),
  }
  class BrowserWindow {
    static getAllWindows = (): BrowserWindow[] => []
    webContents = { send: vi.fn() }
    once = vi.fn()
    on = vi.fn()
    loadFile = vi.fn(() => Promise.resolve())
    loadURL = vi.fn(() => Promise.resolve())
    isDestroyed = (): boolean => false
  }
  return {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, request: unknown) => Promise<unknown>) =>
        registered.set(channel, listener),
    },
    Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
    nativeTheme: { shouldUseDarkColors: false },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => {
          permissionHandlers.request = handler
        },
        setPermissionCheckHandler: vi.fn(),
      },
    },
  }
})

afterAll(() => rmSync(userData, { recursive: true, force: true }))

describe('electron main entry', () => {
  it('registers every channel of the contract and answers only our own page', async () => {
    await import('../../../electron/main/index')
    await vi.waitFor(() => expect(registered.size).toBe(CHANNELS.length))
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort())

    const appInfo = registered.get('app:info')
    const fromOurPage = {
      senderFrame: {
        url: `file://${join(import.meta.dirname, '../../../electron/main/shell/../renderer/index.html')}`,
      },
    }
    const fromElsewhere = { senderFrame: { url: 'https://example.com/' } }
    await expect(appInfo?.(fromElsewhere, {})).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } })
    const answer = (await appInfo?.(fromOurPage, {})) as {
      ok: boolean
      value: { version: string; dbError: string | null }
    }
    expect(answer.ok).toBe(true)
    expect(answer.value.version).toBe('9.9.9')
    expect(answer.value.dbError).toBeNull()
  })

  it('denies every permission request', () => {
    const callback = vi.fn()
    const handler = permissionHandlers.request
    expect(handler, 'main installs a permission handler').not.toBeNull()
    handler?.({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
  })
})
