import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ELECTRON_PACKAGE = resolve(import.meta.dirname, '../../node_modules/electron')

/**
 * Where the Electron executable is, worked out the way node_modules/electron/index.js does it but
 * without its fallback: `require('electron')` starts a download when the binary is missing, which
 * on an offline machine hangs or fails instead of letting the suite skip.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron')
    : relative
      ? join(ELECTRON_PACKAGE, 'dist', relative)
      : null
  return candidate && existsSync(candidate) ? candidate : null
}

export function electronVersion(): string {
  return (JSON.parse(readFileSync(join(ELECTRON_PACKAGE, 'package.json'), 'utf8')) as { version: string }).version
}
