const TRUE_WORDS = new Set(['true', '1', 'yes', 'y'])
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '', 'null'])

/** Marketo writes true/false; Excel re-saves TRUE/FALSE or 1/0. `null` is the Bulk API's empty. */
export function parseFlag(raw: string | undefined): boolean | null {
  const word = (raw ?? '').trim().toLowerCase()
  if (TRUE_WORDS.has(word)) return true
  if (FALSE_WORDS.has(word)) return false
  return null
}

/** The Bulk Extract API writes the word `null` for an empty value. */
export function cleanText(raw: string | undefined): string {
  const text = (raw ?? '').trim()
  return text === 'null' ? '' : text
}

// Deliberately loose: Marketo accepts odd but deliverable local parts, so only the shape is checked.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase()
  return EMAIL_SHAPE.test(email) ? email : null
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1)
}

/**
 * Remembers which addresses a file has shown, in 8 bytes each (two 32-bit hashes in a typed
 * array) instead of a Set of strings: a million addresses take 16 MB off the JS heap, not
 * 100 MB on it. A false "seen" needs two 32-bit collisions at once.
 */
export class AddressSet {
  private slots = new Uint32Array(1 << 17)
  private used = 0

  /** Adds the address; returns false if it was there already. */
  add(address: string): boolean {
    let a = 0x811c9dc5
    let b = 0x01000193
    for (let index = 0; index < address.length; index += 1) {
      const code = address.charCodeAt(index)
      a = Math.imul(a ^ code, 0x01000193)
      b = Math.imul(b + code, 0x5bd1e995) ^ (b >>> 15)
    }
    a = (a | 1) >>> 0 // 0 marks an empty slot; >>> 0 keeps it unsigned, as the array stores it
    b >>>= 0
    if ((this.used + 1) * 2 > this.slots.length / 2) this.grow()
    return this.insert(a, b)
  }

  private insert(a: number, b: number): boolean {
    const mask = this.slots.length / 2 - 1
    for (let slot = (a ^ b) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 2
      if (this.slots[at] === 0) {
        this.slots[at] = a
        this.slots[at + 1] = b
        this.used += 1
        return true
      }
      if (this.slots[at] === a && this.slots[at + 1] === b) return false
    }
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Uint32Array(old.length * 2)
    this.used = 0
    for (let at = 0; at < old.length; at += 2) {
      const a = old[at] ?? 0
      if (a !== 0) this.insert(a, old[at + 1] ?? 0)
    }
  }
}
