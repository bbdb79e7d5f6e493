import type { Reason, Severity, Verdict } from './types'

/** One or two plain sentences per reason: what happened, and what a marketer can do about it. */
interface ReasonText {
  explanation: string
  action: string
}

export const REASON_TEXTS: Readonly<Record<Reason, ReasonText>> = {
  userunknown: {
    explanation:
      'The receiving server says this mailbox does not exist. The address may have a typo, or the person has left.',
    action: 'Remove the address or correct it; sending again will keep bouncing and hurts your sender reputation.',
  },
  hostunknown: {
    explanation: 'The domain after the @ does not exist or has no mail server, so no mail can be delivered there.',
    action: 'Check the domain for typos (for example gmial.com); otherwise remove the address.',
  },
  hasmoved: {
    explanation:
      'The mailbox has moved or its owner changed, and the receiving server does not forward mail to the new place.',
    action: 'Remove the address; ask the person for their new address if the relationship matters.',
  },
  mailboxfull: {
    explanation: "The recipient's mailbox is full, so it cannot take new messages right now.",
    action:
      'Keep the address and let later sends retry. If it stays full for months, the mailbox is probably abandoned: consider removing it.',
  },
  suspend: {
    explanation: "The recipient's account is disabled, suspended or locked by their provider.",
    action:
      'Pause sending to this address. If it keeps bouncing this way over several sends, treat it as dead and remove it.',
  },
  notaccept: {
    explanation: 'The receiving domain says it does not accept email at all.',
    action: 'Remove the address; this domain will not receive mail.',
  },
  blocked: {
    explanation:
      'The receiving server refused your sending server (its IP address), often because it is on a blocklist. The address itself is probably fine.',
    action:
      'Do not remove the lead. Ask your Marketo admin or deliverability contact to check blocklists and the sending IP, then resend.',
  },
  badreputation: {
    explanation:
      "The receiving provider refused or delayed the mail because of your sending IP's or domain's reputation (for example, too many complaints).",
    action: 'Keep the address. Review list hygiene, complaint rates and sending volume with your deliverability team.',
  },
  requireptr: {
    explanation:
      'The receiving server requires the sending IP to have a proper reverse-DNS name, and it did not find one.',
    action:
      'Keep the address. This is a setting on the sending side: raise it with your Marketo admin or email service.',
  },
  authfailure: {
    explanation:
      'Your email failed the authentication checks (SPF, DKIM or DMARC) that prove it really comes from your domain.',
    action:
      'Keep the address. Have your admin check SPF, DKIM and DMARC for your sending domain in Marketo, then resend.',
  },
  securityerror: {
    explanation:
      "The receiving server refused the message for a security reason, such as missing authentication or a sender it doesn't trust.",
    action: 'Keep the address and review the full bounce text with your admin; the fix is usually on the sending side.',
  },
  failedstarttls: {
    explanation: 'The receiving server requires an encrypted (TLS) connection, and it could not be set up.',
    action: 'Keep the address and tell your email admin; encryption is configured on the sending side.',
  },
  spamdetected: {
    explanation: "The receiving server's spam filter judged this message as spam.",
    action: 'Keep the address. Review the email content, links and list source, and check your sender reputation.',
  },
  virusdetected: {
    explanation:
      'The receiving server found something it considers dangerous (virus, malware or a risky link or attachment) in the message.',
    action: 'Keep the address. Check attachments and links in the email before sending again.',
  },
  contenterror: {
    explanation: 'The receiving server could not accept the format of the message (headers, encoding or attachments).',
    action: 'Keep the address. Check the email template for unusual formatting or attachments.',
  },
  filtered: {
    explanation:
      "The recipient's system refused the message on purpose, for example because of the recipient's own filtering settings.",
    action:
      'Review this lead: the address may exist but does not want this mail, or it may be a disguised invalid address.',
  },
  rejected: {
    explanation: 'The receiving server refused your sender address or sending domain, not the recipient.',
    action: 'Keep the address. Check the From and return-path domains used for this email with your admin.',
  },
  policyviolation: {
    explanation: "The message broke a rule set by the recipient's organisation or provider.",
    action:
      "Keep the address. Review the content against the provider's guidelines; for a business domain, the recipient's IT team may need to allow you.",
  },
  norelaying: {
    explanation:
      'The receiving server refused to pass the message on, because it does not handle mail for that destination or sender.',
    action: 'Check that the address and your sending setup are correct; if the bounce repeats, ask your admin.',
  },
  ratelimited: {
    explanation:
      'The receiving provider is slowing you down because too many messages or connections arrived in a short time.',
    action: 'Keep the address and let it retry. If this is frequent, spread large sends over time.',
  },
  exceedlimit: {
    explanation: 'The message is larger than this recipient is allowed to receive.',
    action: 'Keep the address. Make the email smaller (fewer or lighter images and attachments).',
  },
  emailtoolarge: {
    explanation: 'The message is larger than the receiving server accepts.',
    action: 'Keep the address. Make the email smaller (fewer or lighter images and attachments).',
  },
  networkerror: {
    explanation: 'A network or DNS problem got in the way of delivery, such as a mail loop or a failed lookup.',
    action: 'Usually temporary: keep the address. If the same address fails this way repeatedly, check its domain.',
  },
  expired: {
    explanation:
      'The sending system kept trying but could not deliver in time, so it gave up. The address may still be fine.',
    action: 'Keep the address; a later send may succeed. If it expires every time, the domain may be gone.',
  },
  systemerror: {
    explanation: 'The receiving mail system had an internal error or is set up incorrectly.',
    action: 'Keep the address; it is usually temporary and on their side.',
  },
  systemfull: {
    explanation: "The receiving mail server itself is out of storage, not just this person's mailbox.",
    action: 'Keep the address; later sends should go through once they fix it.',
  },
  mailererror: {
    explanation: "The recipient's server accepted the mail but its own delivery program failed.",
    action: 'Keep the address; this is a problem on their side. Review if it repeats.',
  },
  syntaxerror: {
    explanation: 'The two mail servers did not understand each other (a protocol or command error).',
    action: 'Usually a technical issue between servers; report it to your admin if it repeats.',
  },
  notcompliantrfc: {
    explanation:
      'The receiving server says the message does not follow email format standards (for example duplicate headers).',
    action: 'Keep the address. Ask your admin to check the email template and headers.',
  },
  suppressed: {
    explanation:
      'The email was not sent at all, because the address is on a suppression list (for example after an earlier hard bounce or complaint).',
    action: 'Review why the address was suppressed before trying to email it again.',
  },
  onhold: {
    explanation: 'The bounce text does not say clearly why delivery failed.',
    action: 'Review the full bounce text; if it repeats for this address, treat it as suspicious.',
  },
  undefined: {
    explanation: 'There is no usable bounce reason in this text.',
    action: 'Nothing to act on from this text alone.',
  },
  delivered: {
    explanation: 'The text reports a successful delivery, not a failure.',
    action: 'No action needed.',
  },
}

/** Extra words when the verdict is not what the reason alone suggests. */
export function verdictNote(reason: Reason, severity: Severity, verdict: Verdict): string {
  if (verdict === 'fix-sending' && severity === 'permanent') {
    return ' Marketo may have marked the lead as invalid anyway; that mark is probably wrong.'
  }
  if (reason === 'userunknown' && severity === 'transient') {
    return ' The server reported it as a temporary failure, so check again after the next send.'
  }
  if (verdict === 'retry' && severity === 'permanent' && reason === 'mailboxfull') {
    return ' The server reported it as permanent, but full mailboxes usually recover.'
  }
  return ''
}
