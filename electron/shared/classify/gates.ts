/**
 * Cheap pre-checks ("gates") for the classifier's regular expressions, all answered by one scan.
 *
 * Every phrase rule, the SMTP-step pattern and the provider pattern can only match a text that contains
 * certain plain words, derived from the pattern itself (`mandatoryWords`, `requiredWordSets`). Most texts
 * contain the words of only a handful of rules, so skipping the others saves most of the work. Testing
 * each gate with its own regular expression meant one pass over the text per gate (about forty); instead
 * every gate word goes into one automaton, the text is scanned once, and each word found marks the word
 * sets it belongs to.
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

interface Parts {
  /** Plain words outside groups, each mandatory. */
  words: string[]
  /** Mandatory groups: one of each group's words must be present. */
  groupSets: string[][]
}

/**
 * The mandatory plain words and groups of one alternative. Characters made optional by `?`, `*`, `+`
 * or `{…}` end a word; an escaped punctuation character (`\.`, `\(`) is part of it; character classes
 * and look-arounds are skipped.
 */
function mandatoryParts(alternative: string, minLength: number): Parts | null {
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
      const quantified = '?*{+'.includes(alternative[i + 2] ?? ' ')
      if (LITERAL_ESCAPES.has(after) && !quantified) word += after
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
      if (close < 0) return words.length > 0 ? { words, groupSets } : null
      const inner = alternative.slice(i + 1, close)
      const quantifier = alternative[close + 1] ?? ''
      const optional = quantifier === '?' || quantifier === '*' || quantifier === '{'
      if (!optional && !inner.startsWith('?')) {
        const sets = topLevelBranches(inner).map((branch) => mandatoryWords(branch, 2))
        if (sets.every((set): set is string[] => set !== null)) groupSets.push([...new Set(sets.flat())])
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
  return { words, groupSets }
}

const shortest = (set: readonly string[]): number => Math.min(...set.map((w) => w.length))

/**
 * Words of which any text matching `alternative` must contain at least one, or null when none can be
 * told. A long plain word outside groups is best; otherwise a mandatory group whose every branch has such
 * words.
 */
export function mandatoryWords(alternative: string, minLength = 2): string[] | null {
  const parts = mandatoryParts(alternative, minLength)
  if (parts === null) return null
  let best: string | null = null
  for (const candidate of parts.words) if (best === null || candidate.length > best.length) best = candidate
  let smallest: string[] | null = null
  for (const set of parts.groupSets) if (smallest === null || set.length < smallest.length) smallest = set
  if (best !== null && best.length < SHORT_WORD) {
    let longer: string[] | null = null
    for (const set of parts.groupSets) {
      if (shortest(set) >= SHORT_WORD && (longer === null || set.length < longer.length)) longer = set
    }
    if (longer !== null) return longer
  }
  return best !== null ? [best] : smallest
}

/**
 * One or two word sets that any text matching `alternative` must both satisfy (one word of each set):
 * the set `mandatoryWords` picks, and a second one when it is telling enough to be worth scanning for.
 * For `(account|mailbox) (is )?(disabled|suspended)` requiring the verb as well as the noun is much rarer
 * than either alone. Null when no set can be told.
 */
export function requiredWordSets(alternative: string): string[][] | null {
  const first = mandatoryWords(alternative)
  const parts = mandatoryParts(alternative, 2)
  if (first === null || parts === null) return null
  // Short words are common and would make the scan itself slower than the checks it saves.
  const telling = (set: readonly string[]): boolean => shortest(set) >= 5 && set.length <= 8
  const second = [...parts.words.map((w) => [w]), ...parts.groupSets]
    .filter((set) => telling(set) && !(set.length === first.length && set.every((w) => first.includes(w))))
    .sort((x, y) => shortest(y) - shortest(x) || x.length - y.length)[0]
  return second === undefined ? [first] : [first, second]
}

/**
 * A compiled gate. `any` is the id of the union of every alternative's first word set: when it is
 * closed (the usual case) the gate is closed, at the cost of one look-up. Otherwise the gate is open when,
 * for at least one alternative, every one of its word sets is present (`clauses`, ids of word sets).
 */
export interface Gate {
  any: number
  clauses: readonly (readonly number[])[]
}

export function isOpen(gate: Gate | null, open: Uint8Array): boolean {
  if (gate === null) return true
  if (open[gate.any] !== 1) return false
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

/**
 * An Aho–Corasick automaton over every gate word: one step per character finds every word occurrence,
 * overlapping ones included, however many words there are. ASCII characters (nearly all of a bounce
 * text) go through a full transition table; other characters follow the trie and its failure links.
 */
interface Automaton {
  /** Column of each ASCII character in `table`; 0 for characters that occur in no word. */
  asciiColumn: Uint8Array
  columns: number
  /** `table[state * columns + column]`: the next state for an ASCII character. */
  table: Uint16Array | Uint32Array
  /** Trie edges for non-ASCII characters, and the failure link of each state. */
  wide: Map<number, number>[]
  fail: Int32Array
  /** The word sets opened on entering each state: `opened.slice(openedFrom[s], openedFrom[s + 1])`. */
  openedFrom: Int32Array
  opened: Int32Array
}

/**
 * The registry of word sets. Modules register their gates when they load; the scanner is compiled on
 * the first scan, after which registering is refused (it would leave the new words out of the scan).
 */
export class GateRegistry {
  private readonly lists: (readonly string[])[] = []
  private readonly ids = new Map<string, number>()
  private compiled: Automaton | null = null

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
    const sets: string[][][] = []
    for (const alternative of alternatives) {
      const required = requiredWordSets(alternative)
      if (required === null) return null
      sets.push(required)
    }
    const clauses: number[][] = []
    for (const required of sets) {
      const clause = required.map((set) => this.add(set))
      // A clause that asks for everything another clause asks for (and more) can never decide the gate.
      const implied = clauses.some((known) => known.every((id) => clause.includes(id)))
      if (implied) continue
      for (let i = clauses.length - 1; i >= 0; i--) {
        if (clause.every((id) => clauses[i]?.includes(id))) clauses.splice(i, 1)
      }
      clauses.push(clause)
    }
    const union = [...new Set(sets.flatMap((required) => required[0] ?? []))]
    return { any: this.add(union), clauses }
  }

  /** Which word sets occur in `lower`: entry `id` is 1 when the text contains one of that set's words. */
  scan(lower: string): Uint8Array {
    const { asciiColumn, columns, table, wide, fail, openedFrom, opened } = (this.compiled ??= compile(this.lists))
    const open = new Uint8Array(this.lists.length)
    let state = 0
    for (let i = 0; i < lower.length; i++) {
      const code = lower.charCodeAt(i)
      if (code < 128) {
        state = table[state * columns + (asciiColumn[code] ?? 0)] ?? 0
      } else {
        let from = state
        let next = wide[from]?.get(code)
        while (next === undefined && from !== 0) {
          from = fail[from] ?? 0
          next = wide[from]?.get(code)
        }
        state = next ?? 0
      }
      const end = openedFrom[state + 1] ?? 0
      for (let k = openedFrom[state] ?? 0; k < end; k++) open[opened[k] ?? 0] = 1
    }
    return open
  }
}

function compile(lists: readonly (readonly string[])[]): Automaton {
  // The trie: ASCII edges in `ascii`, other characters in `wide`; `ends` lists the sets each word opens.
  const ascii: Map<number, number>[] = [new Map()]
  const wide: Map<number, number>[] = [new Map()]
  const ends: Set<number>[] = [new Set()]
  lists.forEach((words, id) => {
    for (const word of words) {
      let state = 0
      for (let i = 0; i < word.length; i++) {
        const code = word.charCodeAt(i)
        const edges = code < 128 ? ascii[state] : wide[state]
        let next = edges?.get(code)
        if (next === undefined) {
          next = ascii.length
          ascii.push(new Map())
          wide.push(new Map())
          ends.push(new Set())
          edges?.set(code, next)
        }
        state = next
      }
      ends[state]?.add(id)
    }
  })

  const asciiColumn = new Uint8Array(128)
  let columns = 1
  for (const edges of ascii) for (const code of edges.keys()) if (asciiColumn[code] === 0) asciiColumn[code] = columns++
  const states = ascii.length
  // Half the memory while the automaton has fewer than 65,536 states (it has a few thousand).
  const table = states < 0x10000 ? new Uint16Array(states * columns) : new Uint32Array(states * columns)
  const fail = new Int32Array(states)

  // Breadth first, so a state's failure link (a shorter state) is complete before the state itself.
  const queue: number[] = []
  for (let code = 0; code < 128; code++) {
    const next = ascii[0]?.get(code)
    if (next !== undefined) {
      table[asciiColumn[code] ?? 0] = next
      queue.push(next)
    }
  }
  for (const next of wide[0]?.values() ?? []) queue.push(next)
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] ?? 0
    const failure = fail[state] ?? 0
    for (const id of ends[failure] ?? []) ends[state]?.add(id)
    for (let code = 0; code < 128; code++) {
      const column = asciiColumn[code] ?? 0
      if (column === 0) continue
      const next = ascii[state]?.get(code)
      if (next === undefined) {
        table[state * columns + column] = table[failure * columns + column] ?? 0
      } else {
        table[state * columns + column] = next
        fail[next] = table[failure * columns + column] ?? 0
        queue.push(next)
      }
    }
    for (const [code, next] of wide[state] ?? []) {
      let from = failure
      let target = wide[from]?.get(code)
      while (target === undefined && from !== 0) {
        from = fail[from] ?? 0
        target = wide[from]?.get(code)
      }
      fail[next] = target ?? 0
      queue.push(next)
    }
  }

  const openedFrom = new Int32Array(states + 1)
  const flat: number[] = []
  for (let state = 0; state < states; state++) {
    openedFrom[state] = flat.length
    for (const id of ends[state] ?? []) flat.push(id)
  }
  openedFrom[states] = flat.length
  return { asciiColumn, columns, table, wide, fail, openedFrom, opened: Int32Array.from(flat) }
}

/** The one registry the classifier uses. */
export const GATES = new GateRegistry()
