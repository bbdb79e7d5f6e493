import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'Bounce Auditor'
export const DB_FILE_NAME = 'bounce-auditor.db'
export const SAMPLE_FILE_NAME = 'sample-deliverability-2026-11-20.csv'

/**
 * Where Electron's `app.getPath('userData')` points for this app, worked out without Electron
 * so the CLI opens the same database as the desktop app.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME)
}
