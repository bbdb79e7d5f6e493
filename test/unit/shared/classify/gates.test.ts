import { describe, expect, it } from 'vitest'
import { GateRegistry, isOpen, requiredWordSets } from '../../../../electron/shared/classify/gates'
import { seededRandom } from '../../../helpers/seeded-random'

describe('gate word sets', () => {
  it('asks for the noun and the verb when both are telling', () => {
    expect(requiredWordSets('(account|mailbox) (is )?(disabled|suspended)')).toEqual([
      ['account', 'mailbox'],
      ['disabled', 'suspended'],
    ])
    expect(requiredWordSets('user unknown')).toEqual([['unknown']])
    expect(requiredWordSets('(a|b)?')).toBeNull()
  })
  it('keeps escaped punctuation inside words', () => {
    expect(requiredWordSets('cbl\\.abuseat')).toEqual([['cbl.abuseat']])
    expect(requiredWordSets('\\(bl\\)')).toEqual([['(bl)']])
  })
})

describe('the one-pass gate scanner', () => {
  it('finds every registered word, overlapping and nested ones included', () => {
    const words = ['he', 'she', 'his', 'hers', 'mail', 'mailbox', 'box', 'ail', 'ß', 'メール', 'メールボックス', 'x.y']
    const registry = new GateRegistry()
    const ids = words.map((word) => registry.add([word]))
    const alphabet = [
      'h',
      'e',
      's',
      'i',
      'r',
      'm',
      'a',
      'l',
      'b',
      'o',
      'x',
      '.',
      'y',
      ' ',
      'ß',
      'メ',
      'ー',
      'ル',
      'ボ',
      'ッ',
      'ク',
      'ス',
      '送',
    ]
    const random = seededRandom(7)
    for (let round = 0; round < 2000; round++) {
      let text = ''
      const length = Math.floor(random() * 40)
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)] ?? ''
      const open = registry.scan(text)
      words.forEach((word, i) => expect(open[ids[i] ?? -1] === 1, `${word} in ${text}`).toBe(text.includes(word)))
    }
  })
  it('opens a gate only when every word set of one alternative is present', () => {
    const registry = new GateRegistry()
    const gate = registry.gateFor(['(account|mailbox) (is )?(disabled|suspended)', 'frozen'])
    expect(isOpen(gate, registry.scan('your account is disabled'))).toBe(true)
    expect(isOpen(gate, registry.scan('the account was frozen'))).toBe(true)
    expect(isOpen(gate, registry.scan('your account is fine, the other one is disabled'))).toBe(true)
    expect(isOpen(gate, registry.scan('the account is fine'))).toBe(false)
    expect(isOpen(gate, registry.scan('user disabled'))).toBe(false)
  })
  it('refuses new words after the first scan', () => {
    const registry = new GateRegistry()
    registry.add(['one'])
    registry.scan('one')
    expect(() => registry.add(['two'])).toThrow()
    expect(registry.add(['one'])).toBe(0)
  })
})
