import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { basename } from 'node:path'
import { statSync } from 'node:fs'

export function buildMenu(getWindow: () => BrowserWindow | null): Menu {
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
        { name: 'CSV exports', extensions: ['csv', 'txt', 'tsv'] },
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
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
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
  ]
  return Menu.buildFromTemplate(template)
}
