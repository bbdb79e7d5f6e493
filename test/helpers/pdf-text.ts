/**
 * Reads a PDF's page count and text with pdf.js (its legacy build runs in plain Node), so the
 * end-to-end tests can check what a printed report says, not just that a file exists.
 */
export interface PdfText {
  pages: number
  /** One string per page, the text items joined by spaces. */
  text: string[]
}

// pdf.js may call Promise.withResolvers, which Node gained in 22; the repo supports Node 20.19.
function ensureWithResolvers(): void {
  const promise = Promise as unknown as { withResolvers?: unknown }
  if (typeof promise.withResolvers === 'function') return
  promise.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T) => void
    let reject!: (reason: unknown) => void
    const created = new Promise<T>((yes, no) => {
      resolve = yes
      reject = no
    })
    return { promise: created, resolve, reject }
  }
}

export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  ensureWithResolvers()
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  // pdf.js takes ownership of the buffer it is given; a copy leaves the caller's bytes intact.
  const loading = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false })
  const document = await loading.promise
  try {
    const text: string[] = []
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      text.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
    }
    return { pages: document.numPages, text }
  } finally {
    await loading.destroy()
  }
}

/** Text without any whitespace, so a sentence wrapped over lines still matches. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '')
}
