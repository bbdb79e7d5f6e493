import { GATES, isOpen, type Gate } from './gates'
import type { Reason } from './types'

export { mandatoryWords } from './gates'

/**
 * Phrase rules: what remote servers write, grouped by the reason they point to.
 *
 * Every pattern runs on the lower-cased text. A space in a phrase stands for any run of whitespace, because
 * Marketo keeps the line breaks of multi-line replies. Gaps between words are bounded (`[^.]{0,40}`) and no
 * quantifier is nested, so each pattern runs in time linear in the text length (see the fuzz tests).
 */
export interface PhraseRule {
  /** Stable id shown as evidence, e.g. `phrase:mailboxfull`. */
  id: string
  reason: Reason
  pattern: RegExp
  /**
   * A cheap pre-check (see `gates.ts`): words that any match must contain. When the text lacks them the
   * full pattern cannot match and is skipped; null when some alternative has no such words. This keeps
   * classification fast (most rules do not apply to most texts).
   */
  gate: Gate | null
}

interface Phrases {
  pattern: RegExp
  gate: Gate | null
}

function phrases(...alternatives: string[]): Phrases {
  const pattern = new RegExp(alternatives.map((alt) => alt.replaceAll(' ?', '\\s*').replaceAll(' ', '\\s+')).join('|'))
  return { pattern, gate: GATES.gateFor(alternatives) }
}

function rule(id: string, reason: Reason, { pattern, gate }: Phrases): PhraseRule {
  return { id: `phrase:${id}`, reason, pattern, gate }
}

// Precise wordings that name one cause however generic the code around them is (step 4 of the
// classifier). They run before the families below, whose broader words would otherwise claim them:
// "line too long" is not an expiry, "sending quota exceeded" is not a full mailbox, "connection
// refused" is a network failure, not a block.

export const SMTP_PROTOCOL = rule(
  'protocol',
  'syntaxerror',
  phrases(
    'helo command rejected',
    'need fully-qualified hostname',
    'send (hello|helo|ehlo) first',
    'bad helo',
    'invalid helo',
    'helo (name|hostname) (is )?(invalid|required|not valid)',
    'bare <?(lf|line ?feed|cr)',
    'bare line-feed',
    'lines? (is |are )?too long',
    'maximum allowed line length',
    'line length (exceeded|limit)',
    '(command) too long',
    'synchroni[sz]ation error',
    'improper use of smtp command pipelining',
    'pipelining (is )?not (allowed|permitted)',
    'smtp protocol error',
    '(?<!remote )protocol error',
    'partial final lines',
    'smtplf',
    'unrecogni[sz]ed command',
    'invalid characters',
    'too many (invalid|unrecognized|bad) commands',
    'too many related errors',
    'smtp protocol violation',
    'helo/ehlo argument',
    'empty helo',
    'invalid ehlo',
    'no commands allowed to pipeline',
    '(too many )?unauthenticated commands',
    'no identity changes',
  ),
)

export const SENDING_QUOTA = rule(
  'sending-quota',
  'ratelimited',
  phrases(
    '(daily |hourly )?(user )?sending (quota|limit)',
    'submission quota',
    'exceeded (the )?permitted limits',
    'recipient rate limit',
    'too many (messages|emails|mails) (sent|from)',
    'message rate (limit|exceeded)',
    'message quota',
    'throttling failure',
    'same message-id',
    'sending quota',
  ),
)

export const NETWORK_WORDS = rule(
  'network',
  'networkerror',
  phrases(
    'retry time not reached',
    'host lookup did not complete',
    'temporary (lookup|dns|mx lookup) (failure|error)',
    'temporary mx lookup',
    'connection (refused|reset|dropped|closed)',
    'network is unreachable',
    'no route to host',
    'proxy session setup failed',
    'overloaded',
    'too much load',
    'all server ports are busy',
    '^[^ ]{0,20} ?service not (available|active)',
    'space shortage',
    'disk (is )?full',
    'could not be saved',
    'write error',
    'dns query (error|failed)',
    'dnssec',
    'tried all mxs',
    'greeting never received',
    'temporary system problem',
    'qq trouble',
    'trace service failure',
    'possible mail loop',
    'loop detected',
    'temporary service failure',
    'repeated attempts',
    'didn.t respond',
    'cannot assign requested address',
    'dns resolve',
    'unreachable host',
    'getaddrinfo',
    'could be reached at this time',
    'resource limitations',
    'temporary technical issue',
  ),
)

