import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** For the entries that run from source (CLI, browser preview, tests): paths inside the checkout. */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..')
export const RESOURCES_DIR = resolve(REPO_ROOT, 'resources')
export const RENDERER_OUT_DIR = resolve(REPO_ROOT, 'out/renderer')

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown }
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0'
}
