/**
 * Topics: what a bounce text is *about*, whatever its sentence says about it. The clause reader
 * (`../clauses.ts`) needs a subject and a predicate in one clause; a dashboard label ("DNS error",
 * "Таймаут", "域名被拒") or a gateway's terse line ("ip in prison", "rejecting spoofed message") often has
 * neither, yet its topic is plain. The language layer reads topics as features, so a weight learned from
 * an English "timed out" also applies to "超时" — topics carry what the model learns across languages and
 * providers, where its word features only carry it across texts that share words.
 *
 * One record per language, like the lexicon; words are regular-expression fragments, lower case. The
 * model, not this table, decides what a topic means for the category: a topic is evidence, never a rule.
 */
import { GATES, isOpen, type Gate } from '../gates'

export type Topic =
  | 'dns'
  | 'timeout'
  | 'connection'
  | 'quota'
  | 'server-storage'
  | 'relay'
  | 'forgery'
  | 'authentication'
  | 'tls'
  | 'loop'
  | 'reputation'
  | 'sending-host'
  | 'volume'
  | 'policy'
  | 'attachment'
  | 'format'
  | 'moved'
  | 'suppression'
  | 'greylist'
  | 'virus'
  | 'bulk'
  | 'verification'
  | 'local-only'
  | 'internal-error'
  | 'temporary'
  | 'permanent'
  | 'address'

interface TopicWords {
  language: string
  unspaced?: boolean
  topics: Partial<Record<Topic, readonly string[]>>
}

const L = '\\p{L}*'

