import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'

export function buildMenu(getWindow: () => BrowserWindow | null): Menu {
  const isMac = process.platform === 'darwin'
  const sendCommand = (command: 'import' | 'navigate', view?: string): void => {
    getWindow()?.webContents.send('app:command', view === undefined ? { command } : { command, view })
  }
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => sendCommand('import') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Overview', accelerator: 'CmdOrCtrl+1', click: () => sendCommand('navigate', 'overview') },
        { label: 'Imports', accelerator: 'CmdOrCtrl+2', click: () => sendCommand('navigate', 'imports') },
        { label: 'Trends', accelerator: 'CmdOrCtrl+3', click: () => sendCommand('navigate', 'trends') },
        { label: 'Codes', accelerator: 'CmdOrCtrl+4', click: () => sendCommand('navigate', 'codes') },
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
