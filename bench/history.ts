/**
 * History benchmark (issue 5): 52 weekly snapshots of 200,000 rows with 1 % churn per week, then
 * the overview, every trend series, diffs and explorer pages timed through the same `dispatch`
 * the app uses. Prints p50/p95 per query.
 *
 * The database is written directly with SQL, one transaction per snapshot, in the layout the
 * importer produces (spans, tallies): importing 10 M rows through the CSV path would take too
 * long. It is cached in `bench/.data/`; `--rebuild` makes it again.
 *
 * `first` is the first call after opening the database: the whole-list passes (newly invalid
 * counts, row-level trends, diff sets) are kept until the database changes, so later calls of
 * the same query mostly read memory. p50/p95 are over the runs after two warm-up calls.
 *
 * Usage: npm run bench:history [-- --runs 20 --rows 200000 --weeks 52 --rebuild]
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CLASSIFIER_VERSION, classify } from '../electron/shared/classify'
import type { Channel, RequestOf } from '../electron/shared/ipc'
import { createAppContext } from '../electron/main/core/app-context'
import { openDatabase, type Db } from '../electron/main/db/open'
import { explorerCursor } from '../electron/main/db/explorer-queries'
import { startImportWorkerFromSource } from '../electron/main/import/start-worker-node'
import { neverSave } from '../electron/main/core/save-paths'
import { SnapshotCounts, TALLIES_VERSION } from '../electron/main/db/snapshot-counts'
import { createTransitionCounter } from '../electron/main/db/transition-counts'
import { dispatch } from '../electron/main/core/ipc-dispatch'
import { RESOURCES_DIR } from '../electron/main/core/repo-paths'
import { seededRandom } from '../test/helpers/seeded-random'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    weeks: { type: 'string', default: '52' },
    runs: { type: 'string', default: '20' },
    rebuild: { type: 'boolean', default: false },
  },
})
const ROWS = Number(values.rows)
const WEEKS = Number(values.weeks)
const RUNS = Number(values.runs)
const CHURN = 0.01
const DATA = join(import.meta.dirname, '.data')
const DB_PATH = join(DATA, `history-${WEEKS}x${ROWS}.db`)
const LIST_NAME = 'Weekly deliverability'

const PROVIDER_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'icloud.com',
  'web.de',
  'gmx.de',
  'aol.com',
  'orange.fr',
  'comcast.net',
]
const CAUSE_TEXTS = [
  "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp",
  '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
  '552 5.2.2 Mailbox full',
  '550 5.7.1 Service unavailable, Client host [192.0.2.44] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.44',
  '550 5.7.606 Access denied, banned sending IP [192.0.2.44]. To request removal from this list please visit https://sender.office.com/ and follow the directions.',
  "550 5.7.26 Unauthenticated email from mail.example-sender.com is not accepted due to domain's DMARC policy. - gsmtp",
  'retry timeout exceeded',
  '421 4.7.0 [TSS04] Messages from 192.0.2.44 temporarily deferred due to unexpected volume or user complaints',
  '554 5.7.1 Message rejected as spam by Content Filtering',
  'Host or domain name not found. Name service error for type=A: Host not found',
]
const SUSPEND_TEXT = '421 4.7.0 Try again later, closing connection. (EHLO) - gsmtp'

/** A lead's state as a small integer: 0 valid, 1 suspended, 2 + i invalid with cause i. */
type State = number

