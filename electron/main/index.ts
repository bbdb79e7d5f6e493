import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, session, shell } from 'electron'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { EventName, IpcEvents } from '../shared/ipc'
import { createAppContext, type AppContext } from './core/app-context'
import type { StartImportWorker } from './import/run-import-worker'
import { IMPORT_WORKER_LIMITS } from './import/worker-protocol'
import { buildMenu } from './shell/menu'
import { electronNativeBinding } from './shell/native-binding'
import { createLog } from './core/log'
import { registerIpc } from './shell/register-ipc'
import { resolveDbPath, settingsFileIn } from './settings/location'
import { printToPdfWithElectron } from './shell/print-to-pdf'
import { showNotice } from './shell/notify'
import { isTrustedSenderUrl } from './shell/trusted-sender'
import { createMainWindow, RENDERER_FILE } from './shell/window'

let mainWindow: BrowserWindow | null = null

// electron.vite.config.ts builds the worker as a second entry beside this file.
const startImportWorker: StartImportWorker = (workerData) =>
  new Worker(join(import.meta.dirname, 'import-worker.js'), { workerData, resourceLimits: IMPORT_WORKER_LIMITS })
let context: AppContext | null = null

function emit<E extends EventName>(event: E, payload: IpcEvents[E]): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload)
}

function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (navigation) => navigation.preventDefault())
    contents.on('will-attach-webview', (attach) => attach.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
}

/** A notification's click: the window comes forward on the view it names. */
function openView(view: 'overview' | 'settings'): void {
  showMainWindow()
  const contents = mainWindow?.webContents
  if (!contents) return
  const navigate = (): void => contents.send('app:command', { command: 'navigate', view })
  // A window made just now has no page yet to take the message.
  if (contents.isLoading()) contents.once('did-finish-load', navigate)
  else navigate()
}

function showMainWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
    return
  }
  mainWindow = createMainWindow()
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', showMainWindow)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => context?.close())

  void app.whenReady().then(() => {
    hardenWebContents()
    // Windows shows notifications only for an app with an id (the installer's appId).
    if (process.platform === 'win32') app.setAppUserModelId('com.bounceauditor.app')
    const nativeBinding = electronNativeBinding(app.isPackaged, app.getAppPath())
    const userData = app.getPath('userData')
    const log = createLog(join(userData, 'logs'))
    log.info('app started', { version: app.getVersion(), electron: process.versions.electron, os: process.platform })
    const opened = createAppContext({
      // Settings may have moved the database; settings.json in the app-data folder says where.
      dbPath: resolveDbPath(userData),
      settingsFile: settingsFileIn(userData),
      maintainInWorker: true,
      log,
      resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
      version: app.getVersion(),
      shell: 'electron',
      emit,
      startImportWorker,
      chooseSavePath: async ({ defaultName, filters }) => {
        const options = { defaultPath: join(app.getPath('downloads'), defaultName), filters }
        const choice = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options)
        return choice.canceled || !choice.filePath ? null : choice.filePath
      },
      printToPdf: printToPdfWithElectron,
      chooseFolder: async ({ current }) => {
        const options = {
          title: 'Move the database to…',
          defaultPath: current,
          properties: ['openDirectory' as const, 'createDirectory' as const],
        }
        const choice = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options)
        return choice.canceled ? null : (choice.filePaths[0] ?? null)
      },
      // The database is a file: shown selected in its folder; the other targets are folders to open.
      reveal: async (path, kind) => {
        if (kind === 'file') shell.showItemInFolder(path)
        else if ((await shell.openPath(path)) !== '') return false
        return true
      },
      // The renderer's clipboard needs a permission main denies to every page (see hardenWebContents).
      copyText: (text) => clipboard.writeText(text),
      // The watched folder (Settings) runs here in main and outlives the window: a new export
      // is imported even while the window is closed on macOS, and says so in a notification.
      watch: {
        notify: (notice) => showNotice(notice, openView),
        chooseFolder: async ({ current }) => {
          const options = {
            title: 'Watch this folder for new exports',
            ...(current ? { defaultPath: current } : {}),
            properties: ['openDirectory' as const, 'createDirectory' as const],
          }
          const choice = mainWindow
            ? await dialog.showOpenDialog(mainWindow, options)
            : await dialog.showOpenDialog(options)
          return choice.canceled ? null : (choice.filePaths[0] ?? null)
        },
      },
      ...(nativeBinding ? { nativeBinding } : {}),
    })
    context = opened
    const devServerUrl = process.env.ELECTRON_RENDERER_URL
    registerIpc(
      ipcMain,
      () => opened.handlers,
      (event) =>
        isTrustedSenderUrl(event.senderFrame?.url ?? '', RENDERER_FILE, app.isPackaged ? undefined : devServerUrl),
    )
    Menu.setApplicationMenu(
      buildMenu(
        () => mainWindow,
        () => opened.dbPath,
      ),
    )
    showMainWindow()
    app.on('activate', showMainWindow)
  })
}
