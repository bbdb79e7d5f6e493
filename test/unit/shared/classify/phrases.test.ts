import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GATES, isOpen } from '../../../../electron/shared/classify/gates'
import { FIRST_PASS, mandatoryWords, SECOND_PASS } from '../../../../electron/shared/classify/phrases'

const ORACLE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'oracle')

function oracleTexts(): string[] {
  const texts: string[] = []
  for (const file of ['sisimai-cases.tsv', 'sisimai-phrases.tsv']) {
    for (const line of readFileSync(join(ORACLE, file), 'utf8').split('\n').slice(1)) {
      const text = line.split('\t')[2]
      if (text) texts.push(text.toLowerCase())
    }
  }
  return texts
}

describe('phrase rule gates', () => {
  it('finds the words a pattern cannot match without', () => {
    expect(mandatoryWords('mailbox (is )?(currently )?full')).toEqual(['mailbox'])
    expect(mandatoryWords('timed? ?out')).toEqual(['time'])
    expect(mandatoryWords('(user|recipient) not found')).toEqual(['found'])
    expect(mandatoryWords('(konto|postfach) (ist )?(deaktiviert|gesperrt)')).toEqual(['konto', 'postfach'])
    expect(mandatoryWords('(a|b)?')).toBeNull()
    // A short plain word gives way to a mandatory group of longer words.
    expect(mandatoryWords('(blacklisted|blocklisted) ip')).toEqual(['blacklisted', 'blocklisted'])
  })

  it('never hide a match: wherever a pattern matches an oracle text, its gate matches too', () => {
    const texts = oracleTexts()
    let matches = 0
    for (const rule of [...FIRST_PASS, ...SECOND_PASS]) {
      expect(rule.gate, rule.id).not.toBeNull()
      for (const text of texts) {
        if (rule.pattern.test(text)) {
          matches++
          expect(isOpen(rule.gate, GATES.scan(text)), `${rule.id}: ${text}`).toBe(true)
        }
      }
    }
    expect(matches).toBeGreaterThan(500)
  })
})
