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
 * A copy of `text` that no longer points into the string it was sliced from. Fields are slices
 * of a 1 MB decoded chunk; keeping one as a map key would keep the whole chunk alive, and an
 * import's memory would grow with the file instead of staying flat.
 */
export function detach(text: string): string {
  return (' ' + text).slice(1)
}
