/**
 * The watched folder as the app owns it: the user's choice (folder, on/off) kept in settings.json,
 * the watcher started and stopped to match, each landed file imported through the app's own
 * handler table, and what happened told to the user (a desktop notification in the app; the
 * Settings view everywhere). Created once per app run, not per database: it reads the current
 * handler table for every file, so it follows the database when Settings moves or restores it.
 */
import { existsSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { ApiError, type FileRef, type IpcHandlers } from '../../shared/ipc'
import { watchHeadline, type WatchEvent, type WatchOutcome, type WatchStatus } from '../../shared/watch'
import { watchFolder, type FolderWatcher } from './folder-watcher'

/** What settings.json keeps about the watched folder. */
export interface WatchConfig {
  folder: string
  enabled: boolean
  /** When watching was last switched on or pointed at this folder (ms): older files there are left alone. */
  sinceMs: number
  /** The last files handled, newest first: kept with the choice so the list survives a restart. */
  events?: WatchEvent[]
}

/** A desktop notification: the shell shows it; a click on `openOverview` ones opens the Overview. */
export interface WatchNotice {
  title: string
  body: string
  openOverview: boolean
}

export interface WatchServiceOptions {
  /** The current handler table (it is rebuilt when the database is moved, restored or erased). */
  handlers(): IpcHandlers
  load(): WatchConfig | null
  save(config: WatchConfig): void
  /** Asks for a folder: the native dialog in the app, the typed path in the preview; null = cancelled. */
  chooseFolder(request: { typed: string | undefined; current: string | undefined }): Promise<string | null>
  /** Shows a desktop notification (the app); absent in the preview and tests. */
  notify?: (notice: WatchNotice) => void
  /** The Settings view refreshes on it. */
  changed(status: WatchStatus): void
  log?: {
    info(message: string, fields?: Record<string, unknown>): void
    warn(message: string, fields?: Record<string, unknown>): void
  }
  /** Tests shorten chokidar's wait for a file to stop growing. */
  stableMs?: number
  pollMs?: number
  now?: () => number
}

export interface WatchService {
  status(): WatchStatus
  choose(typed: string | undefined): Promise<WatchStatus>
  enable(enabled: boolean): Promise<WatchStatus>
  /** Starts watching if the stored choice says so (at app start). */
  start(): Promise<void>
  /** Resolves when every landed file so far has been handled (tests). */
  idle(): Promise<void>
  /** Stops watching (quit). */
  stop(): Promise<void>
}

const EVENTS_KEPT = 20

/** What the user is told to do with a file the watcher could not import on its own. */
const HINTS: Partial<Record<string, string>> = {
  'needs-mapping': 'Import it from the app to choose its columns.',
  'needs-date-order': 'Import it from the app to say whether its dates are day or month first.',
  'partial-file': 'Export it again, or import it from the app to keep its complete rows.',
}

export function createWatchService(options: WatchServiceOptions): WatchService {
  const now = options.now ?? Date.now
  let config = options.load()
  let watcher: FolderWatcher | null = null
  let error: string | null = null
  let events: WatchEvent[] = (config?.events ?? []).slice(0, EVENTS_KEPT)
  let nextId = events.reduce((top, event) => Math.max(top, event.id), 0) + 1

  const status = (): WatchStatus => ({
    folder: config?.folder ?? null,
    enabled: config?.enabled ?? false,
    watching: watcher !== null && error === null,
    error,
    events,
  })
  const changed = (): void => options.changed(status())

  function record(fileName: string, outcome: WatchOutcome, message: string, importId: number | null): void {
    events = [
      { id: nextId++, at: new Date(now()).toISOString(), fileName, outcome, message, importId },
      ...events,
    ].slice(0, EVENTS_KEPT)
    if (config) store(config)
    changed()
  }

  /** One landed file, through the same channel a dropped file takes; never throws. */
  async function importFile(file: FileRef): Promise<void> {
    const handlers = options.handlers()
    try {
      const [outcome] = await handlers['imports:run']({ files: [file] })
      if (!outcome) throw new Error('the import gave no outcome')
      if (!outcome.ok) {
        if (outcome.error.code === 'duplicate') {
          // Already in the history: no notification, only a line in Settings.
          record(file.name, 'skipped', 'Already imported; skipped.', outcome.duplicateOf ?? null)
          return
        }
        const reason = [outcome.error.message, HINTS[outcome.error.code]].filter(Boolean).join(' ')
        fail(file.name, reason)
        return
      }
      if (!('import' in outcome)) {
        record(file.name, 'imported', 'Imported into the activity history.', null)
        options.notify?.({
          title: `Imported ${file.name}`,
          body: 'Bounce activity added to the history.',
          openOverview: false,
        })
        return
      }
      const summary = outcome.import
      const headline = watchHeadline(await figuresOf(options.handlers(), summary.id, summary.invalid))
      record(file.name, 'imported', headline, summary.id)
      options.log?.info('watched folder: imported', { importId: summary.id })
      options.notify?.({ title: `Imported ${file.name}`, body: headline, openOverview: true })
    } catch (caught) {
      fail(file.name, caught instanceof Error ? caught.message : String(caught))
    }
  }

  function fail(fileName: string, reason: string): void {
    const message = reason.startsWith(fileName) ? reason : `${fileName}: ${reason}`
    record(fileName, 'failed', message, null)
    options.log?.warn('watched folder: a file was not imported')
    options.notify?.({ title: `Could not import ${fileName}`, body: message, openOverview: false })
  }

  async function stopWatcher(): Promise<void> {
    const running = watcher
    watcher = null
    await running?.stop()
  }

  async function startWatcher(): Promise<void> {
    await stopWatcher()
    error = null
    if (!config?.enabled) return
    const folder = config.folder
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      error = `The folder ${folder} does not exist any more. Choose it again or choose another.`
      return
    }
    const started = watchFolder(folder, {
      importFile,
      sinceMs: config.sinceMs,
      onError: (message) => {
        error = `The folder is no longer watched: ${message}`
        options.log?.warn('watched folder: stopped')
        changed()
      },
      ...(options.stableMs === undefined ? {} : { stableMs: options.stableMs }),
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    })
    watcher = started
    await started.ready
    options.log?.info('watched folder: watching')
  }

  // Start, choose, switch and stop run one after another: two overlapping starts would leave a
  // second watcher running unseen, and every file would be imported by both.
  let lifecycle: Promise<void> = Promise.resolve()
  const restart = (): Promise<void> => (lifecycle = lifecycle.then(startWatcher, startWatcher))

  /** Saves the choice with the current events (a new folder keeps the list of what happened). */
  function store(next: WatchConfig): void {
    config = { ...next, events }
    options.save(config)
  }

  return {
    status,
    async choose(typed) {
      const chosen = await options.chooseFolder({ typed, current: config?.folder })
      if (chosen === null) return status()
      if (!isAbsolute(chosen))
        throw new ApiError('bad-request', 'Give the full path of a folder, e.g. /Users/you/Exports.')
      if (!existsSync(chosen) || !statSync(chosen).isDirectory())
        throw new ApiError('bad-request', `There is no folder at ${chosen}.`)
      // Choosing a folder is the moment the user means to watch it.
      store({ folder: chosen, enabled: true, sinceMs: now() })
      await restart()
      changed()
      return status()
    },
    async enable(enabled) {
      if (!config) {
        if (enabled) throw new ApiError('bad-request', 'Choose the folder to watch first.')
        return status()
      }
      store({ ...config, enabled, sinceMs: enabled && !config.enabled ? now() : config.sinceMs })
      await restart()
      changed()
      return status()
    },
    async start() {
      await restart()
    },
    async idle() {
      await watcher?.idle()
    },
    async stop() {
      await (lifecycle = lifecycle.then(stopWatcher, stopWatcher))
    },
  }
}

/** The headline's figures for one snapshot, from the tallies stored at import. */
async function figuresOf(
  handlers: IpcHandlers,
  importId: number,
  invalid: number,
): Promise<{ newlyInvalid: number | null; invalid: number; toReview: number }> {
  const entries = await handlers['history:newly-invalid']({})
  const counts = await handlers['history:counts']({})
  const newlyInvalid = entries.find((entry) => entry.importId === importId)?.newlyInvalid ?? null
  const byVerdict = counts.find((entry) => entry.importId === importId)?.byVerdict ?? {}
  // Sender-side blocks and unclear texts: the two verdicts the Overview asks a person to review.
  const toReview = (byVerdict['fix-sending'] ?? 0) + (byVerdict['review'] ?? 0)
  return { newlyInvalid, invalid, toReview }
}
