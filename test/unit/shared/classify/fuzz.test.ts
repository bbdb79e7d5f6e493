import { describe, expect, it } from 'vitest'
import { classify, REASONS, SEVERITIES, VERDICTS } from '../../../../electron/shared/classify/index'
import { seededRandom } from '../../../helpers/seeded-random'

const FRAGMENTS = [
  '550',
  '5.1.1',
  '4.4.7',
  ' ',
  '-',
  "'",
  '"',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '#',
  ':',
  ';',
  '.',
  '@',
  'user unknown',
  'mailbox',
  'full',
  'blocked using',
  'spamhaus',
  'in reply to RCPT TO command',
  'after end of data',
  'DNS Error',
  'timed out',
  'ß',
  'İ',
  '送信',
  '🐈',
  '\n',
  '\t',
  'x-unix;',
  'account',
  'disabled',
  'relay',
]

function randomText(next: () => number): string {
  const pieces = Math.floor(next() * 60)
  let text = ''
  for (let i = 0; i < pieces; i++) {
    if (next() < 0.5) text += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] ?? ''
    else text += String.fromCharCode(Math.floor(next() * 0x3000))
  }
  return text
}

function expectWellFormed(text: string): void {
  const result = classify(text)
  expect(REASONS).toContain(result.reason)
  expect(SEVERITIES).toContain(result.severity)
  expect(VERDICTS).toContain(result.verdict)
  expect(result.evidence.length).toBeGreaterThan(0)
  for (const e of result.evidence) {
    if (e.start >= 0) expect(text.slice(e.start, e.end)).toBe(e.match)
  }
}

/** Classifying must stay quick however hostile the text; 250 ms leaves room for a slow CI machine. */
const BOUND_MS = 250

function timeOf(text: string): number {
  const started = performance.now()
  classify(text)
  return performance.now() - started
}

describe('classify: fuzz', () => {
  it('never throws and always answers with valid members on 3,000 random texts', () => {
    const next = seededRandom(20250101)
    for (let i = 0; i < 3000; i++) expectWellFormed(randomText(next))
  })

  const KB100 = 100 * 1024
  const adversarial: readonly [string, string][] = [
    ['a', 'a'.repeat(KB100)],
    ['5.5.5.5.', '5.5.5.5.'.repeat(KB100 / 8)],
    ['spaces', ' '.repeat(KB100)],
    ['nested quotes', `${'"\''.repeat(KB100 / 4)}${'\'"'.repeat(KB100 / 4)}`],
    ['digits', '550 '.repeat(KB100 / 4)],
    ['near-miss phrases', 'user unknow mailbox ful blocked usin '.repeat(KB100 / 37)],
    ['long word gaps', `ip ${'x'.repeat(KB100)} blocked`],
    ['angle brackets', '<'.repeat(KB100)],
    ['rcpt to without close', `rcpt to: <${'a'.repeat(KB100)}`],
    ['japanese', '存在'.repeat(KB100 / 2)],
    ['group phrases', `groupe ${'x '.repeat(KB100 / 2)}`],
  ]
  it.each(adversarial)('classifies 100 kB of %s in bounded time', (_name, text) => {
    classify(text.slice(0, 200)) // warm up the compiled expressions
    const elapsed = timeOf(text)
    expect(elapsed).toBeLessThan(BOUND_MS)
    expectWellFormed(text)
  })

  it('still finds the reason at the start of a 100 kB text', () => {
    const text = `550 5.1.1 User unknown ${'quoted message body '.repeat(5000)}`
    expect(classify(text)).toMatchObject({ reason: 'userunknown', status: '5.1.1' })
  })
})
