/**
 * Cheap pre-checks ("gates") for the classifier's regular expressions, all answered by one scan.
 *
 * Every phrase rule, the SMTP-step pattern and the provider pattern can only match a text that contains
 * at least one of a few plain words (derived from the pattern by `mandatoryWords`). Most texts contain
 * the words of only a handful of rules, so skipping the others saves most of the work. Testing each
 * gate on its own means one pass over the text per gate (about forty); instead every gate word goes into
 * one alternation, the text is scanned once, and each word found opens the gates that list it.
 */

const SPECIAL = new Set(['(', ')', '[', ']', '{', '}', '?', '*', '+', '|', '\\', '.', '^', '$'])

// Escapes that stand for one literal character (as opposed to classes such as \d, \s, \b).
const LITERAL_ESCAPES = new Set(['(', ')', '[', ']', '{', '}', '?', '*', '+', '|', '\\', '.', '^', '$', '/', '-', '#'])

// A plain word shorter than this is too common to be a useful gate ("ip", "no", "per") when a group of
// longer alternatives is also mandatory.
const SHORT_WORD = 4

/** Splits a pattern at its top-level `|`. */
export function topLevelBranches(source: string): string[] {
  const branches: string[] = []
  let depth = 0
  let inClass = false
  let from = 0
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]
    if (ch === '\\') i++
    else if (inClass) inClass = ch !== ']'
    else if (ch === '[') inClass = true
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === '|' && depth === 0) {
      branches.push(source.slice(from, i))
      from = i + 1
    }
  }
  branches.push(source.slice(from))
  return branches
}

/** Index of the `)` closing the group opened at `open`, or -1. */
function closingParen(source: string, open: number): number {
  let depth = 0
  let inClass = false
  for (let i = open; i < source.length; i++) {
    const ch = source[i]
    if (ch === '\\') i++
    else if (inClass) inClass = ch !== ']'
    else if (ch === '[') inClass = true
    else if (ch === '(') depth++
    else if (ch === ')' && --depth === 0) return i
  }
  return -1
}

/**
 * Words of which any text matching `alternative` must contain at least one, or null when none can be
 * told. A long plain word outside groups is best; otherwise a mandatory group whose every branch has such
 * words. Characters made optional by `?`, `*`, `+` or `{…}` end a word; an escaped punctuation character
 * (`\.`, `\(`) is part of it.
 */
export function mandatoryWords(alternative: string, minLength = 2): string[] | null {
  const words: string[] = []
  const groupSets: string[][] = []
  let word = ''
  const flush = (): void => {
    if (word.length >= minLength) words.push(word)
    word = ''
  }
  for (let i = 0; i < alternative.length; i++) {
    const ch = alternative[i] ?? ''
    const after = alternative[i + 1] ?? ''
    if (ch === '\\') {
      const escaped = alternative[i + 1] ?? ''
      const quantified = '?*{+'.includes(alternative[i + 2] ?? ' ')
      if (LITERAL_ESCAPES.has(escaped) && !quantified) word += escaped
      else flush()
      i++
      continue
    }
    if (ch === '[') {
      flush()
      const close = alternative.indexOf(']', i + 2)
      i = close < 0 ? alternative.length : close
      continue
    }
    if (ch === '{') {
      flush()
      const close = alternative.indexOf('}', i)
      i = close < 0 ? alternative.length : close
      continue
    }
    if (ch === '(') {
      flush()
      const close = closingParen(alternative, i)
      if (close < 0) return words.length > 0 ? words : null
      const inner = alternative.slice(i + 1, close)
      const quantifier = alternative[close + 1] ?? ''
      const optional = quantifier === '?' || quantifier === '*' || quantifier === '{'
      if (!optional && !inner.startsWith('?')) {
        const sets = topLevelBranches(inner).map((branch) => mandatoryWords(branch, 2))
        if (sets.every((set): set is string[] => set !== null)) groupSets.push(sets.flat())
      }
      i = close
      continue
    }
    if (ch === ' ' || SPECIAL.has(ch) || after === '?' || after === '*' || after === '{' || after === '+') {
      flush()
      continue
    }
    word += ch
  }
  flush()
  let best: string | null = null
  for (const candidate of words) if (best === null || candidate.length > best.length) best = candidate
  let smallest: string[] | null = null
  for (const set of groupSets) if (smallest === null || set.length < smallest.length) smallest = set
  if (best !== null && best.length < SHORT_WORD) {
    let longest: string[] | null = null
    for (const set of groupSets) {
      if (Math.min(...set.map((w) => w.length)) >= SHORT_WORD && (longest === null || set.length < longest.length))
        longest = set
    }
    if (longest !== null) return longest
  }
  return best !== null ? [best] : smallest
}

/**
 * Up to two word sets that any text matching `alternative` must all satisfy (one word of each set), the
 * most telling first: for `(account|mailbox) (is )?(disabled|suspended)` both the noun and the verb are
 * required, which is much rarer than either. Null when no set can be told.
 */
export function requiredWordSets(alternative: string): string[][] | null {
  const candidates: string[][] = []
  const first = mandatoryWords(alternative)
  if (first === null) return null
  candidates.push(first)
  // The plain words and mandatory groups, each as its own candidate.
  for (const part of mandatoryParts(alternative)) {
    if (!candidates.some((known) => sameSet(known, part))) candidates.push(part)
  }
  const score = (set: readonly string[]): number => Math.min(...set.map((w) => w.length)) * 100 - set.length
  const telling = candidates.filter((set) => Math.min(...set.map((w) => w.length)) >= 3)
  telling.sort((a, b) => score(b) - score(a))
  const chosen = telling.slice(0, 2)
  return chosen.length > 0 ? chosen : [first]
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w) => b.includes(w))
}

