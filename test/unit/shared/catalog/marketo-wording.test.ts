import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MARKETO_ENHANCED_WORDING, MARKETO_REPLY_WORDING, explainCode } from '../../../../electron/shared/catalog'
import { FIXTURES } from '../../../helpers/temp-dir'

/** Marketo's own "Email Bounce Codes" page as text, copied from shared/reference/. */
const PAGE = readFileSync(join(FIXTURES, 'reference', 'marketo-email-bounce-codes.txt'), 'utf8')

/** Each code on the page with the explanation on the line after it. */
function pageWording(): Map<string, string> {
  const lines = PAGE.split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const wording = new Map<string, string>()
  lines.forEach((line, index) => {
    const next = lines[index + 1]
    if (/^(\d{3}|\d\.\d\.\d)$/.test(line) && next !== undefined) wording.set(line, next)
  })
  return wording
}

/**
 * The catalog may drop the page's typography — a final full stop, the space in `< domain>`, a
 * curly apostrophe — but not a word.
 */
function words(text: string): string {
  return text
    .replace(/\u2019/g, "'")
    .replace(/<\s+/g, '<')
    .replace(/\s+/g, ' ')
    .replace(/\.$/, '')
    .trim()
}

describe("Marketo's wording in the catalog", () => {
  const page = pageWording()

  it('reads all 63 codes of the page', () => {
    expect(page.size).toBe(63)
    expect(page.get('250')).toBe('Mail accepted by receiving network')
  })

  it.each([...pageWording()])('%s is worded as on Marketo’s page', (code, text) => {
    expect(words(explainCode(code)?.marketoWording ?? '(missing)')).toBe(words(text))
  })

  it('has no Marketo wording for a code the page does not list', () => {
    const catalogCodes = [...Object.keys(MARKETO_REPLY_WORDING), ...Object.keys(MARKETO_ENHANCED_WORDING)]
    expect(catalogCodes.filter((code) => !page.has(code))).toEqual([])
  })
})
