/**
 * Finding the SMTP reply code (`550`) and the enhanced status code (`5.1.1`) inside free text.
 *
 * Bounce texts carry codes in many wrappings: `smtp;550 5.1.1`, `550-5.1.1 … 550 5.1.1` (a flattened
 * multi-line reply), qmail's `(#5.1.1)`, `554-'5.1.0 Sender denied'`, `ERROR_CODE :550`, and often several
 * replies from different hops in one string. Both patterns are anchored on characters that cannot be part
 * of a longer number, so IP addresses, dates, ports and ids do not produce codes.
 */

export interface FoundCode {
  code: string
  start: number
  end: number
}

export interface ExtractedCodes {
  reply: FoundCode | null
  status: FoundCode | null
  /** Every enhanced status code in order of appearance (needed to spot class disagreements). */
  statusCount: number
}

// Subject digits beyond 7 do not exist; detail codes go up to three digits (Microsoft's 5.7.606).
// The look-behind refuses a preceding digit or dot so the middle of an IP address never matches, and the
// look-ahead refuses a following digit or `.digit` for the same reason (Yahoo's `4.16.55.1`).
const STATUS_PATTERN = /(?<![\d.])[245]\.[0-7]\.\d{1,3}(?!\d|\.\d)/g

// RFC 5321 reply codes have a second digit of 0-5; non-standard 57x codes are treated as absent.
// `x-unix; 255` carries a process exit status, not a reply code.
const REPLY_PATTERN = /(?<![\w.:/|@%+=-]|x-unix; |:\d\d)[245][0-5]\d(?![\w.|@%+=/]|:\d)/g

// `ERROR_CODE :550` and `said:550` put a colon right before the code; accept that one spelling.
const COLON_REPLY_PATTERN = /(?<=(?:code|said) ?:)[245][0-5]\d(?![\w.])/g

function isGenericStatus(code: string): boolean {
  return code.endsWith('.0.0')
}

const MAX_CODES = 32

/**
 * Picks the codes that describe this recipient's failure.
 *
 * Status: a specific code written right after a reply code (`550 5.1.1`, `550 '5.7.1`) wins, then any
 * specific code, then a generic `x.0.0` one. Generic codes lose because a trailing
 * `554 5.0.0 Service unavailable` is the relaying MTA's summary, and codes not attached to a reply are
 * often a relay's own prefix (Amazon SES's `5.1.0 - Unknown address error 550 '5.7.1 …'`).
 * Reply: the code written directly before the chosen status, otherwise the first failure (4xx/5xx) reply
 * code in the text, otherwise the first reply code: a client's "expected 250 but got 552" is a failure.
 */
export function extractCodes(lower: string): ExtractedCodes {
  const replies: FoundCode[] = []
  REPLY_PATTERN.lastIndex = 0
  for (let m = REPLY_PATTERN.exec(lower); m !== null && replies.length < MAX_CODES; m = REPLY_PATTERN.exec(lower)) {
    replies.push({ code: m[0], start: m.index, end: m.index + 3 })
  }
  if (replies.length === 0) {
    COLON_REPLY_PATTERN.lastIndex = 0
    const m = COLON_REPLY_PATTERN.exec(lower)
    if (m !== null) replies.push({ code: m[0], start: m.index, end: m.index + 3 })
  }

  let paired: FoundCode | null = null
  let pairedReply: FoundCode | null = null
  let specific: FoundCode | null = null
  let first: FoundCode | null = null
  let statusCount = 0
  STATUS_PATTERN.lastIndex = 0
  for (let m = STATUS_PATTERN.exec(lower); m !== null && statusCount < MAX_CODES; m = STATUS_PATTERN.exec(lower)) {
    statusCount++
    const found = { code: m[0], start: m.index, end: m.index + m[0].length }
    first ??= found
    if (isGenericStatus(found.code)) continue
    specific ??= found
    if (paired === null) {
      const reply = replies.find((candidate) => isDirectlyBefore(lower, candidate.end, found.start))
      if (reply !== undefined) {
        paired = found
        pairedReply = reply
        break
      }
    }
  }
  const status = paired ?? specific ?? first
  if (pairedReply === null && status !== null) {
    pairedReply = replies.find((candidate) => isDirectlyBefore(lower, candidate.end, status.start)) ?? null
  }
  const firstFailure = replies.find((candidate) => candidate.code[0] !== '2')
  return { reply: pairedReply ?? firstFailure ?? replies[0] ?? null, status, statusCount }
}

/** True when only separators (space, dash, colon, quote, `#`) stand between a reply code and a status. */
function isDirectlyBefore(lower: string, replyEnd: number, statusStart: number): boolean {
  if (statusStart < replyEnd || statusStart - replyEnd > 4) return false
  for (let i = replyEnd; i < statusStart; i++) {
    const ch = lower.charCodeAt(i)
    // space, tab, '-', ':', "'", '"', '#', '('
    if (ch !== 32 && ch !== 9 && ch !== 45 && ch !== 58 && ch !== 39 && ch !== 34 && ch !== 35 && ch !== 40) {
      return false
    }
  }
  return true
}