const TOPIC_WORDS: readonly TopicWords[] = [
  {
    language: 'en',
    topics: {
      dns: [
        'dns',
        'mx( records?| hosts?)?',
        'nxdomain',
        'servfail',
        'name ?servers?',
        'lookup',
        'resolv\\w*',
        'a record',
      ],
      timeout: ['timed? ?out', 'timeout', 'took too long', 'no response', 'idle'],
      connection: ['connect\\w*', 'unreachable', 'network', 'route', 'socket', 'reset by peer', 'hung up'],
      quota: ['quota', 'storage', 'capacity', 'over (the )?limit', 'disk space', 'full'],
      'server-storage': ['disk', 'insufficient system storage', 'out of memory', 'resources'],
      relay: ['relay\\w*', 'rcpthosts', 'not local', 'open proxy'],
      forgery: ['spoof\\w*', 'forg(ed|ery)', 'fake', 'impersonat\\w*', 'fraud\\w*', 'phish\\w*', 'look-?alike'],
      authentication: ['spf', 'dkim', 'dmarc', 'authenticat\\w*', 'unauthenticated', 'alignment', 'arc', 'signature'],
      tls: ['tls', 'ssl', 'starttls', 'certificate', 'encrypt\\w*', 'cipher', 'dane', 'mta-sts'],
      loop: ['loop\\w*', 'too many hops', 'hop count', 'loops back'],
      reputation: [
        'reputation',
        'black ?list\\w*',
        'block ?list\\w*',
        'deny ?list\\w*',
        'rbl',
        'dnsbl',
        'spamhaus',
        'spamcop',
        'sorbs',
        'barracudacentral',
        'listed',
        'prison',
        'jail',
        'abuse',
        'bad sender',
        'sbrs',
        'senderbase',
        'score too low',
        'dictionary attack',
      ],
      'sending-host': ['ip', 'ptr', 'reverse dns', 'rdns', 'helo', 'ehlo', 'hostname', 'client host', 'dynamic'],
      volume: [
        'too many',
        'rate',
        'frequency',
        'throttl\\w*',
        'volume',
        'per (hour|minute|day|second)',
        'concurrent',
        'simultaneous',
        'slow down',
      ],
      policy: ['polic(y|ies)', 'rules?', 'administrator', 'prohibited', 'not (allowed|permitted)', 'restrict\\w*'],
      attachment: ['attach\\w*', 'file (type|name|extension)', 'executable', 'zip', 'exe', 'macro', 'embedded'],
      format: [
        'syntax',
        'format',
        'malformed',
        'rfc ?\\d*',
        'headers?',
        'line too long',
        'bare lf',
        'encoding',
        'mime',
        '8bit',
        'command',
        'fully-qualified',
        'fqdn',
        'compliant',
      ],
      moved: ['moved', 'forward\\w*', 'new address', 'changed (his|her|their)? ?address', 'no longer (works|employed)'],
      suppression: [
        'suppress\\w*',
        'unsubscrib\\w*',
        'opted out',
        'previously bounced',
        'complain\\w*',
        'do not (contact|mail)',
        'bounce list',
      ],
      greylist: ['gr[ae]y-?list\\w*', 'try again later', 'greylisted'],
      virus: ['virus\\w*', 'malware', 'infected', 'trojan', 'malicious'],
      bulk: ['bulk', 'mass mail\\w*', 'marketing', 'newsletter', 'unsolicited', 'advertis\\w*'],
      verification: ['verif\\w*', 'callout', 'confirm\\w*', 'whitelist\\w*', 'allowlist\\w*', 'challenge'],
      'local-only': ['local (user|users|recipients?) only', 'internal only', 'only accepts?', 'only (from|for)'],
      'internal-error': [
        'internal',
        'exception',
        'crash\\w*',
        'died',
        'output file',
        'can.?t create',
        'unexpected',
        'mailer error',
        'configuration',
        'misconfigur\\w*',
        'license',
      ],
      temporary: ['temporar\\w*', 'try (again )?later', 'retry\\w*', 'deferr?\\w*', 'transient', 'will (be )?retr\\w*'],
      permanent: ['permanent\\w*', 'fatal', 'giving up', 'gave up', 'not going to try again', 'undeliverable'],
      address: ['address', 'mailbox', 'account', 'user'],
    },
  },
  {
    language: 'de',
    topics: {
      dns: ['dns', 'namensauflösung'],
      timeout: ['zeitüberschreitung', 'zeitlimit'],
      connection: [`verbindung${L}`, 'netzwerk', 'nicht erreichbar'],
      quota: ['speicherplatz', `kontingent${L}`, 'voll'],
      forgery: [`gefälscht${L}`, `fälschung${L}`],
      reputation: [`sperrliste${L}`, 'schwarze liste'],
      volume: ['zu viele'],
      policy: [`richtlinie${L}`],
      attachment: [`anh[äa]ng${L}`, `dateianh[äa]ng${L}`],
      moved: [`weitergeleitet${L}`, 'neue adresse'],
      temporary: [`vorübergehend${L}`, 'später erneut'],
      permanent: ['dauerhaft', 'endgültig'],
      address: ['adresse', 'postfach', 'konto'],
    },
  },
  {
    language: 'fr',
    topics: {
      dns: ['dns', 'résolution'],
      timeout: ['délai (d.attente )?(dépassé|expiré)'],
      connection: [`connexion${L}`, 'réseau', 'injoignable'],
      quota: ['quota', 'espace (disque|de stockage)', 'plein', 'pleine'],
      forgery: [`usurp${L}`, `falsifi${L}`],
      reputation: ['liste noire', 'réputation'],
      volume: ['trop de'],
      policy: [`politique${L}`, `règle${L}`],
      attachment: [`pièces? jointes?`],
      temporary: [`temporaire${L}`, 'plus tard'],
      permanent: [`définiti${L}`, `permanent${L}`],
      address: ['adresse', 'boîte', 'compte'],
    },
  },
  {
    language: 'es',
    topics: {
      dns: ['dns', 'resolución'],
      timeout: ['tiempo de espera'],
      connection: [`conexi[oó]n${L}`, 'red'],
      quota: ['cuota', 'espacio', 'llen[oa]'],
      reputation: ['lista negra', 'reputación'],
      volume: ['demasiad[oa]s'],
      policy: [`pol[ií]tica${L}`],
      attachment: [`adjunto${L}`],
      temporary: [`temporal${L}`, 'más tarde'],
      permanent: [`permanente${L}`],
      address: ['dirección', 'buzón', 'cuenta'],
    },
  },
  {
    language: 'it',
    topics: {
      timeout: ['tempo scaduto', 'timeout'],
      connection: [`connession${L}`, 'rete'],
      quota: ['quota', 'spazio', 'pien[oa]'],
      reputation: ['lista nera', 'blacklist'],
      volume: ['troppi', 'troppe'],
      policy: [`politic${L}`, `regol${L}`],
      attachment: [`allegat${L}`],
      temporary: [`temporane${L}`, 'più tardi'],
      permanent: [`permanent${L}`, 'definitiv\\p{L}*'],
      address: ['indirizzo', 'casella', 'account'],
    },
  },
  {
    language: 'pt',
    topics: {
      timeout: ['tempo (limite|esgotado)'],
      connection: [`conex[aã]o${L}`, 'rede'],
      quota: ['cota', 'espaço', 'chei[oa]'],
      reputation: ['lista negra'],
      volume: ['demasiad[oa]s', 'muit[oa]s'],
      policy: [`pol[ií]tica${L}`],
      attachment: [`anexo${L}`],
      temporary: [`tempor[aá]ri${L}`, 'mais tarde'],
      address: ['endereço', 'caixa', 'conta'],
    },
  },
  {
    language: 'nl',
    topics: {
      timeout: ['time-?out', 'tijdslimiet'],
      connection: [`verbinding${L}`, 'netwerk'],
      quota: ['quota', 'opslag', 'vol'],
      reputation: ['zwarte lijst'],
      volume: ['te veel'],
      policy: [`beleid${L}`],
      attachment: [`bijlage${L}`],
      temporary: [`tijdelijk${L}`, 'later opnieuw'],
      address: ['adres', 'postbus', 'mailbox'],
    },
  },
  {
    language: 'pl',
    topics: {
      timeout: [`przekroczon${L} (limit )?czas${L}`],
      connection: [`połączeni${L}`, `sie[cć]${L}`],
      quota: [`limit${L}`, `przepełnion${L}`, 'pełn\\p{L}*'],
      reputation: ['czarn\\p{L}* list\\p{L}*'],
      volume: ['zbyt wiele', 'za dużo'],
      policy: [`polityk${L}`, `reguł${L}`],
      attachment: [`załącznik${L}`],
      temporary: [`tymczasow${L}`, 'później'],
      address: [`adres${L}`, `skrzynk${L}`, `kont${L}`],
    },
  },
  {
    language: 'cs',
    topics: {
      timeout: [`časov${L} limit${L}`],
      connection: [`spojení${L}`, `připojení${L}`],
      quota: [`kvót${L}`, `plná`, `plný`],
      reputation: ['černá listina', `blacklist${L}`],
      volume: ['příliš mnoho'],
      temporary: [`dočasn${L}`],
      address: [`adres${L}`, `schránk${L}`],
    },
  },
  {
    language: 'tr',
    topics: {
      timeout: [`zaman aşım${L}`],
      connection: [`bağlantı${L}`],
      quota: [`kota${L}`, 'dolu'],
      reputation: ['kara liste'],
      volume: ['çok fazla'],
      temporary: [`geçici${L}`],
      address: [`adres${L}`, `posta kutusu${L}`],
    },
  },
  {
    language: 'ru',
    topics: {
      dns: ['dns', `mx${L}`],
      timeout: ['таймаут', 'тайм-аут', `истекл${L} время`, `врем${L} ожидания`],
      connection: [`соединени${L}`, `подключени${L}`, `сет${L}`],
      quota: [`квот${L}`, `переполнен${L}`, `мест${L}`],
      forgery: [`подде?л${L}`],
      reputation: [`черн${L} спис${L}`, `репутаци${L}`],
      volume: ['слишком много', `лимит${L}`],
      policy: [`политик${L}`, `правил${L}`],
      attachment: [`вложени${L}`],
      format: [`формат${L}`, `длин${L}`],
      temporary: [`временн${L}`, `позже`, `повтор${L}`],
      permanent: [`постоянн${L}`],
      address: [`адрес${L}`, 'ящик', `учетн${L} запис${L}`],
    },
  },
  {
    language: 'ja',
    unspaced: true,
    topics: {
      dns: ['dns', '名前解決', 'ドメインが見つかりません'],
      timeout: ['タイムアウト', '時間切れ'],
      connection: ['接続', 'ネットワーク', '到達でき'],
      quota: ['容量', '一杯', 'いっぱい'],
      'server-storage': ['サーバの容量', 'ディスク'],
      relay: ['中継'],
      forgery: ['なりすまし', '偽装', '詐称'],
      authentication: ['認証'],
      reputation: ['ブラックリスト', 'ブロックリスト'],
      volume: ['多すぎ', '限界', '送信制限', 'メールの量'],
      policy: ['ポリシー', 'フィルター', 'フィルタ'],
      attachment: ['添付'],
      format: ['形式', '書式', '不正なアドレス'],
      moved: ['移動', '転送'],
      temporary: ['一時的', 'しばらく', '再送'],
      permanent: ['恒久的'],
      address: ['アドレス', 'メールボックス', 'アカウント'],
    },
  },
  {
    language: 'zh',
    unspaced: true,
    topics: {
      dns: ['dns', '域名解析', '解析失败', 'mx记录'],
      timeout: ['超时', '逾時', '超時'],
      connection: ['连接', '連接', '网络', '網路', '不可达'],
      quota: ['容量', '空间', '配额', '已满', '已滿'],
      relay: ['中继', '转发', '轉發'],
      forgery: ['伪造', '冒充', '仿冒', '偽造'],
      authentication: ['认证', '驗證', '验证'],
      reputation: ['黑名单', '黑名單', '信誉', '信譽'],
      'sending-host': ['ip'],
      volume: ['频率', '頻率', '过多', '太多', '频繁', '数量超过'],
      policy: ['策略', '规则', '規則', '政策'],
      attachment: ['附件'],
      format: ['格式'],
      moved: ['迁移', '转移'],
      temporary: ['暂时', '暫時', '稍后', '重试'],
      permanent: ['永久'],
      address: ['地址', '邮箱', '郵箱', '账户', '帐户', '账号'],
    },
  },
  {
    language: 'ko',
    unspaced: true,
    topics: {
      dns: ['dns', '도메인 조회'],
      timeout: ['시간 초과', '타임아웃'],
      connection: ['연결', '네트워크'],
      quota: ['용량', '가득'],
      forgery: ['위조', '사칭'],
      authentication: ['인증'],
      reputation: ['블랙리스트', '스팸 차단'],
      volume: ['너무 많', '발송 제한', '전송 제한'],
      policy: ['정책'],
      attachment: ['첨부'],
      temporary: ['일시적', '나중에'],
      address: ['주소', '메일함', '계정'],
    },
  },
]

