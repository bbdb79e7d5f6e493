import { FuseV1Options, FuseVersion } from '@electron/fuses'
import { Arch, Packager, type Configuration } from 'electron-builder'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import config, { debMaintainer, NATIVE_BINDING_SOURCE } from '../../../electron-builder.config'
import afterPack, { fuseConfigFor, PACKAGED_NATIVE_BINDING } from '../../../scripts/after-pack'

const ROOT = resolve(import.meta.dirname, '../../..')
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'))
// The matcher electron-builder itself applies to `files`, so the test reads the patterns as it does.
const { minimatch } = requireFromBuilder('minimatch') as {
  minimatch: (path: string, pattern: string, options?: { dot?: boolean }) => boolean
}

/** electron-builder's rule: the last pattern that matches a path decides, `!` excludes. */
function isPackaged(path: string, patterns: readonly string[]): boolean {
  let included = false
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated
  }
  return included
}

function fileSetPatterns(value: Configuration['files']): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : []
  return list.map((entry) => {
    if (typeof entry !== 'string') throw new Error('files uses plain patterns only')
    return entry
  })
}

describe('electron-builder configuration', () => {
  // Packager is electron-builder's public API: validateConfig() loads a config as `build` does
  // and checks it against electron-builder's own schema. Compiling that schema takes seconds on
  // a busy two-core machine.
  it('is the file electron-builder loads with --config, as npm run dist passes it, and passes its schema', async () => {
    const manifest = createRequire(import.meta.url)('../../../package.json') as { scripts: Record<string, string> }
    expect(manifest.scripts.dist).toContain('--config electron-builder.config.ts')
    const packager = new Packager({ projectDir: ROOT, config: 'electron-builder.config.ts' })
    await expect(packager.validateConfig()).resolves.toBeUndefined()
    expect(packager.config.appId).toBe(config.appId)
    expect(typeof packager.config.afterPack).toBe('function')
  }, 60_000)

  it('would fail the schema check on a misspelt option', async () => {
    // Not built from `config`: electron-builder normalises the object it validates in place.
    const misspelt = { appId: config.appId, nsis: { oneClik: false } } as Configuration
    await expect(new Packager({ projectDir: ROOT, config: misspelt }).validateConfig()).rejects.toThrow(
      /Invalid configuration object/,
    )
  }, 60_000)

  it('names the product and leaves the version to package.json', () => {
    expect(config.appId).toBe('com.bounceauditor.app')
    expect(config.productName).toBe('Bounce Auditor')
    expect(config.buildVersion).toBeUndefined()
    expect(config.extraMetadata?.version).toBeUndefined()
  })

  it('installs per user on Windows, never asks for elevation and keeps the database on uninstall', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      deleteAppDataOnUninstall: false,
    })
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
  })

  it('builds a dmg for both Mac CPUs, and an AppImage for Linux (a deb only with a real maintainer)', () => {
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }])
    const linux = config.linux?.target
    expect(Array.isArray(linux) ? linux[0] : null).toEqual({ target: 'AppImage', arch: ['x64'] })
    const manifest = createRequire(import.meta.url)('../../../package.json') as { author?: unknown }
    const hasDeb = Array.isArray(linux) && linux.some((target) => typeof target !== 'string' && target.target === 'deb')
    expect(hasDeb).toBe(debMaintainer(manifest.author) !== null)
    expect(config.linux?.maintainer ?? null).toBe(debMaintainer(manifest.author))
  })

  it("takes the deb's maintainer from DEB_MAINTAINER or package.json's author, never a placeholder", () => {
    const none: NodeJS.ProcessEnv = {}
    expect(debMaintainer(undefined, none)).toBeNull()
    expect(debMaintainer('Bounce Auditor contributors', none)).toBeNull()
    expect(debMaintainer({ name: 'Ana Ops' }, none)).toBeNull()
    expect(debMaintainer({ name: 'Ana Ops', email: 'ana@example.org' }, none)).toBe('Ana Ops <ana@example.org>')
    expect(debMaintainer('Ana Ops <ana@example.org>', none)).toBe('Ana Ops <ana@example.org>')
    expect(debMaintainer(undefined, { DEB_MAINTAINER: 'Bo Build <bo@example.org>' })).toBe('Bo Build <bo@example.org>')
    expect(debMaintainer({ name: 'Ana', email: 'ana@example.org' }, { DEB_MAINTAINER: 'nobody' })).toBeNull()
  })

  it('claims no file types and publishes nothing', () => {
    for (const scope of [config, config.mac, config.win, config.linux]) expect(scope?.fileAssociations).toBeUndefined()
    expect(config.protocols).toBeUndefined()
    expect(config.publish).toBeNull()
  })

  it('packs the built app into an asar and nothing else from the checkout', () => {
    expect(config.asar).toBe(true)
    const files = fileSetPatterns(config.files)
    for (const shipped of [
      'package.json',
      'out/main/index.js',
      'out/main/import-worker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
    ]) {
      expect(isPackaged(shipped, files), shipped).toBe(true)
    }
    // Production dependencies are added by electron-builder itself; `files` can only trim them.
    for (const kept of [
      'electron/web/server.ts',
      'electron/web/bridge-client.ts',
      'out/web/index.html',
      'electron/main/index.ts',
      'renderer/src/App.svelte',
      'test/e2e/fixtures.ts',
      'bench/import.ts',
      'scripts/after-pack.ts',
      'resources/readme/overview.png',
      'out/main/index.js.map',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      '.native/electron-45.5.0/build/Release/better_sqlite3.node',
    ]) {
      expect(isPackaged(kept, files), kept).toBe(false)
    }
  })

  it('ships the Electron-ABI better-sqlite3 where the packaged app loads it, and no dependency rebuild', () => {
    const electronVersion = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version
    expect(NATIVE_BINDING_SOURCE).toBe(`.native/electron-${electronVersion}/build/Release/better_sqlite3.node`)
    expect(config.extraResources).toContainEqual({ from: NATIVE_BINDING_SOURCE, to: PACKAGED_NATIVE_BINDING })
    // electron/main/shell/native-binding.ts: join(process.resourcesPath, 'native', 'better_sqlite3.node')
    expect(PACKAGED_NATIVE_BINDING.replace(/\\/g, '/')).toBe('native/better_sqlite3.node')
    expect(config.npmRebuild).toBe(false)
    expect(config.asarUnpack).toContain('**/*.node')
    // The sample behind "Try it" is read from process.resourcesPath/sample.
    expect(config.extraResources).toContainEqual({ from: 'resources/sample', to: 'sample', filter: ['**/*.csv'] })
  })

  it('flips the fuses in its afterPack hook', () => {
    expect(config.afterPack).toBe(afterPack)
    const expected = {
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }
    for (const platform of ['darwin', 'win32'] as const) {
      expect(fuseConfigFor(platform, Arch.x64)).toMatchObject({
        version: FuseVersion.V1,
        ...expected,
        [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      })
    }
    // Asar integrity is validated by Electron on macOS and Windows only.
    const linux = fuseConfigFor('linux', Arch.x64)
    expect(linux).toMatchObject({ version: FuseVersion.V1, ...expected })
    expect(linux[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBeUndefined()
    expect(fuseConfigFor('darwin', Arch.arm64).resetAdHocDarwinSignature).toBe(true)
    expect(fuseConfigFor('darwin', Arch.x64).resetAdHocDarwinSignature).toBe(false)
  })
})