export const TLS_WORDS = rule(
  'tls',
  'failedstarttls',
  phrases(
    'tls handshake',
    'handshake fail',
    'mta-sts',
    'certificate (failed|expired|verification|is expired|has expired)',
    'must support (tls|starttls)',
    'starttls (is )?(required|not supported)',
  ),
)

export const SUPPRESSION_WORDS = rule(
  'suppression',
  'suppressed',
  phrases(
    'marked as inactive',
    'inactive (recipients|addresses)',
    'spam reporting address',
    '\\bbounced address',
    'unsubscribed address',
    'suppression list',
    'not delivering to (a user|previously)',
    'previous (sends|messages|emails) to this address (have )?bounced',
    'previously (hard[- ])?bounced',
  ),
)

export const ADDRESS_GONE = rule(
  'address-gone',
  'userunknown',
  phrases(
    'no longer accepts mail',
    'not in (the )?route list',
    'address (was )?not found',
    'recipient (was )?not found',
    'addressee unknown',
    'recipient verification failed',
    'recipient (does not|doesn.t) exist',
    'invalid/inactive user',
    'no correct recipients',
    'adresse? unknown',
    'adress (not found|unknown|invalid)',
  ),
)

export const DOMAIN_GONE = rule(
  'domain-gone',
  'hostunknown',
  phrases(
    'mx records point to non-existent',
    'reserved by rfc ?2606',
    'single[- ]label domains?',
    "domain [^ ]{1,80} (couldn't|could not) be found",
    'nxdomain',
  ),
)

export const INACTIVE_WORDS = rule(
  'inactive',
  'suspend',
  phrases('(account|mailbox|user|address) is not active', 'blocked due to inactivity', 'due to inactivity', 'dormant'),
)

export const SIGNATURE_WORDS = rule('dkim', 'authfailure', phrases('by dkim', 'dkim (check|verification|validation)'))

// The recipient only takes mail from some senders (a group, an allowed-senders list, internal mail): the
// address works, but not for this sender, so a person decides whether to keep it.
export const RECIPIENT_RESTRICTED = rule(
  'recipient-restricted',
  'filtered',
  phrases(
    'delivery is not allowed',
    'only accepts? (mail|messages) from',
    'moderator',
    'not authenticated for (group|mailbox|public folder)',
    'allowed-senders list',
  ),
)

export const POLICY_WORDS = rule(
  'policy',
  'rejected',
  phrases(
    'sender verify failed',
    'not allowed from your host',
    'header value not allowed',
    'restricted characters in address',
    'not (allowed|authori[sz]ed) to (send|post|deliver)',
    'envelope blocked',
    'policy level block',
    'allowed rcpthosts',
    'isn.t authori[sz]ed',
    'over ipv6',
    'not authori[sz]ed (hubspot|to send emails on your behalf)',
  ),
)

export const MAILBOX_FULL = rule(
  'mailboxfull',
  'mailboxfull',
  phrases(
    'mailbox (is )?(currently )?full',
    'mail ?folder is full',
    '(mailbox|account|user) (is )?over ?quota',
    'over ?quota',
    'quota (exceeded|violation|exceed)',
    'exceeded (its |the |their )?(storage|quota|mailbox size)',
    'disk quota',
    '(insufficient|not enough) disk space',
    'no space left on device',
    'too many messages in (the |this )?mailbox',
    'user has too many messages',
    "number of messages in recipient's mailbox exceeded",
    'mailbox (size )?(exceeds|exceeded)',
    'out of storage space',
    'inbox is full',
    'storage (space )?(is )?full',
    // French, German, Spanish, Portuguese, Italian, Dutch, Japanese
    'bo[iî]te (aux lettres |mail )?(est )?pleine',
    'quota (d[ée]pass[ée]|superata|superato|excedid[oa]|[üu]berschritten)',
    '(postfach|mailbox|speicher(platz)?) (ist )?(voll|[üu]berf[üu]llt)',
    'buz[oó]n (de correo )?(est[aá] )?lleno',
    'cuota (de )?(almacenamiento )?excedida',
    'caixa (postal|de correio|de e-?mail) (est[aá] )?(cheia|lotada)',
    'casella (di posta |postale )?([èe] )?piena',
    '(mailbox|postbus|brievenbus) (is )?vol\\b',
    'メールボックスがいっぱい',
    'メールボックスが満杯',
    '容量(を|が)?(超過|オーバー|超え|不足)',
    'bo[iî]te aux lettres[^.]{0,30} pleine',
    'postfach[^.]{0,40} (ist )?voll',
    'mailbox size limit exceeded',
    '邮箱已满',
    '空间不足',
    '邮箱满',
    '信箱已满',
    '메일함[^.]{0,20}(가득|초과|꽉)',
    '용량[^.]{0,10}초과',
    'переполнен',
    'ящик[^.]{0,20}полон',
    'skrzynka[^.]{0,40}(pełna|przepełniona)',
    'brak miejsca',
    'spazio (su disco )?esaurito',
    'quota (superata|esaurita)',
    'espace (de stockage )?insuffisant',
    'speicherplatz[^.]{0,20}(voll|ersch[öo]pft)',
    'kontingent [üu]berschritten',
    'przekroczon[oy][^.]{0,20}(limit|pojemno)',
    'квот[аы][^.]{0,20}(превышен|исчерпан)',
    '容量不足',
    '超过(容量|配额)',
  ),
)

