import { app, clipboard, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { basename } from 'node:path'
import { statSync } from 'node:fs'
import { CLASSIFIER_VERSION } from '../../shared/classify'
import { aboutText } from './about'
import { PRODUCT_NAME } from '../core/paths'

// The native box rather than role 'about': that one cannot show the database path on Windows or
// Linux, and offers no way to copy the facts into a support request.
async function showAbout(window: BrowserWindow | null, dbPath: string): Promise<void> {
  const text = aboutText({
    version: app.getVersion(),
    dbPath,
    classifierVersion: CLASSIFIER_VERSION,
    runtime: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
  })
  const options = {
    type: 'info' as const,
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: ['OK', 'Copy'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  }
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options)
  if (response === 1) clipboard.writeText(text.clipboard)
}

/** `getDbPath`: the database the app has open now (Settings can move it). */
export function buildMenu(getWindow: () => BrowserWindow | null, getDbPath: () => string): Menu {
  const isMac = process.platform === 'darwin'
  const navigate = (view: string): void => {
    getWindow()?.webContents.send('app:command', { command: 'navigate', view })
  }
  // The renderer cannot open its file input without a click inside the page, so the menu's
  // Import… uses the native dialog here and hands the chosen files to the renderer's import flow.
  const pickAndImport = async (): Promise<void> => {
    const window = getWindow()
    if (!window) return
    const choice = await dialog.showOpenDialog(window, {
      title: 'Import Marketo exports',
      properties: ['openFile', 'multiSelections'],
      filters: [
        // .xls is offered so that picking one gets the import's reason (save it as .xlsx), not silence.
        { name: 'Marketo exports (CSV, Excel)', extensions: ['csv', 'txt', 'tsv', 'xlsx', 'xlsm', 'xls'] },
        { name: 'All files', extensions: ['*'] },
      ],
    })
    if (choice.canceled || choice.filePaths.length === 0) return
    const files = choice.filePaths.map((path) => ({
      path,
      name: basename(path),
      lastModifiedMs: statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now(),
    }))
    window.webContents.send('app:command', { command: 'import-files', files })
  }
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: PRODUCT_NAME,
            submenu: [
              { label: `About ${PRODUCT_NAME}`, click: () => void showAbout(getWindow(), getDbPath()) },
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ] satisfies MenuItemConstructorOptions[],
          },
        ]
      : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => void pickAndImport() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Overview', accelerator: 'CmdOrCtrl+1', click: () => navigate('overview') },
        { label: 'Imports', accelerator: 'CmdOrCtrl+2', click: () => navigate('imports') },
        { label: 'Trends', accelerator: 'CmdOrCtrl+3', click: () => navigate('trends') },
        { label: 'Codes', accelerator: 'CmdOrCtrl+4', click: () => navigate('codes') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    ...(isMac
      ? []
      : [
          {
            role: 'help' as const,
            submenu: [{ label: `About ${PRODUCT_NAME}`, click: () => void showAbout(getWindow(), getDbPath()) }],
          },
        ]),
  ]
  return Menu.buildFromTemplate(template)
}
