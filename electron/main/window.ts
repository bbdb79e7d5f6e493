import { BrowserWindow, nativeTheme } from 'electron'
import { join } from 'node:path'

export const RENDERER_FILE = join(import.meta.dirname, '../renderer/index.html')

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Bounce Auditor',
    // Matches the renderer's theme so the window does not flash white before the first paint.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17191c' : '#f7f7f8',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  const devServerUrl = process.env.ELECTRON_RENDERER_URL
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(RENDERER_FILE)
  return window
}