export const EMAIL_TOO_LARGE = rule(
  'emailtoolarge',
  'emailtoolarge',
  phrases(
    'message (is )?too (big|large)',
    'message size (exceeds|exceeded|too large|limit)',
    '(mail|message) size limit',
    'exceed(s|ed)? (the )?maximum (inbound )?message size',
    'line limit exceeded',
    'size exceeds (the )?(fixed |allowed )?maximum',
    'nachricht (ist )?zu gro[ßs]',
    'message trop (volumineux|gros)',
    'message you sent was too large',
    'maximum threshold',
  ),
)

export const EXCEED_LIMIT = rule(
  'exceedlimit',
  'exceedlimit',
  phrases('header size exceeds', 'message length exceeds', 'recipsizelimit'),
)

export const SUSPEND = rule(
  'suspend',
  'suspend',
  phrases(
    '(account|mailbox|address|user|recipient|domain) (has been |is |was )?(currently |temporarily |temporary )?(disabled|suspended|deactivated|frozen|discontinued|locked|inactive)',
    'disabled (recipient|account|mailbox|user)',
    'account that you tried to reach is (disabled|inactive|suspended)',
    'domain [^ ]{1,80} is (currently )?suspended',
    'inactive (account|mailbox|user account)',
    'recipient suspend',
    'account (has been |is )?(closed|expired|blocked)',
    'temporar(il)?y locked',
    // German, French, Spanish, Portuguese, Italian, Dutch, Japanese
    '(konto|postfach|benutzerkonto|empf[äa]nger) (ist |wurde )?(deaktiviert|gesperrt|stillgelegt)',
    'compte (du destinataire |de messagerie )?(est |a [ée]t[ée] )?(d[ée]sactiv[ée]e?|bloqu[ée]e?|suspendu|inactif|ferm[ée])',
    'bo[iî]te (aux lettres )?(est )?(d[ée]sactiv[ée]e|suspendue|bloqu[ée]e)',
    'cuenta (de correo )?(est[aá] |ha sido )?(deshabilitada|desactivada|suspendida|bloqueada|inactiva)',
    'conta (de e-?mail )?(est[aá] |foi )?(desativada|desabilitada|suspensa|bloqueada|inativa)',
    '(account|casella|utenza) ([èe] |[èe] stat[ao] )?(disabilitat[ao]|sospes[ao]|bloccat[ao]|disattivat[ao])',
    '(account|mailbox|postbus) (is )?(uitgeschakeld|geblokkeerd|gedeactiveerd|opgeschort)',
    'アカウント(は|が)?(停止|無効|凍結|ロック)',
    '利用停止',
    '未开通',
    '已被冻结',
    '已停用',
    '휴면',
    '(ящик|аккаунт|учетная запись|учётная запись|пользователь)[^.]{0,30}(заблокирован|отключ[её]н)',
    '已注销',
    '被禁用',
    '已被锁定',
    '비활성',
    '정지된 계정',
    'konto[^.]{0,20}(zablokowane|wyłączone|nieaktywne|zawieszone)',
  ),
)

export const HAS_MOVED = rule(
  'hasmoved',
  'hasmoved',
  phrases(
    'has been replaced by',
    'no longer on (this )?server',
    'mailbox has moved',
    'has moved,? no forwarding',
    // 551 is the reply for "user not local": the server knows the address belongs elsewhere.
    '\\b551[- ]not our (user|customer)',
  ),
)

export const SUPPRESSED = rule(
  'suppressed',
  'suppressed',
  phrases(
    'suppres+(ed|ion)',
    'previously bounced',
    'previously (complained|unsubscribed|marked as spam)',
    'on (the |our |an? )?(do not|do-not) (send|mail|contact) list',
  ),
)

export const AUTH_REQUIRED = rule(
  'securityerror',
  'securityerror',
  phrases(
    'authentication (is )?required',
    'authrequired',
    'smtp authentication',
    'without authentication',
    'unauthenticated senders',
    'must authenticate',
  ),
)

