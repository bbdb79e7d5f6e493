import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  explainCode,
  listCatalog,
  MARKETO_RULE_OF_THUMB,
  normalizeCode,
} from '../../../../electron/shared/catalog/index'
import { REASONS, SEVERITIES } from '../../../../electron/shared/classify/types'

const REFERENCE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'reference')

function tsvRows(file: string): string[][] {
  return readFileSync(join(REFERENCE, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(1)
    .map((line) => line.split('\t'))
}

describe('catalog completeness', () => {
  it('has every basic reply code of reply-codes.tsv with its kind', () => {
    const rows = tsvRows('reply-codes.tsv')
    expect(rows.length).toBe(34)
    for (const [code = '', title = '', kind = ''] of rows) {
      const entry = explainCode(code)
      expect(entry, code).not.toBeNull()
      expect(entry?.kind).toBe('reply')
      expect(entry?.registryTitle).toBe(title)
      expect(entry?.severity).toBe(kind)
    }
  })

  it('has every enhanced status code of enhanced-status-codes.tsv for every class it lists', () => {
    const rows = tsvRows('enhanced-status-codes.tsv')
    expect(rows.length).toBe(81)
    let checked = 0
    for (const [codeWithoutClass = '', title = '', classes = ''] of rows) {
      for (const cls of classes.split(',')) {
        const code = `${cls.trim()}.${codeWithoutClass}`
        const entry = explainCode(code)
        expect(entry, code).not.toBeNull()
        expect(entry?.kind).toBe('enhanced')
        expect(entry?.code).toBe(code)
        expect(entry?.registryTitle).toBe(title)
        expect(entry?.severity).toBe(cls.trim() === '2' ? 'success' : cls.trim() === '4' ? 'transient' : 'permanent')
        checked++
      }
    }
    expect(checked).toBe(rows.reduce((sum, row) => sum + (row[2] ?? '').split(',').length, 0))
  })

  it("has every code of Marketo's table, with Marketo's wording next to the standard one", () => {
    for (const code of [
      '250',
      '421',
      '450',
      '451',
      '452',
      '500',
      '501',
      '502',
      '503',
      '504',
      '550',
      '551',
      '552',
      '553',
      '554',
    ]) {
      expect(explainCode(code)?.marketoWording, code).toBeTruthy()
    }
    for (let subject = 0; subject <= 7; subject++) {
      const maxDetail = [0, 8, 4, 4, 7, 5, 5, 7][subject] ?? 0
      for (let detail = 0; detail <= maxDetail; detail++) {
        const entry = explainCode(`5.${subject}.${detail}`)
        if (subject === 0 && detail > 0) continue
        expect(entry?.marketoWording, `5.${subject}.${detail}`).toBeTruthy()
      }
    }
    const undefinedStatus = explainCode('5.0.0')
    expect(undefinedStatus?.marketoWording).toBe('Address does not exist')
    expect(undefinedStatus?.registryTitle).toBe('Other undefined Status')
  })

  it('states the rule of thumb with its exceptions', () => {
    expect(MARKETO_RULE_OF_THUMB).toMatch(/400s are generally soft/)
    expect(MARKETO_RULE_OF_THUMB).toMatch(/500s generally hard/)
    expect(MARKETO_RULE_OF_THUMB).toMatch(/Exceptions/)
  })

  it('every entry is complete and uses known severities and reasons', () => {
    const seen = new Set<string>()
    for (const entry of listCatalog()) {
      expect(entry.title.length, entry.code).toBeGreaterThan(3)
      expect(entry.explanation.length, entry.code).toBeGreaterThan(20)
      expect(entry.action.length, entry.code).toBeGreaterThan(5)
      expect(SEVERITIES).toContain(entry.severity)
      if (entry.reason !== undefined) expect(REASONS).toContain(entry.reason)
      const key = `${entry.kind}:${entry.code}`
      expect(seen.has(key), key).toBe(false)
      seen.add(key)
    }
  })
})

describe('explainCode', () => {
  it.each([
    ['550', 'reply', '550'],
    [' 5.7.26 ', 'enhanced', '5.7.26'],
    ['4.2.2', 'enhanced', '4.2.2'],
    ['#5.1.1', 'enhanced', '5.1.1'],
    ['s3150', 'provider', 'S3150'],
    ['[TSS04]', 'provider', 'TSS04'],
    ['TS03', 'provider', 'TSS09'],
    ['AS(201806281)', 'provider', 'AS(…)'],
    ['5.7.612', 'provider', '5.7.606'],
    ['4.7.512', 'provider', '4.7.650'],
    ['Spamhaus', 'blocklist', 'spamhaus'],
    ['zen.spamhaus.org', 'blocklist', 'spamhaus'],
    ['mimecast', 'filter', 'mimecast'],
    ['5.07.001', 'enhanced', '5.7.1'],
  ])('%s → %s %s', (input, kind, code) => {
    const entry = explainCode(input)
    expect(entry?.kind).toBe(kind)
    expect(entry?.code).toBe(code)
  })

  it('shows where Gmail uses a registered code differently', () => {
    for (const code of ['4.7.27', '5.7.26', '4.7.29', '4.7.30']) {
      expect(
        explainCode(code)?.providerNotes?.some((note) => note.provider === 'gmail'),
        code,
      ).toBe(true)
    }
  })

  it('returns null for unknown codes', () => {
    for (const code of ['', '   ', '9.9.9', '599x', '5.1.2.3', 'hello', '4.1.2'])
      expect(explainCode(code), code).toBeNull()
  })

  it('normalizes copied spellings', () => {
    expect(normalizeCode(' smtp;550- ')).toBe('550')
    expect(normalizeCode('(S3150)')).toBe('s3150')
  })
})

describe('explain finds every piece of provider knowledge', () => {
  it('a status number only a provider documents is that provider’s entry', () => {
    const entry = explainCode('5.7.705')
    expect(entry?.code).toBe('5.7.705 (microsoft)')
    expect(entry?.source?.url).toMatch(/learn\.microsoft\.com/)
    expect(explainCode('5.07.750')?.code).toBe('5.7.750 (microsoft)')
  })

  it('a code with variable parts is found through the record that reads it', () => {
    expect(explainCode('AUP#In-1310')?.provider).toBe('spectrum')
    expect(explainCode('OFR004_506')?.source?.url).toMatch(/orange/)
  })

  it('hand-written provider entries carry the source of the record that reads their code', () => {
    expect(explainCode('OFR_506')?.source?.url).toMatch(/orange/)
    expect(explainCode('LPN007_416')?.source?.url).toMatch(/orange/)
  })

  it('still answers nothing for a number nobody documents', () => {
    expect(explainCode('5.7.999')).toBeNull()
  })
})
