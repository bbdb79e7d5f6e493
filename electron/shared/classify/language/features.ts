/**
 * What the language layer reads of a bounce text: words, word pairs, and short runs of characters; and,
 * so that what it learns carries across languages and providers, the clause reader's kinds (who and what
 * happened, `../clauses.ts`), the topics a text touches (`topics.ts`) and the class of its codes.
 *
 * Codes, numbers, addresses and host names are masked first: the rules read codes, and the model is
 * there for the words no rule names. Word pairs keep "not found" apart from "found"; character runs
 * are the only way to read Chinese, Japanese and Korean, which do not separate words with spaces.
 * (Character runs inside Latin words were measured too: +0.2 points leave-providers-out for a
 * noticeably slower classifier, so they are left out.)
 */

import { clauseConcepts } from '../clauses'
import { extractCodes } from '../codes'
import { GATES } from '../gates'
import { topicFeatures } from './topics'

const EMAIL = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g
// Host and domain names (example.com, mx1.mail.example.co.jp): a name says who, not what happened, and
// our corpora's stand-in names would otherwise become evidence.
const HOSTLIKE = /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/g
const LETTER_RUN = /[\p{L}\p{M}]+/gu
const HAN = /\p{Script=Han}/u
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

// Words so common in bounce texts that they say nothing about the cause.
const STOP_WORDS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'to',
  'of',
  'for',
  'and',
  'or',
  'in',
  'on',
  'at',
  'by',
  'is',
  'be',
  'was',
  'it',
  'this',
  'that',
  'with',
  'from',
  'please',
  'mail',
  'email',
  'e',
  'message',
  'smtp',
  'esmtp',
  'said',
  'host',
  'com',
  'net',
  'org',
  'www',
  'http',
  'https',
  'html',
  'id',
  'x',
  's',
  'de',
  'la',
  'le',
  'der',
  'die',
  'das',
  'di',
  'il',
])

/** Longest text read, in characters: the cause sits in the first lines, the rest is quoted mail. */
const MAX_CHARS = 800

// Runs of letters are in the Basic Multilingual Plane for every language we read, so a run can be cut
// by UTF-16 offsets; a run with surrogates (rare scripts, emoji) is read by code points instead.
const SURROGATE = /[\uD800-\uDFFF]/

function charGrams(run: string, sizes: readonly number[], out: Set<string>): void {
  if (!SURROGATE.test(run)) {
    for (const size of sizes) for (let i = 0; i + size <= run.length; i++) out.add(`c:${run.slice(i, i + size)}`)
    return
  }
  const chars = Array.from(run)
  for (const size of sizes) {
    for (let i = 0; i + size <= chars.length; i++) out.add(`c:${chars.slice(i, i + size).join('')}`)
  }
}

// The class of a code says how sure and what about (x.1 addresses, x.2 mailboxes, x.7 policy …), which
// is evidence even where the code is too generic for a rule to decide on.
function codeFeatures(lower: string, out: Set<string>): void {
  const { reply, status } = extractCodes(lower)
  if (reply !== null) out.add(`n:${reply.code[0] ?? ''}xx`)
  if (status !== null) {
    const [klass, subject] = status.code.split('.')
    out.add(`n:x.${subject ?? ''}`)
    if (reply === null) out.add(`n:${klass ?? ''}xx`)
  }
}

/** The distinct features of one text (presence, not counts: a repeated phrase is one piece of evidence). */
export function textFeatures(text: string): string[] {
  const head = text.slice(0, MAX_CHARS).toLowerCase()
  const lower = head.replace(EMAIL, ' ').replace(HOSTLIKE, ' ')
  const out = new Set<string>()
  codeFeatures(head, out)
  const open = GATES.scan(lower)
  for (const concept of clauseConcepts(lower, open)) out.add(`k:${concept}`)
  for (const topic of topicFeatures(lower, open)) out.add(topic)
  const words: string[] = []
  // Most texts have no CJK at all: one test of the whole text spares a test per word.
  const anyCjk = CJK.test(lower)
  LETTER_RUN.lastIndex = 0
  for (let match = LETTER_RUN.exec(lower); match !== null; match = LETTER_RUN.exec(lower)) {
    const run = match[0]
    if (anyCjk && CJK.test(run)) {
      charGrams(run, [2, 3], out)
      // A single Han character is a word (满 full, 拒 refuse); a single kana or hangul syllable is a
      // grammatical ending, and weighed as evidence it only echoes which corpus texts were Japanese.
      for (const ch of run) if (HAN.test(ch)) out.add(`c:${ch}`)
      words.push('·')
      continue
    }
    if (STOP_WORDS.has(run) || run.length === 1) continue
    words.push(run)
    out.add(`w:${run}`)
  }
  for (let i = 0; i + 1 < words.length; i++) {
    const left = words[i]
    const right = words[i + 1]
    if (left !== undefined && right !== undefined && left !== '·' && right !== '·') out.add(`b:${left} ${right}`)
  }
  return [...out]
}

/** How a feature reads to a person (the evidence shows the words, not the feature's kind). */
export function featureWords(feature: string): string {
  const body = feature.slice(2)
  switch (feature.slice(0, 2)) {
    case 'c:':
      return body.replaceAll('<', '').replaceAll('>', '')
    case 't:':
      return `about ${body}`
    case 'n:':
      return `${body} code`
    case 'k:':
      // `k:sp:recipient-full` → "recipient + full"; `k:p:full` → "full".
      return body.slice(body.indexOf(':') + 1).replace(/-(?=[a-z]+$)/, ' + ')
    default:
      return body
  }
}