export const NO_RELAYING = rule(
  'norelaying',
  'norelaying',
  phrases(
    'relay(ing)? (access )?(denied|not permitted|not allowed|prohibited|refused)',
    'unable to relay',
    'not (configured |permitted |allowed )?to relay',
    'no relaying',
    'we do not relay',
    'not an open relay',
    'insecure mail relay',
    'non-accepted domain',
    'address is not verified',
  ),
)

export const AUTH_FAILURE = rule(
  'authfailure',
  'authfailure',
  phrases(
    '\\bspf (check |validation |verification |record )?(has )?(fail|softfail|hardfail|did not pass)',
    'fails? to pass spf',
    'bad spf record',
    "per (its|it's) spf",
    'sender policy framework',
    'dmarc',
    '\\bdkim (signature )?(fail|verification fail|did not pass|invalid)',
    "(did not|does not|doesn't|fails? to) pass (the )?(dkim|spf|dmarc)",
    'unauthenticated (email|mail|message)',
    'sender is unauthenticated',
    'authentication checks failed',
    'does not have authentication information',
    'fails to pass authentication',
    'no passing dkim',
    'didn.t pass',
    '(spf|dkim|dmarc) (authentication|alignment)',
    'sender id',
    'anti-spoofing',
  ),
)

// Blocklist services and IP-level refusals outrank everything address-related: a text such as
// `553 http://www.spamhaus.org/… 550 5.1.1 … User unknown` is a sender block whose transcript ends with the
// MTA's generic "User unknown" summary.
export const BLOCKLISTED = rule(
  'blocklist',
  'blocked',
  phrases(
    'blocked using',
    'badmailfrom',
    '\\bspamhaus',
    '\\bspamcop',
    '\\bsorbs\\b',
    'barracuda(central)?\\b',
    'cbl\\.abuseat',
    'abuseat\\.org',
    'mailspike',
    'uceprotect',
    '\\bpsbl\\b',
    '\\bdnsbl\\b',
    '\\brbl\\b',
    '\\bsurbl\\b',
    // T-Online marks blocklist refusals with "(BL)".
    '\\(bl\\)',
    'client host blocked',
    'banned sending ip',
    '\\b(ip|client|host|server)( address)? [^.]{0,40}(blacklisted|blocklisted|denylisted)',
    '(blacklisted|blocklisted|denylisted) ip',
    '黑名单',
    'czarn(a|ej) list',
    'черн(ый|ом) список',
    'blocklist',
  ),
)

export const LOCAL_MAILER = rule(
  'mailererror',
  'mailererror',
  phrases('^x-unix;', 'procmail:', 'pipe to \\|', 'command died with status', 'maildrop:'),
)

export const FILTERED = rule(
  'filtered',
  'filtered',
  phrases(
    'recipient preferences',
    'email preferences of the person',
    'user reject',
    'blocked by (the )?recipient',
    'rejected by (the )?recipient(?! domain)',
    'message filtered',
    'only accepting mail from specific',
    'due to extended inactivity',
    'recipient has (blocked|rejected)',
  ),
)