/** Every plain word (as a one-word set) and every mandatory group's word set of `alternative`. */
function mandatoryParts(alternative: string): string[][] {
  const parts: string[][] = []
  let depth = 0
  let inClass = false
  let from = 0
  const pushPlain = (segment: string): void => {
    const words = segment.length === 0 ? null : mandatoryWordsOfPlain(segment)
    if (words !== null) for (const w of words) parts.push([w])
  }
  for (let i = 0; i < alternative.length; i++) {
    const ch = alternative[i]
    if (ch === '\\') i++
    else if (inClass) inClass = ch !== ']'
    else if (ch === '[') inClass = true
    else if (ch === '(') {
      if (depth === 0) {
        const close = closingParen(alternative, i)
        if (close < 0) break
        pushPlain(alternative.slice(from, i))
        const group = mandatoryWords(alternative.slice(i, close + 2).replace(/[^)?*{+]$/, ''))
        const quantifier = alternative[close + 1] ?? ''
        const optional = quantifier === '?' || quantifier === '*' || quantifier === '{'
        if (!optional && group !== null) parts.push(group)
        i = close
        from = close + 1
        continue
      }
      depth++
    }
  }
  pushPlain(alternative.slice(from))
  return parts
}

/** Every word of a group-free segment (not just the longest). */
function mandatoryWordsOfPlain(segment: string): string[] | null {
  const words: string[] = []
  let rest = segment
  for (;;) {
    const found = mandatoryWords(rest)
    const word = found?.[0]
    if (found === null || word === undefined || found.length !== 1) break
    words.push(word)
    const at = rest.indexOf(word)
    if (at < 0) break
    rest = rest.slice(0, at) + ' ' + rest.slice(at + word.length)
  }
  return words.length > 0 ? words : null
}

/** The gate words of a whole pattern (`a|b|c`), or null when some alternative has none. */
export function gateWords(source: string): string[] | null {
  const sets = topLevelBranches(source).map((branch) => mandatoryWords(branch))
  return sets.every((set): set is string[] => set !== null) ? [...new Set(sets.flat())] : null
}

export function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}

/**
 * A compiled gate: open when, for at least one alternative, every one of its word sets is present.
 * Each inner array lists ids of word sets registered in a `GateRegistry`.
 */
export interface Gate {
  clauses: readonly (readonly number[])[]
}

export function isOpen(gate: Gate | null, open: Uint8Array): boolean {
  if (gate === null) return true
  for (const clause of gate.clauses) {
    let all = true
    for (const id of clause) {
      if (open[id] !== 1) {
        all = false
        break
      }
    }
    if (all) return true
  }
  return false
}

interface Compiled {
  scanner: RegExp
  /** For each word found by the scanner, every word set it satisfies (including through words it contains). */
  opens: ReadonlyMap<string, readonly number[]>
}

/**
 * The registry of word sets. Modules register their gates when they load; the scanner is compiled on
 * the first scan, after which registering is refused (it would leave the new words out of the scan).
 */
export class GateRegistry {
  private readonly lists: (readonly string[])[] = []
  private readonly ids = new Map<string, number>()
  private compiled: Compiled | null = null

  /** Registers a word set (or finds the same set registered before) and returns its id. */
  add(words: readonly string[]): number {
    const key = [...words].sort().join('\u0000')
    const known = this.ids.get(key)
    if (known !== undefined) return known
    if (this.compiled !== null) throw new Error('gates: register every gate before the first scan')
    this.lists.push(words)
    this.ids.set(key, this.lists.length - 1)
    return this.lists.length - 1
  }

  /** The gate for a list of pattern alternatives (in the phrase notation or plain regex source). */
  gateFor(alternatives: readonly string[]): Gate | null {
    const clauses: number[][] = []
    for (const alternative of alternatives) {
      const sets = requiredWordSets(alternative)
      if (sets === null) return null
      clauses.push(sets.map((set) => this.add(set)))
    }
    return { clauses }
  }

  /**
   * Which word sets occur in `lower`: entry `id` is 1 when the text contains one of that set's words.
   *
   * The alternation lists longer words first, so at each position it reports the longest word starting
   * there; every shorter word starting at the same position is a prefix of it, and is accounted for
   * through the words-contained-in table. Resuming one character after each match start finds words that
   * overlap.
   */
  scan(lower: string): Uint8Array {
    const compiled = (this.compiled ??= compile(this.lists))
    const open = new Uint8Array(this.lists.length)
    const scanner = compiled.scanner
    scanner.lastIndex = 0
    for (let m = scanner.exec(lower); m !== null; m = scanner.exec(lower)) {
      const sets = compiled.opens.get(m[0])
      if (sets !== undefined) for (const id of sets) open[id] = 1
      scanner.lastIndex = m.index + 1
    }
    return open
  }
}

function compile(lists: readonly (readonly string[])[]): Compiled {
  const setsOf = new Map<string, number[]>()
  lists.forEach((words, id) => {
    for (const word of words) {
      const known = setsOf.get(word)
      if (known === undefined) setsOf.set(word, [id])
      else if (!known.includes(id)) known.push(id)
    }
  })
  const words = [...setsOf.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
  const opens = new Map<string, number[]>()
  for (const word of words) {
    const ids = new Set<number>()
    for (const inner of words) if (word.includes(inner)) for (const id of setsOf.get(inner) ?? []) ids.add(id)
    opens.set(
      word,
      [...ids].sort((a, b) => a - b),
    )
  }
  // Never empty: an alternation with no words would match the empty string at every position.
  const source = words.length === 0 ? '(?!)' : words.map(escapeLiteral).join('|')
  return { scanner: new RegExp(source, 'g'), opens }
}

/** The one registry the classifier uses. */
export const GATES = new GateRegistry()