interface CompiledTopic {
  topic: Topic
  pattern: RegExp
  /** Closed when the text has none of the topic's words (one look-up in the classifier's word scan). */
  gate: Gate | null
}

function compileTopics(): readonly CompiledTopic[] {
  const byTopic = new Map<Topic, { spaced: string[]; unspaced: string[] }>()
  for (const language of TOPIC_WORDS) {
    for (const [topic, words] of Object.entries(language.topics) as [Topic, readonly string[]][]) {
      const entry = byTopic.get(topic) ?? { spaced: [], unspaced: [] }
      ;(language.unspaced === true ? entry.unspaced : entry.spaced).push(...words)
      byTopic.set(topic, entry)
    }
  }
  return [...byTopic].map(([topic, { spaced, unspaced }]) => {
    const parts: string[] = []
    if (spaced.length > 0) parts.push(`(?<![\\p{L}\\p{N}])(?:${spaced.join('|')})(?![\\p{L}\\p{N}])`)
    if (unspaced.length > 0) parts.push(`(?:${unspaced.join('|')})`)
    return { topic, pattern: new RegExp(parts.join('|'), 'u'), gate: GATES.gateFor([...spaced, ...unspaced]) }
  })
}

const TOPICS = compileTopics()

/** The topics a lower-cased text touches, as `t:<topic>` features; `open` is the text's gate scan. */
export function topicFeatures(lower: string, open: Uint8Array = GATES.scan(lower)): string[] {
  const out: string[] = []
  for (const { topic, pattern, gate } of TOPICS) {
    if (isOpen(gate, open) && pattern.test(lower)) out.push(`t:${topic}`)
  }
  return out
}

/** The languages the topic table covers (shown in the model's training metadata). */
export const TOPIC_LANGUAGES: readonly string[] = TOPIC_WORDS.map((l) => l.language)