export const USER_UNKNOWN = rule(
  'userunknown',
  'userunknown',
  phrases(
    'user unknown',
    'unknown (user|recipient|mailbox|address(?! error)|local[- ]?part|alias)',
    'unknown or illegal (user|alias)',
    'recipient unknown',
    'no such (user|mailbox|recipient|account|address|local user|person)',
    'no mailbox here by that name',
    "(user|mailbox|account|address|recipient|e-?mail account) (does not|doesn't|did not|do not) exist",
    'user not (exist|found|listed)',
    'account that you tried to reach does not exist',
    'check (if|that) (the )?(e-?mail )?address is correct',
    '(user|recipient|mailbox) not found',
    'mailbox (unavailable|not available|is unavailable)',
    '(invalid|bad|illegal) (recipient|mailbox|user|destination mailbox|final delivery userid|address)',
    'recipient address rejected: (user unknown[a-z ]{0,40}|user|unknown|invalid|access denied|undeliverable)',
    'recip(ient)?notfound',
    '(?<!sender )address rejected(?!:)',
    "address (not found|couldn't be found|could not be found|unknown)",
    'recipient name is not recognized',
    "this user doesn't have a",
    'no valid recipients? for this',
    'not a valid (recipient|mailbox|user)',
    'requested action not taken: no such',
    // French, German, Spanish, Portuguese, Italian, Dutch, Japanese
    '(utilisateur|destinataire|adresse( destinataire)?|bo[iî]te aux lettres) (est )?(inconnue?|invalide|inexistante?)',
    'adresse d.au moins un destinataire invalide',
    '(adresse|bo[iî]te|utilisateur|compte|destinataire)[^.]{0,30}n.existe pas',
    '(benutzer|empf[äa]nger|adresse|nutzer|mailbox|postfach|konto)[^.]{0,30}(unbekannt|existiert nicht|nicht vorhanden|ung[üu]ltig)',
    'unbekannter? (benutzer|empf[äa]nger|nutzer)',
    'kein(en)? (solcher |solches )?(benutzer|empf[äa]nger|postfach)',
    '(usuario|destinatario|buz[oó]n|cuenta|direcci[oó]n) (de correo )?(es )?(desconocid[oa]|inexistente|no existe|no v[aá]lid[oa])',
    'no existe (el usuario|la cuenta|el buz[oó]n|el destinatario|la direcci[oó]n)',
    '(usu[aá]rio|utilizador|destinat[aá]rio|endere[çc]o|conta|caixa postal) (de e-?mail )?(desconhecid[oa]|inexistente|n[ãa]o existe|inv[aá]lid[oa])',
    '(utente|destinatario|indirizzo|casella( di posta)?) (email )?(sconosciut[oa]|inesistente|non esiste|non valid[oa])',
    '(gebruiker|ontvanger|mailbox|adres|e-?mailadres|postbus) (is )?(onbekend|bestaat niet|ongeldig)',
    'onbekende (gebruiker|ontvanger)',
    '存在しない',
    '存在しません',
    '宛先不明',
    '(アドレス|ユーザー?|宛先)(が|は)?見つかりません',
    'ユーザー?(が|は)?(不明|存在)',
    '用户不存在',
    '用戶不存在',
    '收件人不存在',
    '地址不存在',
    '账号不存在',
    '帐号不存在',
    '주소를 찾을 수 없',
    '존재하지 않는',
    '없는 (계정|사용자|주소)',
    'не существует',
    'пользовател[^.]{0,30}не найден',
    'нет такого пользователя',
    'адрес[^.]{0,30}не найден',
    '(adres|użytkownik|skrzynka|konto)[^.]{0,30}nie istnieje',
    'nieznany (użytkownik|adres|odbiorca)',
    'bad address syntax',
    '(utente|indirizzo|destinatario|casella)[^.]{0,30}non (trovat[oa]|è stato trovato)',
    '(adresse|destinataire|utilisateur|bo[iî]te)[^.]{0,30}introuvable',
    '(adresse|empf[äa]nger|postfach|benutzer|konto)[^.]{0,40}nicht gefunden',
    'adresat nieznany',
    'brak (takiego )?(użytkownika|adresu|skrzynki)',
    'nieprawidłowy adres',
    'неизвестный (адрес|пользователь|получатель)',
    'ящик[^.]{0,20}не (найден|существует)',
    '无此用户',
    '用户名不存在',
    '邮箱不存在',
    '查无此人',
    '地址有误',
    '(수신자|사용자|받는 사람)[^.]{0,20}찾을 수 없',
  ),
)

export const REQUIRE_PTR = rule(
  'requireptr',
  'requireptr',
  phrases(
    'no ptr',
    'ptr (resource )?record',
    'reverse dns',
    'reverse (dns )?lookup',
    '\\brdns\\b',
    'cannot find your hostname',
    'ip name lookup failed',
    'unverifiable sending ip',
    'unverifyable sending ip',
    'mismatches client ip',
  ),
)

export const NOT_COMPLIANT_RFC = rule(
  'notcompliantrfc',
  'notcompliantrfc',
  phrases(
    'not rfc ?5322 compliant',
    'rfc ?5322',
    'rfcmessagenoncompliant',
    'multiple (subject|from|to|date|message-id|sender) headers',
    'multiple addresses in from',
    'duplicate header',
  ),
)

export const BAD_REPUTATION = rule(
  'badreputation',
  'badreputation',
  phrases(
    '(poor|low|bad) (email |ip |sender |sending |domain )?reputation',
    'reputation (score|of the sending|of your)',
    'due to (ip |domain )?reputation',
    'unexpected volume or user complaints',
    '\\[tss0[49]\\]',
    'originating from your',
    'unusual (rate|amount) of unsolicited',
    'bad outbound sender',
    'banned sender',
    'dynamic/residential',
    'residential (ip|space|range)',
    'dynamic ip',
    'characteristic of spam',
    'cloudmark',
  ),
)

