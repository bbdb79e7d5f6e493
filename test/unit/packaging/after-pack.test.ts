import { Arch } from 'electron-builder'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nativeMismatch, nativeTargetOf } from '../../../scripts/after-pack'

function machO(cpu: number): Buffer {
  const header = Buffer.alloc(64)
  header.writeUInt32LE(0xfeedfacf, 0)
  header.writeUInt32LE(cpu, 4)
  return header
}

function pe(machine: number): Buffer {
  const header = Buffer.alloc(256)
  header.write('MZ', 0, 'latin1')
  header.writeUInt32LE(0x80, 0x3c)
  header.writeUInt32BE(0x50450000, 0x80)
  header.writeUInt16LE(machine, 0x84)
  return header
}

function elf(machine: number): Buffer {
  const header = Buffer.alloc(64)
  header.writeUInt32BE(0x7f454c46, 0)
  header.writeUInt16LE(machine, 18)
  return header
}

describe('the native binding check in afterPack', () => {
  it('reads the object format and CPU of the addon node_modules holds', () => {
    const addon = join(
      createRequire(import.meta.url).resolve('better-sqlite3/package.json'),
      '../build/Release/better_sqlite3.node',
    )
    const found = nativeTargetOf(readFileSync(addon).subarray(0, 4096))
    const format = { linux: 'elf', darwin: 'mach-o', win32: 'pe' }[process.platform as string]
    expect(found).toEqual({ format, arch: process.arch })
  })

  it('tells Mach-O, PE and ELF binaries and their CPUs apart', () => {
    expect(nativeTargetOf(machO(0x0100000c))).toEqual({ format: 'mach-o', arch: 'arm64' })
    expect(nativeTargetOf(machO(0x01000007))).toEqual({ format: 'mach-o', arch: 'x64' })
    expect(nativeTargetOf(pe(0x8664))).toEqual({ format: 'pe', arch: 'x64' })
    expect(nativeTargetOf(pe(0xaa64))).toEqual({ format: 'pe', arch: 'arm64' })
    expect(nativeTargetOf(elf(0xb7))).toEqual({ format: 'elf', arch: 'arm64' })
    expect(nativeTargetOf(Buffer.from('not a binary at all, just some text that is long enough to read.'))).toBeNull()
  })

  it('stops a build that would ship a binary for another system or CPU', () => {
    expect(nativeMismatch(machO(0x0100000c), 'darwin', Arch.arm64)).toBeNull()
    expect(nativeMismatch(machO(0x0100000c), 'darwin', Arch.x64)).toMatch(/mach-o\/arm64.*mach-o\/x64/)
    expect(nativeMismatch(elf(0x3e), 'win32', Arch.x64)).toMatch(/elf\/x64.*pe\/x64/)
    expect(nativeMismatch(pe(0x8664), 'win32', Arch.x64)).toBeNull()
    expect(nativeMismatch(Buffer.alloc(64), 'linux', Arch.x64)).toMatch(/not a elf binary/)
  })
})
