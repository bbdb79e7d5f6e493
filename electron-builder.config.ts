import type { Configuration, TargetConfiguration } from 'electron-builder'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import afterPack, { PACKAGED_NATIVE_BINDING } from './scripts/after-pack'

// `npm run dist` passes this file with --config: electron-builder only discovers
// electron-builder.{yml,json,ts,…} by itself, and the *.config.ts name keeps it in tsconfig.node.json.

const electronVersion = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string
  }
).version

/**
 * scripts/build-native.sh builds better-sqlite3 against Electron's headers into this folder. The
 * Electron version is part of the path, so packaging after an Electron upgrade without a rebuild
 * fails at once ("cannot find") instead of shipping a binary for the wrong ABI.
 */
export const NATIVE_BINDING_SOURCE = `.native/electron-${electronVersion}/build/Release/better_sqlite3.node`

/** `Name <e-mail>`: what a .deb's Maintainer field must be (Debian policy 5.6.2). */
const MAINTAINER_SHAPE = /^[^<>]+ <[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>$/

/**
 * The deb's maintainer: DEB_MAINTAINER if set, else package.json's `author` with its e-mail.
 * Null when neither names a person to write to; then no deb is built rather than one whose
 * Maintainer field is a made-up placeholder.
 */
export function debMaintainer(author: unknown, env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.DEB_MAINTAINER?.trim()
  if (fromEnv) return MAINTAINER_SHAPE.test(fromEnv) ? fromEnv : null
  if (typeof author === 'string') return MAINTAINER_SHAPE.test(author.trim()) ? author.trim() : null
  if (author && typeof author === 'object' && 'name' in author && 'email' in author) {
    const candidate = `${String(author.name)} <${String(author.email)}>`
    return MAINTAINER_SHAPE.test(candidate) ? candidate : null
  }
  return null
}

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { author?: unknown }
const maintainer = debMaintainer(manifest.author)
if (maintainer === null && process.argv.some((arg) => arg.includes('electron-builder'))) {
  console.warn('No deb: set DEB_MAINTAINER="Name <e-mail>" or an author with an e-mail in package.json to build one.')
}

const config: Configuration = {
  appId: 'com.bounceauditor.app',
  productName: 'Bounce Auditor',
  // The version comes from package.json; nothing here overrides it.
  copyright: 'Copyright © Bounce Auditor contributors',
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',
  directories: { output: 'dist', buildResources: 'build' },

  // Only the built app: main, the import worker, preload and renderer. Sources, tests, benchmarks
  // and the browser preview (electron/web, run from source by tsx) never match these patterns.
  files: [
    'package.json',
    'out/main/**/*',
    'out/preload/**/*',
    'out/renderer/**/*',
    '!out/web/**/*',
    '!**/*.map',
    // better-sqlite3 runs from the Electron-ABI binary in resources/native (nativeBinding); its
    // Node-ABI build, C sources and SQLite amalgamation would only add 10 MB of dead weight.
    '!**/node_modules/better-sqlite3/{build,deps,src}/**/*',
    '!**/node_modules/better-sqlite3/binding.gyp',
  ],
  extraResources: [
    { from: NATIVE_BINDING_SOURCE, to: PACKAGED_NATIVE_BINDING },
    // "Try it with a sample export" reads process.resourcesPath/sample (electron/main/index.ts).
    { from: 'resources/sample', to: 'sample', filter: ['**/*.csv'] },
    // The Linux window icon (electron/main/shell/window.ts); macOS and Windows take it from the bundle.
    { from: 'build/icons/512x512.png', to: 'icon.png' },
  ],
  asar: true,
  // A .node file cannot be dlopen'ed from inside app.asar. None should be there (see files), but if
  // a future dependency brings one, it is unpacked rather than failing at run time.
  asarUnpack: ['**/*.node'],
  // electron-builder's rebuild works in place on node_modules, which must stay on Node's ABI for
  // tests, the CLI and the preview; the Electron build comes from .native/ instead.
  npmRebuild: false,
  buildDependenciesFromSource: false,
  afterPack,
  // Offline app with no auto-update: nothing is published and no update feed is generated.
  publish: null,

  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    category: 'public.app-category.business',
    icon: 'build/icons/1024x1024.png',
    hardenedRuntime: true,
  },
  dmg: { title: '${productName} ${version}' },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icons/256x256.png',
  },
  nsis: {
    // Per-user install into %LOCALAPPDATA%: no administrator rights, which marketers often lack.
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: false,
    // Uninstalling must never take the user's import history with it.
    deleteAppDataOnUninstall: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Bounce Auditor',
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      ...(maintainer === null ? [] : [{ target: 'deb', arch: ['x64'] } satisfies TargetConfiguration]),
    ],
    category: 'Office',
    icon: 'build/icons',
    ...(maintainer === null ? {} : { maintainer }),
    synopsis: 'Offline auditor for Marketo Engage bounce exports',
  },
}

export default config