export const CONTENT_ERROR = rule(
  'contenterror',
  'contenterror',
  phrases(
    'improperly-formatted',
    'invalid mime',
    '8-bit data in (message )?header',
    'mime complexity',
    'malformed (message|mime|header)',
    'media error',
    'headers? too large',
  ),
)

export const REJECTED = rule(
  'rejected',
  'rejected',
  phrases(
    'sender address rejected',
    'sender (address |domain )?(is )?(rejected|denied|refused|not allowed|blocked|blacklisted)',
    'domain of sender address',
    'sender domain (does not exist|must exist|is invalid|not found|must resolve)',
    'unroutable sender',
    'bogus mail from',
    'batv',
    'administrative prohibition',
    'mail ?from domain is listed',
    'from: domain is invalid',
    "can't determine purported responsible address",
    'not a registered gateway user',
    'customfromdenied',
    // The sender's own address or domain is on the recipient's block list (not the sending IP).
    '(your|an) (e-?mail )?address (\\([^)]{1,100}\\) )?(that )?(has been|is) (blacklisted|blocklisted|denylisted|blocked)',
    'your (sending )?domain (has been|is) (blacklisted|blocklisted|denylisted|blocked)',
  ),
)

// Google Groups: the group may not exist, or the sender may not post to it. Checked before user-unknown
// wording, because these letters also say the group "does not exist".
export const GROUP_POSTING = rule(
  'group-posting',
  'rejected',
  phrases(
    'group name incorrectly',
    'permission to post',
    'not be open to posting',
    'join the group before',
    'gruppe[^.]{0,60}(posten|beitreten)',
    'grupo[^.]{0,120}(publicar|permisos)',
    'groupe[^.]{0,120}(autoris|envoyer des messages)',
    'グループ[^。]{0,60}(投稿|存在しない)',
    '群組[^。]{0,40}(張貼|移除)',
    // Arabic, Czech, Greek, Persian, Hebrew, Hindi, Ukrainian: "join this group", "permission to post",
    // "not open to posting" in the same letter.
    'الانضمام إلى (هذه )?المجموعة',
    'غير مفتوحة للنشر',
    'přidávání příspěvků',
    'přihlášení ke skupině',
    'δικαίωμα ανάρτησ',
    'ارسال (پیام|پست) به این گروه',
    'אישור לפרסם',
    'פתוחה לפרסום',
    'पोस्ट करने की अनुमति',
    'पोस्ट करने के लिए न खुला',
    'публікувати дописи',
  ),
)

export const NOT_ACCEPT = rule(
  'notaccept',
  'notaccept',
  phrases(
    "(does not|doesn't) (accept|receive) (e-?mail|mail)",
    'null mx',
    'no mx (record|found)',
    'indicated no smtp service',
    'smtp protocol returned a permanent error',
    'mail receiving disabled',
    "(couldn't|could not) find a mail exchanger",
    'not accepting (network )?messages',
  ),
)

export const HOST_UNKNOWN = rule(
  'hostunknown',
  'hostunknown',
  phrases(
    'host unknown',
    'unknown host',
    '(recipient |destination )?domain (name )?(does not exist|is not reachable|not reachable|not found|is invalid|unknown)',
    'invalid domain',
    'no such domain',
    'host or domain name not found',
    'unrout(e)?able (address|domain|recipient)',
    'illegal host/domain',
    'name or service not known',
    "(couldn't|could not) find any host",
    'dns lookup failure',
    'recipient domain must exist',
    '(account or )?domain may not exist',
    'host [^ ]{1,80} not found',
    '\\.[a-z]{2,24} does not exist',
    // French, German, Spanish, Portuguese, Italian, Dutch, Japanese
    'domaine (est )?(inconnu|inexistant|introuvable)',
    'domain (ist )?(unbekannt|existiert nicht)',
    'dominio (es |[èe] )?(desconocido|inexistente|no existe|sconosciuto|non esiste)',
    'dom[ií]nio (n[ãa]o existe|inexistente|desconhecido)',
    'domein (is )?(onbekend|bestaat niet)',
    'ドメインが(存在|見つかり)',
    'host not found by',
    '域名不存在',
    '도메인[^.]{0,20}(찾을 수 없|존재하지)',
    'домен[^.]{0,20}не (существует|найден)',
  ),
)

