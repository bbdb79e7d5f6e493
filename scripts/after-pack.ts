import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'
import { Arch, type AfterPackContext } from 'electron-builder'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * electron-builder's afterPack hook: runs on the unpacked app, before it is signed and wrapped
 * into an installer. Fuses are flipped here because signing afterwards must cover the changed
 * binary, and the native SQLite binding is checked here because a wrong one only fails on the
 * user's machine, at first launch.
 */

export type TargetPlatform = 'darwin' | 'win32' | 'linux'

/** Where the packaged app looks for better-sqlite3 (see electron/main/shell/native-binding.ts). */
export const PACKAGED_NATIVE_BINDING = join('native', 'better_sqlite3.node')

/**
 * The fuses the packaged app ships with. Anything that lets a local process run the bundled
 * Electron as a general-purpose Node, attach a debugger or swap in unpacked code is off; the app
 * never needs it (imports run in worker_threads, not a forked ELECTRON_RUN_AS_NODE child).
 */
export function fuseConfigFor(platform: TargetPlatform, arch: Arch): FuseV1Config {
  return {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature Apple Silicon insists on even for unsigned builds;
    // a real identity re-signs afterwards anyway.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === Arch.arm64,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Electron validates the embedded asar hash only on macOS and Windows (electron-builder embeds
    // it there); on Linux the fuse has no effect, so it stays at Electron's default.
    ...(platform === 'linux' ? {} : { [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true }),
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The renderer is loaded from file://, but needs nothing beyond what a browser grants a page.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  }
}

export type NativeFormat = 'elf' | 'mach-o' | 'pe'
export interface NativeTarget {
  format: NativeFormat
  arch: 'x64' | 'arm64' | 'ia32' | 'armv7l'
}

const FORMAT_OF_PLATFORM: Record<TargetPlatform, NativeFormat> = { linux: 'elf', darwin: 'mach-o', win32: 'pe' }

/**
 * Reads the object format and CPU of a compiled Node addon from its header, so a binary built on
 * the wrong machine (a Linux .node in a Windows installer, x64 in an arm64 dmg) stops the build.
 */
export function nativeTargetOf(header: Buffer): NativeTarget | null {
  if (header.length < 64) return null
  if (header.readUInt32BE(0) === 0x7f454c46) {
    const machine = header.readUInt16LE(18)
    const arch = ({ 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' } as const)[machine]
    return arch ? { format: 'elf', arch } : null
  }
  // 64-bit Mach-O, little endian (both Apple CPUs); fat binaries are not produced by node-gyp here.
  if (header.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = header.readUInt32LE(4)
    const arch = cpu === 0x01000007 ? 'x64' : cpu === 0x0100000c ? 'arm64' : undefined
    return arch ? { format: 'mach-o', arch } : null
  }
  if (header.readUInt16BE(0) === 0x4d5a) {
    const peOffset = header.readUInt32LE(0x3c)
    if (peOffset + 6 > header.length || header.readUInt32BE(peOffset) !== 0x50450000) return null
    const machine = header.readUInt16LE(peOffset + 4)
    const arch = ({ 0x8664: 'x64', 0xaa64: 'arm64', 0x014c: 'ia32' } as const)[machine]
    return arch ? { format: 'pe', arch } : null
  }
  return null
}

/** Returns why the binary does not fit the target, or null when it does. */
export function nativeMismatch(header: Buffer, platform: TargetPlatform, arch: Arch): string | null {
  const found = nativeTargetOf(header)
  const wanted = { format: FORMAT_OF_PLATFORM[platform], arch: Arch[arch] }
  if (!found) return `it is not a ${wanted.format} binary this check recognises`
  if (found.format !== wanted.format || found.arch !== wanted.arch) {
    return `it is ${found.format}/${found.arch}, the target needs ${wanted.format}/${wanted.arch}`
  }
  return null
}

function isTargetPlatform(name: string): name is TargetPlatform {
  return name === 'darwin' || name === 'win32' || name === 'linux'
}

function electronExecutable(context: AfterPackContext, platform: TargetPlatform): string {
  const { packager, appOutDir } = context
  if (platform === 'darwin') return join(appOutDir, `${packager.appInfo.productFilename}.app`)
  if (platform === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
  // LinuxPackager names the binary after executableName (lower-case, no spaces by default).
  const executableName: unknown = Reflect.get(packager, 'executableName')
  return join(appOutDir, typeof executableName === 'string' ? executableName : packager.appInfo.productFilename)
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const platform = context.electronPlatformName
  if (!isTargetPlatform(platform)) throw new Error(`after-pack: unsupported platform ${platform}`)

  const binding = join(context.packager.getResourcesDir(context.appOutDir), PACKAGED_NATIVE_BINDING)
  if (!existsSync(binding)) {
    throw new Error(`after-pack: ${binding} is missing; run \`npm run native:electron\` first (npm run dist does).`)
  }
  const mismatch = nativeMismatch(readFileSync(binding).subarray(0, 4096), platform, context.arch)
  if (mismatch) {
    throw new Error(
      `after-pack: the better-sqlite3 binary does not fit ${platform}-${Arch[context.arch]}: ${mismatch}. ` +
        'Build each platform and CPU on a matching machine (see README, Contributor notes).',
    )
  }

  await flipFuses(electronExecutable(context, platform), fuseConfigFor(platform, context.arch))
}
