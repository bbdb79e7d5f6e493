import { app, BrowserWindow, nativeTheme } from 'electron'
import { join } from 'node:path'

// Main is bundled into one out/main/index.js, so this file's folder at run time is out/main.
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
    // macOS and Windows take the icon from the app bundle; Linux window managers need it per window.
    // electron-builder.config.ts copies it into resources; a dev run keeps Electron's default.
    ...(process.platform === 'linux' && app.isPackaged ? { icon: join(process.resourcesPath, 'icon.png') } : {}),
    webPreferences: {
      // Reviewed for electronegativity: the preload exposes only the typed client of the IPC contract
      // (shared/ipc.ts) through contextBridge, never ipcRenderer itself.
      preload: join(import.meta.dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click on a link would ask for a new window; setWindowOpenHandler denies it anyway,
      // and without the event the renderer never sees the attempt.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  window.once('ready-to-show', () => window.show())
  const devServerUrl = process.env.ELECTRON_RENDERER_URL
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(RENDERER_FILE)
  return window
}