// Checked before the general blocked rule: a rate limit is often worded "client host rejected: … slower".
export const RATE_LIMITED = rule(
  'ratelimited',
  'ratelimited',
  phrases(
    'too many (connections|sessions|recipients|messages|emails|mails|concurrent|simultaneous)',
    'connection rate limit',
    'rate limit',
    'rate-limit',
    'try again slower',
    'receiving mail at a rate',
    'frequency limit',
    'throttl',
    'max(imum)? (number of )?(emails|messages|recipients|mails) per',
    'sending rate',
    'too much mail',
    'sent to too many recipients',
    'receiving (e-?mail|mail|messages) (too quickly|at a rate)',
    'relay limit',
    'connection limit',
    'too frequent',
    'greylist',
    'thread limit',
    'frequency limit',
    'number of rcpts',
    '发信频率',
    '频率过高',
    '频繁',
    'troppi messaggi',
    'troppe connessioni',
    'trop de (messages|connexions)',
    'zu viele (nachrichten|verbindungen|e-mails)',
    'zbyt wiele (wiadomości|połączeń)',
    'слишком много (писем|сообщений|соединений|подключений)',
    '发送过多',
    '超出发送限制',
    '送信制限',
    '발송 (제한|한도)',
    'demasiados (mensajes|correos)',
    'muitas mensagens',
  ),
)

export const SPAM_DETECTED = rule(
  'spamdetected',
  'spamdetected',
  phrases(
    'spam(?!haus|cop|ming)',
    'unsolicited',
    '\\bube\\b',
    'junk mail',
    'content filter',
    'mail score',
    'bulk mail',
    'blacklisted (url|link|domain in)',
    'message content rejected',
    'uribl',
    'pourriel',
    'courrier ind[ée]sirable',
    'correo no deseado',
    'posta indesiderata',
    'lixo eletr[oô]nico',
    '迷惑メール',
    'スパム',
    'content that the provider doesn.t allow',
    'unacceptable attachment',
    'forbidden_file_ext',
    'reject by content',
    'content (rejected|denied)',
    '垃圾邮件',
    'spamowy',
    'спам',
  ),
)

export const BLOCKED = rule(
  'blocked',
  'blocked',
  phrases(
    'client host (rejected|blocked)',
    '\\b(ip|client|sending host|your host)( address)? [^.]{0,40}(blocked|banned|blacklisted|listed|not allowed)',
    'block ?list',
    'black ?list',
    'not allowed to connect',
    'refused to talk to me',
    'not accepting connections',
    'access from ip',
    'your ip',
    'invalid ip',
    "messages from [^ ]{1,60} weren't sent",
    'use the smtp server of your isp',
    'is an open relay',
    'relay quota',
    'may not be mail exchanger',
    '\\bblocked\\b',
    // French, German, Spanish, Portuguese, Italian, Dutch, Japanese
    'bloqu[ée]e?',
    'blockiert',
    'bloquead[oa]',
    'bloccat[oa]',
    'geblokkeerd',
    'ブロック',
    '受信拒否',
  ),
)

export const VIRUS_DETECTED = rule(
  'virusdetected',
  'virusdetected',
  phrases('virus(es)?\\b', 'malware', 'infected', 'malicious', 'executable (file|attachment|content)', 'trojan'),
)

export const POLICY_VIOLATION = rule(
  'policyviolation',
  'policyviolation',
  phrases(
    'denied by policy',
    'policy violation',
    '(not accepted|rejected|refused) (for|due to) (local |security )?polic',
    'for policy reasons',
    'security polic(y|ies)',
    'illegal attachment',
    'members.only',
    'host network not allowed',
    'potential security issue',
    'content presents a potential',
    'header error',
  ),
)

export const SYSTEM_ERROR = rule(
  'systemerror',
  'systemerror',
  phrases(
    'internal (server |system )?error',
    '(system|server|local) (config|configuration) error',
    'loops back to myself',
    'queue file write error',
    'service currently unavailable',
    'resources temporarily unavailable',
    'transaction failed',
    'local error in processing',
    'could not load',
    'upstream error',
    'insufficient permission',
    'operating system error',
    'unable to contact ldap',
    'directory server failure',
    'duplicated message-id',
    'temporary (local )?problem',
    'system error',
  ),
)

export const NETWORK_ERROR = rule(
  'networkerror',
  'networkerror',
  phrases(
    'too many hops',
    'hop count',
    'routing loop',
    'mail (forwarding )?loop',
    'forwarded more than the maximum',
    'no route to host',
    'host name lookup failure',
    'name server reply',
    'name service error',
    'network error',
    'dns error',
    'lost connection',
    'unable to resolve',
    'dns (lookup )?(failure|timeout|timed out)',
  ),
)

export const SYSTEM_FULL = rule(
  'systemfull',
  'systemfull',
  phrases('mail system (is )?full', 'insufficient system (storage|resources)', 'system storage'),
)

