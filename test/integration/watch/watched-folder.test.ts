import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppContext, type AppContext } from '../../../electron/main/core/app-context'
import { dispatch } from '../../../electron/main/core/ipc-dispatch'
import { neverSave } from '../../../electron/main/core/save-paths'
import { RESOURCES_DIR } from '../../../electron/main/core/repo-paths'
import { startImportWorkerFromSource } from '../../../electron/main/import/start-worker-node'
import { readSettings, settingsFileIn } from '../../../electron/main/settings/location'
import type { WatchNotice } from '../../../electron/main/watch/watch-service'
import type { WatchStatus } from '../../../electron/shared/watch'
import { CSV_FIXTURES, useTempDir } from '../../helpers/temp-dir'

/**
 * The watched folder end to end under Node: a real folder, real CSV files written the way a
 * browser or Marketo's download writes them, the app's handler table and a real SQLite file.
 */
const tempDir = useTempDir()
// Short waits keep the tests quick; the app uses 2 s.
const STABLE_MS = 400

const WEEK_1 = readFileSync(join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'), 'utf8')

interface Harness {
  context: AppContext
  folder: string
  userData: string
  notices: WatchNotice[]
  statuses: WatchStatus[]
  call<T>(channel: string, request: unknown): Promise<T>
  /** Rows stored per import, oldest first. */
  rows(): Promise<number[]>
}

function harness(options: { folder?: string; userData?: string } = {}): Harness {
  const userData = options.userData ?? join(tempDir(), 'user-data')
  const folder = options.folder ?? join(tempDir(), 'exports')
  mkdirSync(folder, { recursive: true })
  mkdirSync(userData, { recursive: true })
  const notices: WatchNotice[] = []
  const statuses: WatchStatus[] = []
  const settingsFile = settingsFileIn(userData)
  const context = createAppContext({
    dbPath: readSettings(settingsFile).dbPath ?? join(userData, 'bounce-auditor.db'),
    settingsFile,
    resourcesDir: RESOURCES_DIR,
    version: 'test',
    shell: 'web',
    emit: (event, payload) => {
      if (event === 'watch:changed') statuses.push(payload as WatchStatus)
    },
    startImportWorker: startImportWorkerFromSource,
    chooseSavePath: neverSave,
    watch: { notify: (notice) => notices.push(notice), stableMs: STABLE_MS, pollMs: 50 },
  })
  return {
    context,
    folder,
    userData,
    notices,
    statuses,
    async call<T>(channel: string, request: unknown): Promise<T> {
      const answer = await dispatch(context.handlers, channel, request)
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`)
      return answer.value as T
    },
    async rows() {
      const imports = await this.call<{ rows: number }[]>('imports:list', {})
      return imports.map((summary) => summary.rows)
    },
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `count` files were handled (events are newest first). */
async function handled(h: Harness, count: number, timeoutMs = 30_000): Promise<WatchStatus> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    await h.context.watch?.idle()
    const status = h.context.watch?.status()
    if (status && status.events.length >= count) return status
    if (Date.now() > deadline) throw new Error(`only ${status?.events.length ?? 0} of ${count} files were handled`)
    await sleep(50)
  }
}

describe('the watched folder', { timeout: 90_000 }, () => {
  it('is off by default and answers with its status', async () => {
    const h = harness()
    try {
      expect(await h.call('watch:get', {})).toEqual({
        folder: null,
        enabled: false,
        watching: false,
        error: null,
        events: [],
      })
      await expect(h.call('watch:enable', { enabled: true })).rejects.toThrow(/Choose the folder to watch first/)
      await expect(h.call('watch:choose', { folder: 'relative' })).rejects.toThrow(/full path/)
      await expect(h.call('watch:choose', { folder: join(tempDir(), 'missing') })).rejects.toThrow(/no folder at/)
    } finally {
      h.context.close()
    }
  })

  it('imports a file written in pieces once, after it stops growing, and notifies the headline', async () => {
    const h = harness()
    try {
      const status = await h.call<WatchStatus>('watch:choose', { folder: h.folder })
      expect(status).toMatchObject({ folder: h.folder, enabled: true, watching: true })
      // Remembered in settings.json beside the database's location.
      expect(readSettings(settingsFileIn(h.userData)).watch).toMatchObject({ folder: h.folder, enabled: true })

      const lines = WEEK_1.split('\n')
      const path = join(h.folder, 'weekly-deliverability-2026-11-13.csv')
      // Written in four pieces, each well within the time a file must stay unchanged.
      for (let piece = 0; piece < 4; piece++) {
        const part = lines.slice(piece * 3, piece * 3 + 3)
        if (part.length > 0) appendFileSync(path, part.join('\n') + (piece * 3 + 3 < lines.length ? '\n' : ''))
        await sleep(STABLE_MS / 4)
      }
      const after = await handled(h, 1)
      await sleep(STABLE_MS * 2)
      // Exactly one import, of every row: it was read only after the last piece.
      expect(await h.rows()).toEqual([5])
      expect(h.context.watch?.status().events).toHaveLength(1)
      expect(after.events[0]).toMatchObject({ fileName: 'weekly-deliverability-2026-11-13.csv', outcome: 'imported' })
      // A list's first snapshot has nothing to compare with: the headline gives the total invalid.
      expect(after.events[0]?.message).toMatch(/^\d+ addresses? marked invalid, \d+ to review$/)
      expect(h.notices).toEqual([
        { title: 'Imported weekly-deliverability-2026-11-13.csv', body: after.events[0]?.message, openOverview: true },
      ])
      expect(h.statuses.at(-1)?.events).toHaveLength(1)
    } finally {
      h.context.close()
    }
  })

  it('gives the newly invalid against the previous snapshot; skips a duplicate; a bad file fails with its reason', async () => {
    const h = harness()
    try {
      await h.call('watch:choose', { folder: h.folder })
      writeFileSync(join(h.folder, 'weekly-deliverability-2026-11-13.csv'), WEEK_1)
      await handled(h, 1)
      // The next week: 504 becomes invalid, so one newly invalid.
      const week2 = WEEK_1.replace(
        '504,Di,"di@fabrikam.example",false,,',
        '504,Di,"di@fabrikam.example",true,"550 5.1.1 User unknown",',
      )
      expect(week2).not.toBe(WEEK_1)
      writeFileSync(join(h.folder, 'weekly-deliverability-2026-11-20.csv'), week2)
      let status = await handled(h, 2)
      expect(status.events[0]).toMatchObject({
        outcome: 'imported',
        message: expect.stringMatching(/^1 newly invalid, \d+ to review$/) as unknown,
      })

      copyFileSync(join(h.folder, 'weekly-deliverability-2026-11-20.csv'), join(h.folder, 'copy of last week.csv'))
      status = await handled(h, 3)
      expect(status.events[0]).toMatchObject({ fileName: 'copy of last week.csv', outcome: 'skipped' })

      copyFileSync(join(CSV_FIXTURES, 'no-email-column.csv'), join(h.folder, 'contacts.csv'))
      status = await handled(h, 4)
      expect(status.events[0]).toMatchObject({ fileName: 'contacts.csv', outcome: 'failed' })
      expect(status.events[0]?.message).toMatch(
        /^contacts\.csv\b.*Email Address.*Import it from the app to choose its columns\.$/,
      )
      // Skipped files make no notification; the failure does, without opening the Overview.
      expect(h.notices.map((notice) => [notice.title, notice.openOverview])).toEqual([
        ['Imported weekly-deliverability-2026-11-13.csv', true],
        ['Imported weekly-deliverability-2026-11-20.csv', true],
        ['Could not import contacts.csv', false],
      ])
      // Not exports: ignored without a word.
      writeFileSync(join(h.folder, 'notes.pdf'), 'x')
      writeFileSync(join(h.folder, '~$open-workbook.xlsx'), 'x')
      await sleep(STABLE_MS * 2)
      expect((await handled(h, 4)).events).toHaveLength(4)
      expect(await h.rows()).toEqual([5, 5])
    } finally {
      h.context.close()
    }
  })

  it('leaves old files alone, picks up what landed while the app was closed, and stops on close', async () => {
    const userData = join(tempDir(), 'user-data')
    const folder = join(tempDir(), 'exports')
    mkdirSync(folder)
    const old = join(folder, 'weekly-deliverability-2026-11-06.csv')
    writeFileSync(old, WEEK_1)
    // The folder's older file (an hour old when watching starts) is not imported. Its time is set
    // before watching starts: the scan may read a file's time before a later change to it.
    const past = (Date.now() - 3600_000) / 1000
    utimesSync(old, past, past)
    const first = harness({ userData, folder })
    await first.call('watch:choose', { folder })
    await sleep(STABLE_MS * 2)
    expect(first.context.watch?.status().events).toEqual([])
    first.context.close()
    await first.context.watch?.stop()

    // Closed: a file landing now is not seen ...
    writeFileSync(join(folder, 'weekly-deliverability-2026-11-13.csv'), WEEK_1)
    await sleep(STABLE_MS * 2)
    expect(first.context.watch?.status().events).toEqual([])

    // ... until the app starts again, still watching (remembered), and imports it.
    const second = harness({ userData, folder })
    try {
      const status = await handled(second, 1)
      expect(status).toMatchObject({ enabled: true, watching: true })
      expect(status.events.map((event) => event.fileName)).toEqual(['weekly-deliverability-2026-11-13.csv'])
      // Switched off: nothing more is imported.
      await second.call('watch:enable', { enabled: false })
      writeFileSync(join(folder, 'weekly-deliverability-2026-11-20.csv'), WEEK_1.replace('Open', 'Closed'))
      await sleep(STABLE_MS * 2)
      expect(second.context.watch?.status()).toMatchObject({ enabled: false, watching: false })
      expect(second.context.watch?.status().events).toHaveLength(1)
    } finally {
      second.context.close()
    }
  })

  it('remembers what happened to each file across a restart, in settings.json', async () => {
    const userData = join(tempDir(), 'user-data')
    const folder = join(tempDir(), 'exports')
    const first = harness({ userData, folder })
    let before: WatchStatus
    try {
      await first.call('watch:choose', { folder })
      writeFileSync(join(folder, 'weekly-deliverability-2026-11-13.csv'), WEEK_1)
      before = await handled(first, 1)
    } finally {
      first.context.close()
      await first.context.watch?.stop()
    }
    const settingsFile = settingsFileIn(userData)
    expect(readSettings(settingsFile).watch?.events).toEqual(before.events)
    // An entry someone broke by hand is dropped; the others are kept.
    const stored = JSON.parse(readFileSync(settingsFile, 'utf8')) as { watch: { events: unknown[] } }
    stored.watch.events.push({ id: 'x', fileName: 7 })
    writeFileSync(settingsFile, JSON.stringify(stored))

    // File times are coarse: a file that landed just after watching started can be stamped just before
    // it. At the restart it is still read (and skipped as imported), not taken for an old file.
    const sinceMs = readSettings(settingsFile).watch?.sinceMs ?? Date.now()
    utimesSync(join(folder, 'weekly-deliverability-2026-11-13.csv'), (sinceMs - 1000) / 1000, (sinceMs - 1000) / 1000)

    const second = harness({ userData, folder })
    try {
      expect(await second.call<WatchStatus>('watch:get', {})).toMatchObject({ events: before.events })
      writeFileSync(join(folder, 'weekly-deliverability-2026-11-20.csv'), WEEK_1.replace('Open', 'Closed'))
      const after = await handled(second, 3)
      // Newest first, numbered on from the remembered ones; the first file, seen again at the
      // start, is skipped as already imported.
      expect(after.events.map((event) => [event.id, event.fileName, event.outcome])).toEqual([
        [3, 'weekly-deliverability-2026-11-20.csv', 'imported'],
        [2, 'weekly-deliverability-2026-11-13.csv', 'skipped'],
        [1, 'weekly-deliverability-2026-11-13.csv', 'imported'],
      ])
      expect(readSettings(settingsFile).watch?.events).toEqual(after.events)
    } finally {
      second.context.close()
    }
  })

  it('keeps watching after the database is moved, and imports into the moved file', async () => {
    const h = harness()
    try {
      await h.call('watch:choose', { folder: h.folder })
      writeFileSync(join(h.folder, 'weekly-deliverability-2026-11-13.csv'), WEEK_1)
      await handled(h, 1)
      const target = join(tempDir(), 'moved')
      await h.call('settings:move', { folder: target })
      expect(h.context.dbPath).toBe(join(target, 'bounce-auditor.db'))
      // The move kept the watched folder in settings.json.
      expect(readSettings(settingsFileIn(h.userData))).toMatchObject({
        dbPath: h.context.dbPath,
        watch: { folder: h.folder },
      })
      writeFileSync(join(h.folder, 'weekly-deliverability-2026-11-20.csv'), WEEK_1.replace('Open', 'Closed'))
      const status = await handled(h, 2)
      expect(status.events[0]).toMatchObject({ outcome: 'imported' })
      expect(await h.rows()).toEqual([5, 5])
    } finally {
      h.context.close()
    }
  })

  it('says so when the watched folder is removed', async () => {
    const h = harness()
    try {
      await h.call('watch:choose', { folder: h.folder })
      rmSync(h.folder, { recursive: true })
      const deadline = Date.now() + 10_000
      while (h.context.watch?.status().error === null && Date.now() < deadline) await sleep(50)
      // Chokidar reports it, or the next start finds it missing; either way the user reads why.
      if (h.context.watch?.status().error === null) await h.call('watch:enable', { enabled: true })
      expect(h.context.watch?.status()).toMatchObject({
        watching: false,
        error: expect.stringContaining(h.folder) as unknown,
      })
    } finally {
      h.context.close()
    }
  })
})
