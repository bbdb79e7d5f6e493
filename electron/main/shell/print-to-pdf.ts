import { BrowserWindow } from 'electron'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PrintToPdf } from '../core/handler-deps'

/**
 * Prints a report to PDF with the Chromium inside Electron. The report is a stranger-fed
 * document (bounce texts come from remote mail servers), so it gets a window of its own that is
 * never shown, runs no script, has no preload and so no `window.api`, and lives only as long as
 * the print. It loads from a temporary file rather than a data: URL, which Chromium caps at a
 * few megabytes: a period report of a large list can come near that.
 */
export const printToPdfWithElectron: PrintToPdf = async (html) => {
  const folder = await mkdtemp(join(tmpdir(), 'bounce-auditor-report-'))
  const file = join(folder, 'report.html')
  const window = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
      // Nothing to click in a hidden window, but the same hardening as the app's own window.
      disableBlinkFeatures: 'Auxclick',
      // A separate in-memory session: nothing the report does reaches the app's own storage.
      partition: 'report-print',
    },
  })
  try {
    await writeFile(file, html, 'utf8')
    await window.loadFile(file)
    const pdf = await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      // The report's @page rule sets the margins, so the app and a browser print the same.
      preferCSSPageSize: true,
    })
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  } finally {
    window.destroy()
    await rm(folder, { recursive: true, force: true })
  }
}