function build(): void {
  mkdirSync(DATA, { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB_PATH}${suffix}`, { force: true })
  const started = performance.now()
  const db = openDatabase(DB_PATH)
  const random = seededRandom(52)
  db.pragma('cache_size = -262144')

  const insertCause = db.prepare(`
    INSERT INTO causes (text, classifier_version, reply_code, status, severity, reason, hard_bounce, verdict, provider, rule)
    VALUES (@text, @version, @replyCode, @status, @severity, @reason, @hardBounce, @verdict, @provider, 'bench')`)
  const causes = [...CAUSE_TEXTS, SUSPEND_TEXT].map((text) => {
    const c = classify(text)
    const id = Number(
      insertCause.run({
        text,
        version: CLASSIFIER_VERSION,
        replyCode: c.replyCode,
        status: c.status,
        severity: c.severity,
        reason: c.reason,
        hardBounce: c.hardBounce ? 1 : 0,
        verdict: c.verdict,
        provider: c.provider,
      }).lastInsertRowid,
    )
    return { id, c }
  })
  const suspendCauseId = causes[CAUSE_TEXTS.length]?.id ?? null
  const listId = Number(db.prepare('INSERT INTO lists (name) VALUES (?)').run(LIST_NAME).lastInsertRowid)

  const insertLead = db.prepare('INSERT INTO leads (id, identity, marketo_id, email, domain) VALUES (?, ?, ?, ?, ?)')
  const insertImport = db.prepare(`
    INSERT INTO imports (list_id, seq, file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at,
      row_count, invalid_count, suspended_count, tallies_version)
    VALUES (?, ?, ?, ?, 0, ?, 'file-name', ?, ?, ?, ?, ${TALLIES_VERSION})`)
  const insertOpen = db.prepare(`INSERT INTO open_spans (list_id, lead_id, from_seq, email_invalid, invalid_cause_id,
    email_suspended, suspended_cause_id, suspended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const closeOpen = db.prepare(`INSERT INTO closed_spans (list_id, lead_id, from_seq, to_seq, email_invalid,
    invalid_cause_id, email_suspended, suspended_cause_id, suspended_at)
    SELECT list_id, lead_id, from_seq, ?, email_invalid, invalid_cause_id, email_suspended, suspended_cause_id, suspended_at
    FROM open_spans WHERE list_id = ? AND lead_id = ?`)
  const deleteOpen = db.prepare('DELETE FROM open_spans WHERE list_id = ? AND lead_id = ?')
  const insertCount = db.prepare('INSERT INTO import_counts (import_id, dimension, key, rows) VALUES (?, ?, ?, ?)')
  const transitions = createTransitionCounter(db)

  // Index = lead id (ids start at 1).
  const emails: string[] = ['']
  const domains: string[] = ['']
  const state = new Int16Array(ROWS * 2 + 10).fill(-1) // -1: not in the list
  const present: number[] = []
  const touched = new Int16Array(ROWS * 2 + 10)
  const drawState = (): State => {
    const roll = random()
    if (roll < 0.08) return 2 + Math.floor(random() * CAUSE_TEXTS.length)
    if (roll < 0.095) return 1
    return 0
  }
  const newLead = (): number => {
    const id = emails.length
    const domain =
      random() < 0.45
        ? (PROVIDER_DOMAINS[Math.floor(random() * PROVIDER_DOMAINS.length)] ?? 'gmail.com')
        : `company${Math.floor(random() * 20_000)}.example`
    const email = `lead${id}.${Math.floor(random() * 1e6).toString(36)}@${domain}`
    emails.push(email)
    domains.push(domain)
    insertLead.run(id, `id:${id}`, String(id), email, domain)
    return id
  }
  const day = (week: number): string => new Date(Date.UTC(2025, 11, 5 + week * 7)).toISOString().slice(0, 10)
  const open = (lead: number, seq: number, s: State, date: string): void => {
    const invalid = s >= 2
    insertOpen.run(
      listId,
      lead,
      seq,
      invalid ? 1 : 0,
      invalid ? (causes[s - 2]?.id ?? null) : null,
      s === 1 ? 1 : 0,
      s === 1 ? suspendCauseId : null,
      s === 1 ? `${date} 06:00:00` : null,
    )
  }

  for (let week = 1; week <= WEEKS; week += 1) {
    const date = day(week)
    db.exec('BEGIN')
    if (week === 1) {
      for (let i = 0; i < ROWS; i += 1) {
        const lead = newLead()
        const s = drawState()
        state[lead] = s
        present.push(lead)
        open(lead, 1, s, date)
      }
    } else {
      // 1 % of the rows differ from last week: half change state, a quarter leave, a quarter are new.
      const changes = Math.round(present.length * CHURN)
      for (let n = 0; n < changes; n += 1) {
        const index = Math.floor(random() * present.length)
        const lead = present[index] ?? 0
        // A lead changes at most once a week (its new span already starts this week).
        if (touched[lead] === week) continue
        touched[lead] = week
        const kind = random()
        if (kind < 0.5) {
          // State changes keep the share of flagged rows steady (about 9.5 %): a flagged lead
          // recovers or changes cause, a valid one starts bouncing only as often as the opposite.
          const was = state[lead] ?? 0
          if (was === 0 && random() > 0.1) {
            touched[lead] = 0
            n -= 1
            continue
          }
          const s =
            was !== 0 && random() < 0.7
              ? 0
              : random() < 0.15
                ? was === 1
                  ? 0
                  : 1
                : 2 + ((was + Math.floor(random() * (CAUSE_TEXTS.length - 1))) % CAUSE_TEXTS.length)
          closeOpen.run(week - 1, listId, lead)
          deleteOpen.run(listId, lead)
          open(lead, week, s, date)
          state[lead] = s
        } else if (kind < 0.75) {
          closeOpen.run(week - 1, listId, lead)
          deleteOpen.run(listId, lead)
          state[lead] = -1
          present[index] = present[present.length - 1] ?? 0
          present.pop()
        } else {
          const fresh = newLead()
          touched[fresh] = week
          const s = drawState()
          state[fresh] = s
          present.push(fresh)
          open(fresh, week, s, date)
        }
      }
    }
    // The tallies an import stores, counted by the importer's own code from this week's rows.
    const tallies = new SnapshotCounts()
    let invalid = 0
    let suspended = 0
    for (const lead of present) {
      const s = state[lead] ?? 0
      if (s === 1) suspended += 1
      if (s >= 2) invalid += 1
      tallies.addRow(domains[lead] ?? '', s >= 2, s === 1, s >= 2 ? (causes[s - 2]?.c ?? null) : null)
    }
    const importId = Number(
      insertImport.run(
        listId,
        week,
        `weekly-deliverability-${date}.csv`,
        `bench-${week}`,
        date,
        new Date().toISOString(),
        present.length,
        invalid,
        suspended,
      ).lastInsertRowid,
    )
    for (const [dimension, keys] of tallies.byDimension)
      for (const [key, rows] of keys) insertCount.run(importId, dimension, key, rows)
    transitions.recount(listId, [week])
    db.exec('COMMIT')
    if (week % 10 === 0 || week === 1) process.stdout.write(`  week ${week}: ${present.length} rows\n`)
  }
  const counts = db
    .prepare(
      'SELECT (SELECT count(*) FROM open_spans) AS open, (SELECT count(*) FROM closed_spans) AS closed, (SELECT count(*) FROM leads) AS leads',
    )
    .get() as { open: number; closed: number; leads: number }
  db.close()
  process.stdout.write(
    `built ${DB_PATH} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts.leads} leads, ${counts.open} open and ${counts.closed} closed spans\n`,
  )
}

/** A cached database counts only if its build finished (an interrupted one has fewer snapshots). */
function isComplete(): boolean {
  if (!existsSync(DB_PATH)) return false
  const db = openDatabase(DB_PATH)
  try {
    // A database counted with an older set of tallies would be recounted on open, inside the timing.
    const current = db.prepare('SELECT count(*) AS n FROM imports WHERE tallies_version = ?').get(TALLIES_VERSION)
    return (current as { n: number }).n === WEEKS
  } finally {
    db.close()
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
}

async function main(): Promise<void> {
  if (values.rebuild || !isComplete()) {
    process.stdout.write(`building ${WEEKS} weekly snapshots of ${ROWS} rows …\n`)
    build()
  }
  const context = createAppContext({
    dbPath: DB_PATH,
    resourcesDir: RESOURCES_DIR,
    version: 'bench',
    shell: 'web',
    emit: () => undefined,
    startImportWorker: startImportWorkerFromSource,
    chooseSavePath: neverSave,
  })
  if (!context.db) throw new Error(context.dbError ?? 'no database')
  const db: Db = context.db
  const imports = db.prepare('SELECT id, seq FROM imports ORDER BY seq').all() as { id: number; seq: number }[]
  const first = imports[0]?.id ?? 0
  const last = imports.at(-1)?.id ?? 0
  const beforeLast = imports.at(-2)?.id ?? 0
  const middle = imports[Math.floor(imports.length / 2)]?.id ?? 0
  // Keyset positions in the middle and near the end of the email order (found once, with OFFSET,
  // outside the timing: the app itself never uses OFFSET).
  const leadCount = (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n
  const at = (offset: number): string => {
    const row = db.prepare('SELECT email, id FROM leads ORDER BY email, id LIMIT 1 OFFSET ?').get(offset) as {
      email: string
      id: number
    }
    return explorerCursor(row.email, row.id)
  }
  const middleCursor = at(Math.floor(leadCount / 2))
  const lastCursor = at(leadCount - 60)
  const domainAt = db
    .prepare('SELECT domain, id FROM leads ORDER BY domain, id LIMIT 1 OFFSET ?')
    .get(Math.floor(leadCount / 2)) as { domain: string; id: number }
  const churned = (db.prepare('SELECT lead_id FROM closed_spans ORDER BY id DESC LIMIT 1').get() as { lead_id: number })
    .lead_id

  const cases: [string, Channel, unknown][] = [
    ['overview:get', 'overview:get', {}],
    ['history:newly-invalid (all 52)', 'history:newly-invalid', {}],
    ['history:counts', 'history:counts', {}],
    ['trends:series (tallies)', 'trends:series', {}],
    ['trends:series from/to (13 weeks)', 'trends:series', { from: '2026-03-01', to: '2026-06-01' }],
    ['trends:series verdict=remove', 'trends:series', { verdict: 'remove' }],
    ['trends:series reason=blocked', 'trends:series', { reason: 'blocked' }],
    ['trends:series provider=microsoft', 'trends:series', { provider: 'microsoft' }],
    ['trends:series domain=gmail.com', 'trends:series', { domain: 'gmail.com' }],
    ['trends:series domain=company42.example', 'trends:series', { domain: 'company42.example' }],
    ['diff:get adjacent weeks', 'diff:get', { importA: beforeLast, importB: last }],
    ['diff:get week 26 → 52', 'diff:get', { importA: middle, importB: last }],
    ['diff:get week 1 → 52', 'diff:get', { importA: first, importB: last }],
    ['diff:rows adjacent newlyInvalid', 'diff:rows', { importA: beforeLast, importB: last, kind: 'newlyInvalid' }],
    ['diff:rows adjacent stillInvalid', 'diff:rows', { importA: beforeLast, importB: last, kind: 'stillInvalid' }],
    ['explorer first page', 'explorer:page', { importId: last, limit: 100 }],
    ['explorer middle page', 'explorer:page', { importId: last, limit: 100, after: middleCursor }],
    ['explorer last page', 'explorer:page', { importId: last, limit: 100, after: lastCursor }],
    ['explorer first page, week 26', 'explorer:page', { importId: middle, limit: 100 }],
    [
      'explorer sort=domain middle',
      'explorer:page',
      { importId: last, limit: 100, sort: 'domain', after: explorerCursor(domainAt.domain, domainAt.id) },
    ],
    ['explorer invalid=true first', 'explorer:page', { importId: last, limit: 100, invalid: true }],
    [
      'explorer invalid=true middle',
      'explorer:page',
      { importId: last, limit: 100, invalid: true, after: middleCursor },
    ],
    ['explorer invalid=true last', 'explorer:page', { importId: last, limit: 100, invalid: true, after: lastCursor }],
    ['explorer verdict=remove first', 'explorer:page', { importId: last, limit: 100, verdict: 'remove' }],
    [
      'explorer code=5.7.606 middle',
      'explorer:page',
      { importId: last, limit: 100, code: '5.7.606', after: middleCursor },
    ],
    ['explorer suspended=true first', 'explorer:page', { importId: last, limit: 100, suspended: true }],
    [
      'explorer invalid=false middle',
      'explorer:page',
      { importId: last, limit: 100, invalid: false, after: middleCursor },
    ],
    ['explorer provider=microsoft first', 'explorer:page', { importId: last, limit: 100, provider: 'microsoft' }],
    [
      'explorer provider=microsoft last',
      'explorer:page',
      { importId: last, limit: 100, provider: 'microsoft', after: lastCursor },
    ],
    [
      'explorer provider=yahoo invalid=true',
      'explorer:page',
      { importId: last, limit: 100, provider: 'yahoo', invalid: true },
    ],
    ['explorer search=lead12 (email or domain)', 'explorer:page', { importId: last, limit: 100, search: 'lead12' }],
    ['explorer search=@company42', 'explorer:page', { importId: last, limit: 100, search: '@company42' }],
    ['explorer search=@gmail.com', 'explorer:page', { importId: last, limit: 100, search: '@gmail.com' }],
    ['leads:timeline', 'leads:timeline', { leadId: churned }],
    ['codes:usage (every code in the data)', 'codes:usage', {}],
  ]

  process.stdout.write(`\n${RUNS} timed runs per query after 2 warm-up runs (load average ${loadAverage()})\n\n`)
  process.stdout.write(
    `${'query'.padEnd(44)} ${'first'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  note\n`,
  )
  for (const [label, channel, request] of cases) {
    const times: number[] = []
    let note = ''
    let cold = 0
    for (let run = 0; run < RUNS + 2; run += 1) {
      const started = performance.now()
      const envelope = await dispatch(context.handlers, channel, request as RequestOf<typeof channel>)
      const elapsed = performance.now() - started
      if (!envelope.ok) throw new Error(`${label}: ${envelope.error.message}`)
      if (run >= 2) times.push(elapsed)
      if (run === 0) {
        cold = elapsed
        note = describe(envelope.value)
      }
    }
    times.sort((a, b) => a - b)
    const p95 = percentile(times, 0.95)
    process.stdout.write(
      `${label.padEnd(44)} ${cold.toFixed(1).padStart(8)} ${percentile(times, 0.5).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${(times.at(-1) ?? 0).toFixed(1).padStart(8)}  ${p95 > 50 ? 'OVER 50 ms; ' : ''}${note}\n`,
    )
  }
  process.stdout.write(`\nload average after: ${loadAverage()}\n`)
  context.close()
}

function loadAverage(): string {
  try {
    // /proc/loadavg exists on the Linux machines this runs on; elsewhere the figure is left out.
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  } catch {
    return 'n/a'
  }
}

/** A few words about an answer, so a fast but empty result is noticed. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `${value.length} entries`
  if (typeof value !== 'object' || value === null) return ''
  const record = value as Record<string, unknown>
  if (Array.isArray(record['rows'])) return `${record['rows'].length} rows, total ${String(record['total'])}`
  if (Array.isArray(record['points']))
    return `${record['points'].length} points${record['rowLevel'] ? ', row-level' : ''}`
  if (typeof record['newlyInvalid'] === 'number') {
    return `newlyInvalid ${String(record['newlyInvalid'])}, recovered ${String(record['recovered'])}, stillInvalid ${String(record['stillInvalid'])}`
  }
  if (Array.isArray(record['entries'])) return `${record['entries'].length} entries`
  if (Array.isArray(record['actionItems'])) return `${record['actionItems'].length} action items`
  return ''
}

await main()
