/**
 * The SMTP step at which the remote server refused, when the text says so.
 *
 * The same words mean different things at different steps: "user unknown" in reply to RCPT TO is a bad
 * address, but after the message body (DATA) it usually comes from a content filter that only pretends
 * the user is unknown; "access denied" at MAIL FROM refuses the sender, at connection time the sending IP.
 * MTAs write the step in their own ways (Postfix `in reply to RCPT TO command`, Exim `after RCPT TO:`,
 * Sendmail `>>> RCPT To:`, qmail `does not like recipient`, Gmail's relay `did not like our final DATA`).
 */
import { GATES, isOpen } from './gates'

export type SmtpStage = 'connect' | 'ehlo' | 'mail' | 'rcpt' | 'data'

export interface FoundStage {
  stage: SmtpStage
  start: number
  end: number
}

const STAGES: readonly (readonly [SmtpStage, readonly string[]])[] = [
  [
    'rcpt',
    [
      'in reply to rcpt to',
      'after rcpt to',
      'after rcpt command',
      '>>> ?rcpt to',
      'rcpt to:\\s*<[^>]{0,200}>\\s*<<<',
      '\\[rcpt_to\\]',
      'does not like recipient',
      'did not like our rcpt to',
      'following rcpt command',
      'smtp:rcpt',
      'progress was rcpt to',
    ],
  ],
  [
    'mail',
    [
      'in reply to mail from',
      'after mail from',
      '>>> ?mail from',
      '\\[mail_from\\]',
      'sender was rejected',
      'rejected mail from address',
      'did not like our mail from',
    ],
  ],
  [
    'data',
    [
      'in reply to end of data',
      'in reply to data command',
      'after end of data',
      'after data',
      '>>> ?data',
      'did not like our final data',
      'failed after i sent the message',
      '\\(data\\)',
      'for text command',
      'body of message generated response',
    ],
  ],
  [
    'connect',
    ['after initial connection', 'refused to talk to me', 'not accepting connections', 'during the smtp greeting'],
  ],
  ['ehlo', ['my name was rejected', 'after ehlo', 'after helo', 'in reply to (ehlo|helo)']],
]

const STAGE_PATTERN = new RegExp(
  STAGES.map(([stage, alternatives]) => `(?<${stage}>${alternatives.join('|')})`).join('|'),
)

// Most texts name no SMTP step; the gate then skips the pattern (see `gates.ts`).
const STAGE_GATE = GATES.gateFor(STAGES.flatMap(([, alternatives]) => alternatives))

export function findStage(lower: string, open: Uint8Array = GATES.scan(lower)): FoundStage | null {
  if (!isOpen(STAGE_GATE, open)) return null
  const m = STAGE_PATTERN.exec(lower)
  if (m === null || m.groups === undefined) return null
  const groups = m.groups
  const stage: SmtpStage =
    groups['rcpt'] !== undefined
      ? 'rcpt'
      : groups['mail'] !== undefined
        ? 'mail'
        : groups['data'] !== undefined
          ? 'data'
          : groups['connect'] !== undefined
            ? 'connect'
            : 'ehlo'
  return { stage, start: m.index, end: m.index + m[0].length }
}

// Sendmail reports a refusal of the message body by appending its own `554 5.0.0 Service unavailable`
// after the remote reply; the refusal therefore came at or after DATA.
const DATA_TRAILER = /\b554 5\.0\.0 service unavailable/

export function hasDataTrailer(lower: string): boolean {
  return DATA_TRAILER.test(lower)
}