export const EXPIRED = rule(
  'expired',
  'expired',
  phrases(
    'expired',
    'timed? ?out',
    'timeout',
    'giving up',
    'stopped trying',
    'gave up',
    'too long',
    '(has|have) been delayed',
    'could not be delivered for',
    'could not deliver for',
    'delivery attempts? (expired|exceeded)',
    'failed \\d+ attempts',
    'still undelivered',
    'unable to deliver this message after',
    'aborted after',
    'host not reachable',
    'did not accept our requests to connect',
    'have been failing',
    "(unable|wasn't able|was not able|couldn't|could not) (to )?(connect|establish)",
    'no answer from host',
    'will be retried',
    'not be delivered within',
  ),
)

export const FAILED_STARTTLS = rule(
  'failedstarttls',
  'failedstarttls',
  phrases(
    'starttls',
    'tls (is )?required',
    'requires? tls',
    "(does not|doesn't) support tls",
    'tls negotiation',
    'encryption (is )?required',
    'requiretls',
  ),
)

export const SECURITY_ERROR = rule(
  'securityerror',
  'securityerror',
  phrases(
    'authentication (failure|failed)',
    'not authori[sz]ed to send',
    'you are not authori[sz]ed',
    'executable files are not allowed',
    'insecure',
    'delivery not authori[sz]ed',
  ),
)

export const MAILER_ERROR = rule(
  'mailererror',
  'mailererror',
  phrases('x-unix;', 'mailer error', 'mail delivery program', '\\|ifs=', 'exit \\d+'),
)

export const SYNTAX_ERROR = rule(
  'syntaxerror',
  'syntaxerror',
  phrases(
    'syntax error',
    'command (unrecognized|not recognized|not implemented)',
    'bad sequence of commands',
    'improper sequence',
    'command parameter not implemented',
    'malformed address',
  ),
)

/** The first pass, in priority order; the first rule that matches decides (with the user-unknown exceptions). */
export const FIRST_PASS: readonly PhraseRule[] = [
  SMTP_PROTOCOL,
  SENDING_QUOTA,
  SUPPRESSION_WORDS,
  INACTIVE_WORDS,
  DOMAIN_GONE,
  TLS_WORDS,
  SIGNATURE_WORDS,
  MAILBOX_FULL,
  EXCEED_LIMIT,
  EMAIL_TOO_LARGE,
  SUSPEND,
  HAS_MOVED,
  SUPPRESSED,
  AUTH_REQUIRED,
  NO_RELAYING,
  AUTH_FAILURE,
  REJECTED,
  BLOCKLISTED,
  LOCAL_MAILER,
  GROUP_POSTING,
  FILTERED,
  USER_UNKNOWN,
  ADDRESS_GONE,
  REQUIRE_PTR,
  NOT_COMPLIANT_RFC,
  BAD_REPUTATION,
  CONTENT_ERROR,
  NOT_ACCEPT,
  HOST_UNKNOWN,
  RATE_LIMITED,
  VIRUS_DETECTED,
  POLICY_VIOLATION,
  SPAM_DETECTED,
  RECIPIENT_RESTRICTED,
  POLICY_WORDS,
  BLOCKED,
  NETWORK_WORDS,
]

/**
 * The second pass runs only when no first-pass phrase matched and the status code did not name a
 * specific reason: these phrases are vaguer ("expired", "system error") and lose to a specific status.
 */
export const SECOND_PASS: readonly PhraseRule[] = [
  SYSTEM_ERROR,
  NETWORK_ERROR,
  SYSTEM_FULL,
  EXPIRED,
  FAILED_STARTTLS,
  SECURITY_ERROR,
  MAILER_ERROR,
  SYNTAX_ERROR,
]

export interface RuleMatch {
  rule: PhraseRule
  start: number
  end: number
}

/**
 * The first rule of the list, in priority order, that matches anywhere in `lower`.
 *
 * One regular expression per rule, tried in turn, measured faster than a single alternation of all rules
 * (V8 then tries every alternative at every position), and it stops at the first hit. `open` is the
 * result of `GATES.scan(lower)`; rules whose gate is closed cannot match and are skipped.
 */
export function firstRuleMatch(
  rules: readonly PhraseRule[],
  lower: string,
  open: Uint8Array = GATES.scan(lower),
): RuleMatch | null {
  for (const rule of rules) {
    if (!isOpen(rule.gate, open)) continue
    const m = rule.pattern.exec(lower)
    if (m !== null) return { rule, start: m.index, end: m.index + m[0].length }
  }
  return null
}
