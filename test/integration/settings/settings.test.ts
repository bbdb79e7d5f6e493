import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import type { Channel, EventName, RequestOf, ResponseOf } from '../../../electron/shared/ipc'
import { createAppContext, type AppContext } from '../../../electron/main/core/app-context'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { backupsFolder } from '../../../electron/main/db/safe-open'
import { importFile } from '../../../electron/main/import/import-file'
import { startImportWorkerFromSource } from '../../../electron/main/import/start-worker-node'
import type { StartImportWorker } from '../../../electron/main/import/run-import-worker'
import { dispatch } from '../../../electron/main/core/ipc-dispatch'
import { createLog } from '../../../electron/main/core/log'
import { SAMPLE_FILE_NAME } from '../../../electron/main/core/paths'
import { RESOURCES_DIR } from '../../../electron/main/core/repo-paths'
import { neverSave } from '../../../electron/main/core/save-paths'
import { SETTINGS_BACKUPS_KEPT } from '../../../electron/main/settings/data-files'
import { readSettings, resolveDbPath, settingsFileIn } from '../../../electron/main/settings/location'
import { CSV_FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()

const SAMPLE = { path: join(RESOURCES_DIR, 'sample', SAMPLE_FILE_NAME), name: SAMPLE_FILE_NAME }
const WEEKLY = {
  path: join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'),
  name: 'weekly-deliverability-2026-11-13.csv',
}

const count = (db: Db, table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

interface Harness {
  context: AppContext
  dbPath: string
  userData: string
  events: EventName[]
  call<K extends Channel>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>>
  fail(channel: Channel, request: unknown): Promise<{ code: string; message: string }>
}

/** A database holding the two fixture imports, opened through the app context as the app does. */
async function harness(options: { seed?: boolean; startImportWorker?: StartImportWorker } = {}): Promise<Harness> {
  const userData = join(tempDir(), 'user-data')
  const dbPath = join(userData, 'bounce-auditor.db')
  if (options.seed !== false) {
    const { mkdirSync } = await import('node:fs')
    mkdirSync(userData, { recursive: true })
    const db = openDatabase(dbPath)
    await importFile(db, WEEKLY)
    await importFile(db, SAMPLE)
    db.close()
  }
  const events: EventName[] = []
  const context = createAppContext({
    dbPath,
    resourcesDir: RESOURCES_DIR,
    version: 'test',
    shell: 'web',
    emit: (event) => events.push(event),
    startImportWorker: options.startImportWorker ?? startImportWorkerFromSource,
    chooseSavePath: neverSave,
    settingsFile: settingsFileIn(userData),
    log: createLog(join(userData, 'logs')),
  })
  return {
    context,
    dbPath,
    userData,
    events,
    async call(channel, request) {
      const envelope = await dispatch(context.handlers, channel, request)
      if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`)
      return envelope.value as ResponseOf<typeof channel>
    },
    async fail(channel, request) {
      const envelope = await dispatch(context.handlers, channel, request)
      if (envelope.ok) throw new Error(`${channel} was expected to fail`)
      return envelope.error
    },
  }
}

describe('settings: where the data lives and its backups', () => {
  it('reports the path, size and counts, and lists a backup made now', async () => {
    const h = await harness()
    try {
      const before = await h.call('settings:get', {})
      expect(before.dbPath).toBe(h.dbPath)
      expect(before.bytes).toBeGreaterThan(0)
      expect(before.counts).toEqual({
        imports: 2,
        leads: count(h.context.db as Db, 'leads'),
        rows: (h.context.db?.prepare('SELECT sum(row_count) AS n FROM imports').get() as { n: number }).n,
      })
      expect(before.backups).toEqual([])
      expect(before.backupsFolder).toBe(backupsFolder(h.dbPath))

      const { backup } = await h.call('settings:backup', {})
      expect(backup.kind).toBe('manual')
      expect(backup.bytes).toBeGreaterThan(0)
      expect(Date.now() - Date.parse(backup.takenAt ?? '')).toBeLessThan(60_000)
      const after = await h.call('settings:get', {})
      expect(after.backups).toEqual([backup])
      // A backup is a full, consistent database of its own.
      const copy = openDatabase(join(after.backupsFolder, backup.name), { readonly: true })
      expect(count(copy, 'imports')).toBe(2)
      copy.close()
    } finally {
      h.context.close()
    }
  })

  it(`keeps the newest ${SETTINGS_BACKUPS_KEPT} backups made from Settings`, async () => {
    const h = await harness()
    try {
      for (let n = 0; n < SETTINGS_BACKUPS_KEPT + 2; n += 1) {
        await h.call('settings:backup', {})
        // Names carry the millisecond; a pause keeps them in order.
        await new Promise((resolve) => setTimeout(resolve, 3))
      }
      const { backups } = await h.call('settings:get', {})
      expect(backups).toHaveLength(SETTINGS_BACKUPS_KEPT)
      expect(backups.map((b) => b.name)).toEqual([...backups.map((b) => b.name)].sort().reverse())
    } finally {
      h.context.close()
    }
  })

  it('restore brings back the backed-up content, after backing up the current data', async () => {
    const h = await harness()
    try {
      const { backup } = await h.call('settings:backup', {})
      const imports = await h.call('imports:list', {})
      const sample = imports.find((summary) => summary.fileName === SAMPLE_FILE_NAME)
      await h.call('imports:delete', { importId: sample?.id ?? 0 })
      expect(await h.call('imports:list', {})).toHaveLength(1)

      h.events.length = 0
      const result = await h.call('settings:restore', { name: backup.name })
      expect(result.restoredFrom).toBe(backup.name)
      expect(result.safetyBackup.kind).toBe('before-restore')
      expect((await h.call('imports:list', {})).map((s) => s.fileName).sort()).toEqual(
        imports.map((s) => s.fileName).sort(),
      )
      expect(h.events).toContain('imports:changed')
      // The data from before the restore (one import) is itself a backup now.
      const safety = openDatabase(join(backupsFolder(h.dbPath), result.safetyBackup.name), { readonly: true })
      expect(count(safety, 'imports')).toBe(1)
      safety.close()
      expect((h.context.db?.pragma('quick_check') as { quick_check: string }[])[0]?.quick_check).toBe('ok')
    } finally {
      h.context.close()
    }
  })

  it('restore refuses names that are not one of the backups', async () => {
    const h = await harness()
    try {
      expect(await h.fail('settings:restore', { name: '../bounce-auditor.db' })).toMatchObject({ code: 'bad-request' })
      expect(await h.fail('settings:restore', { name: 'nope.bak' })).toMatchObject({ code: 'not-found' })
      expect(await h.call('imports:list', {})).toHaveLength(2)
    } finally {
      h.context.close()
    }
  })

  it('move copies the database, checks it, switches to it, remembers it and removes the old file', async () => {
    const h = await harness()
    try {
      await h.call('settings:backup', {})
      const target = join(tempDir(), 'elsewhere', 'data')
      const result = await h.call('settings:move', { folder: target })
      const moved = join(target, 'bounce-auditor.db')
      expect(result).toEqual({ moved: true, dbPath: moved })
      expect(h.context.dbPath).toBe(moved)
      expect((await h.call('settings:get', {})).dbPath).toBe(moved)
      expect(await h.call('imports:list', {})).toHaveLength(2)
      expect(existsSync(h.dbPath)).toBe(false)
      expect(readSettings(settingsFileIn(h.userData))).toEqual({ dbPath: moved })
      expect(resolveDbPath(h.userData)).toBe(moved)
      // The backups followed the database.
      expect((await h.call('settings:get', {})).backups).toHaveLength(1)
      expect(readdirSync(join(target, 'backups'))).toHaveLength(1)
      // Imports keep working on the new file (a new worker opens it by its new path).
      expect(await h.call('app:info', {})).toMatchObject({ dbPath: moved, dbError: null })
    } finally {
      h.context.close()
    }
  })

  it('move refuses a relative folder, and a folder that already holds a database', async () => {
    const h = await harness()
    try {
      expect(await h.fail('settings:move', { folder: 'relative/folder' })).toMatchObject({ code: 'bad-request' })
      expect(await h.fail('settings:move', { folder: dirname(h.dbPath) })).toMatchObject({
        message: 'The database is already in that folder.',
      })
      expect(h.context.dbPath).toBe(h.dbPath)
      expect(await h.call('imports:list', {})).toHaveLength(2)
    } finally {
      h.context.close()
    }
  })

  it('erase needs the typed confirmation on the Node side, then empties the database', async () => {
    const h = await harness()
    try {
      await h.call('settings:backup', {})
      for (const confirm of ['', 'erase', 'ERASE ALL', 'yes']) {
        expect(await h.fail('settings:erase', { confirm, keepBackups: true })).toMatchObject({
          code: 'bad-request',
          message: expect.stringContaining('Type ERASE') as unknown as string,
        })
      }
      expect(await h.call('imports:list', {})).toHaveLength(2)

      const result = await h.call('settings:erase', { confirm: 'ERASE', keepBackups: true })
      expect(result).toEqual({ erased: true, keptBackups: true })
      expect(await h.call('imports:list', {})).toEqual([])
      expect((await h.call('settings:get', {})).counts).toEqual({ imports: 0, leads: 0, rows: 0 })
      const { backups } = await h.call('settings:get', {})
      expect(backups.map((b) => b.kind)).toEqual(['before-erase', 'manual'])

      // The erase can be undone from the backup it took.
      await h.call('settings:restore', { name: backups[0]?.name ?? '' })
      expect(await h.call('imports:list', {})).toHaveLength(2)
    } finally {
      h.context.close()
    }
  })

  it('erase without keeping backups deletes them too', async () => {
    const h = await harness()
    try {
      await h.call('settings:backup', {})
      await h.call('settings:erase', { confirm: 'ERASE', keepBackups: false })
      const info = await h.call('settings:get', {})
      expect(info.backups).toEqual([])
      expect(info.counts).toEqual({ imports: 0, leads: 0, rows: 0 })
      expect(existsSync(backupsFolder(h.dbPath))).toBe(false)
    } finally {
      h.context.close()
    }
  })

  it('restore, move and erase are refused while an import runs', async () => {
    let worker: Worker | null = null
    // A worker that never answers stands in for a long import.
    const h = await harness({
      startImportWorker: () => {
        worker = new Worker('setInterval(() => {}, 1000)', { eval: true })
        return worker
      },
    })
    try {
      const { backup } = await h.call('settings:backup', {})
      const run = dispatch(h.context.handlers, 'imports:run', { files: [SAMPLE] })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect((await h.call('settings:get', {})).importRunning).toBe(true)
      for (const [channel, request] of [
        ['settings:restore', { name: backup.name }],
        ['settings:move', { folder: join(tempDir(), 'x') }],
        ['settings:erase', { confirm: 'ERASE', keepBackups: true }],
      ] as const) {
        expect((await h.fail(channel, request)).message).toMatch(/An import is running/)
      }
      // Backing up reads a snapshot and is fine meanwhile.
      await h.call('settings:backup', {})
      await (worker as Worker | null)?.terminate()
      await run
      expect((await h.call('settings:get', {})).importRunning).toBe(false)
      expect(await h.call('imports:list', {})).toHaveLength(2)
    } finally {
      h.context.close()
    }
  })

  it('open-folder answers with the path where no file manager can be opened', async () => {
    const h = await harness()
    try {
      expect(await h.call('settings:open-folder', { target: 'database' })).toEqual({ opened: false, path: h.dbPath })
      expect(await h.call('settings:open-folder', { target: 'logs' })).toEqual({
        opened: false,
        path: join(h.userData, 'logs'),
      })
    } finally {
      h.context.close()
    }
  })
})

describe('diagnostics', () => {
  it('hold versions, sizes, counts and recent errors, and nothing of the leads', async () => {
    const h = await harness()
    try {
      const log = createLog(join(h.userData, 'logs'))
      log.error('something broke while reading', new Error('the row of ana@northwind.example was odd'))
      const { text } = await h.call('diagnostics:get', {})
      expect(text).toContain('App: test (browser preview)')
      expect(text).toMatch(/SQLite: \d+\.\d+\.\d+/)
      expect(text).toContain(`Node: ${process.versions.node}`)
      expect(text).toContain('Imports: 2')
      expect(text).toMatch(/Leads: \d+/)
      expect(text).toContain('something broke while reading')
      expect(text).toContain('<email>')

      const db = h.context.db as Db
      const emails = (db.prepare('SELECT email FROM leads').all() as { email: string }[]).map((r) => r.email)
      const causes = (db.prepare('SELECT text FROM causes').all() as { text: string }[]).map((r) => r.text)
      expect(emails.length).toBeGreaterThan(10)
      expect(causes.length).toBeGreaterThan(3)
      for (const email of emails) expect(text.toLowerCase()).not.toContain(email.toLowerCase())
      for (const cause of causes) expect(text).not.toContain(cause)
      expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/)
      // Not even the folder: a path names the user.
      expect(text).not.toContain(h.dbPath)

      const copied = await h.call('diagnostics:copy', {})
      expect(copied.copied).toBe(false)
      expect(copied.text.split('\n').slice(3)).toEqual(text.split('\n').slice(3))
    } finally {
      h.context.close()
    }
  })

  it('the import log records counts and durations, never addresses', async () => {
    const h = await harness({ seed: false })
    try {
      const [outcome] = await h.call('imports:run', { files: [SAMPLE] })
      expect(outcome?.ok).toBe(true)
      const logText = readFileSync(join(h.userData, 'logs', 'bounce-auditor.log'), 'utf8')
      const finished = logText
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { message: string; fields?: Record<string, unknown> })
        .find((entry) => entry.message === 'import finished')
      expect(finished?.fields).toMatchObject({ rows: expect.any(Number) as unknown, ms: expect.any(Number) as unknown })
      expect(logText).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/)
      expect(basename(h.dbPath)).toBe('bounce-auditor.db')
    } finally {
      h.context.close()
    }
  })
})

describe('the remembered location', () => {
  it('falls back to the default for a missing, unreadable or relative entry', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs')
    const userData = join(tempDir(), 'ud')
    mkdirSync(userData)
    const fallback = join(userData, 'bounce-auditor.db')
    expect(resolveDbPath(userData)).toBe(fallback)
    for (const content of ['{not json', '[]', '{"dbPath": "relative/app.db"}', '{"dbPath": 7}']) {
      writeFileSync(settingsFileIn(userData), content)
      expect(resolveDbPath(userData)).toBe(fallback)
    }
    writeFileSync(settingsFileIn(userData), JSON.stringify({ dbPath: '/data/app.db' }))
    expect(resolveDbPath(userData)).toBe('/data/app.db')
  })
})
