import { join } from 'node:path'

/**
 * node_modules keeps better-sqlite3 built for Node (tests, CLI, preview); under Electron the app
 * loads a second build made for Electron's ABI. The Electron version is in the dev path so a
 * stale build fails with "module not found" instead of an ABI crash.
 */
export function electronNativeBinding(isPackaged: boolean, appPath: string): string | undefined {
  const electronVersion = process.versions.electron
  if (!electronVersion) return undefined
  if (isPackaged) return join(process.resourcesPath, 'native', 'better_sqlite3.node')
  return join(appPath, '.native', `electron-${electronVersion}`, 'build', 'Release', 'better_sqlite3.node')
}
