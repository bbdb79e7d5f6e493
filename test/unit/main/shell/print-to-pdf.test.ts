import { existsSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

// The real 'electron' cannot load under Node; this stand-in records the window the print uses.
const windows = vi.hoisted(
  () =>
    [] as {
      options: unknown
      loaded: { path: string; html: string } | null
      printOptions: unknown
      destroyed: boolean
    }[],
)
const failPrint = vi.hoisted(() => ({ on: false }))

vi.mock('electron', async () => {
  const { readFileSync: read } = await import('node:fs')
  class BrowserWindow {
    private readonly record: (typeof windows)[number]
    constructor(options: unknown) {
      this.record = { options, loaded: null, printOptions: null, destroyed: false }
      windows.push(this.record)
    }
    loadFile = async (path: string): Promise<void> => {
      this.record.loaded = { path, html: read(path, 'utf8') }
    }
    webContents = {
      printToPDF: async (options: unknown): Promise<Buffer> => {
        this.record.printOptions = options
        if (failPrint.on) throw new Error('printing failed')
        return Buffer.from('%PDF-1.7 stand-in')
      },
    }
    destroy = (): void => {
      this.record.destroyed = true
    }
  }
  return { BrowserWindow }
})

const { printToPdfWithElectron } = await import('../../../../electron/main/shell/print-to-pdf')

beforeEach(() => {
  windows.length = 0
  failPrint.on = false
})

describe('printing a report to PDF in Electron', () => {
  it('prints A4 with backgrounds from a hidden window that runs no script, then removes both', async () => {
    const html = '<!doctype html><title>Report</title><p>ünïcode</p>'
    const pdf = await printToPdfWithElectron(html)
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 stand-in')
    const [window] = windows
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false },
    })
    expect(window?.options).not.toHaveProperty('webPreferences.preload')
    expect(window?.loaded?.html).toBe(html)
    expect(window?.printOptions).toMatchObject({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })
    expect(window?.destroyed).toBe(true)
    expect(existsSync(dirname(window?.loaded?.path ?? '/nonexistent/x'))).toBe(false)
  })

  it('cleans up when printing fails', async () => {
    failPrint.on = true
    await expect(printToPdfWithElectron('<p>x</p>')).rejects.toThrow('printing failed')
    const [window] = windows
    expect(window?.destroyed).toBe(true)
    expect(existsSync(window?.loaded?.path ?? '')).toBe(false)
    expect(() => readFileSync(window?.loaded?.path ?? '')).toThrow()
  })
})
