/**
 * Watches one folder and hands each export that lands in it to `importFile`, one file at a time,
 * once the file has stopped growing. Plain Node (chokidar): the desktop app, the browser preview
 * and the tests run the same code; only the notification is the shell's.
 */
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import type { FileRef } from '../../shared/ipc'
import { isWatchedFileName } from '../../shared/watch'

export interface FolderWatcherOptions {
  /** Imports one file; must not throw for a file that cannot be imported (it answers why instead). */
  importFile(file: FileRef): Promise<void>
  /** The folder stopped being watchable (removed, unreadable). */
  onError(message: string): void
  /**
   * Files already in the folder when watching starts are imported only if they were modified
   * at or after this time (ms): exports that landed while the app was closed are picked up, the
   * folder's old files are not.
   */
  sinceMs: number
  /** How long a file's size must stay the same before it is read (ms); chokidar's awaitWriteFinish. */
  stableMs?: number
  /** How often a growing file's size is checked (ms). */
  pollMs?: number
}

export interface FolderWatcher {
  readonly folder: string
  /** Resolves once the folder has been read and is watched. */
  ready: Promise<void>
  /** Resolves when nothing is queued or being imported (tests; quitting waits for nothing). */
  idle(): Promise<void>
  /** Stops watching and drops what is queued; an import already running finishes. Safe to call twice. */
  stop(): Promise<void>
}

// A browser's download writes `name.csv.crdownload` / `.part` first and renames at the end; those
// names are not exports and are ignored, the rename is an `add` of the real name.
const DEFAULT_STABLE_MS = 2000
// File times are coarser than the clock: Linux stamps them from a clock that lags by a tick, and FAT and
// exFAT drives keep them to 2 s. A file that landed just after watching started can carry a time just
// before it; such a file is read (the duplicate check skips it if it was imported), not ignored.
const MTIME_SLACK_MS = 2000
const DEFAULT_POLL_MS = 250

export function watchFolder(folder: string, options: FolderWatcherOptions): FolderWatcher {
  const root = resolve(folder)
  let stopped = false
  // One import at a time, in the order files finished landing; a path is queued once until handled.
  let chain: Promise<void> = Promise.resolve()
  const queued = new Set<string>()
  // The files the first scan found; until `ready` every `add` is one of them.
  let scanned = false
  const present = new Set<string>()

  // What each path looked like when it was last queued: reading a file changes its access time,
  // which inotify reports and chokidar passes on as `change`; only new contents count.
  const seen = new Map<string, string>()

  const enqueue = (path: string, mtimeMs: number, size: number): void => {
    if (stopped || queued.has(path)) return
    const version = `${size}:${mtimeMs}`
    if (seen.get(path) === version) return
    seen.set(path, version)
    queued.add(path)
    chain = chain.then(async () => {
      queued.delete(path)
      if (stopped) return
      await options.importFile({ path, name: basename(path), lastModifiedMs: mtimeMs })
    })
  }

  const watcher: FSWatcher = watch(root, {
    depth: 0,
    ignoreInitial: false,
    alwaysStat: true,
    awaitWriteFinish: {
      stabilityThreshold: options.stableMs ?? DEFAULT_STABLE_MS,
      pollInterval: options.pollMs ?? DEFAULT_POLL_MS,
    },
    // Sub-folders and anything that is not an export are not read (depth 0 still lists them).
    ignored: (path) => resolve(path) !== root && !isWatchedFileName(basename(path)),
  })

  const landed = async (path: string, stats?: { mtimeMs: number; size: number; isFile(): boolean }): Promise<void> => {
    const info = stats ?? (await stat(path).catch(() => null))
    if (!info?.isFile()) return
    const wasPresent = !scanned || present.delete(resolve(path))
    if (wasPresent && info.mtimeMs < options.sinceMs - MTIME_SLACK_MS) return
    enqueue(path, info.mtimeMs, info.size)
  }

  watcher.on('add', (path, stats) => void landed(path, stats))
  // Saved again (a re-export under the same name): the duplicate check decides whether it is new.
  watcher.on('change', (path, stats) => void landed(path, stats))
  watcher.on('error', (error) => {
    if (!stopped) options.onError(error instanceof Error ? error.message : String(error))
  })
  // chokidar watches a folder that vanishes without a word; its parent's unlinkDir says so.
  watcher.on('unlinkDir', (path) => {
    if (resolve(path) === root && !stopped) options.onError(`The folder ${root} was removed or renamed.`)
  })

  const ready = new Promise<void>((resolvePromise) => {
    watcher.once('ready', () => {
      // awaitWriteFinish holds the first scan's `add` events back; remember which files were
      // there, so that they keep the `sinceMs` rule when their `add` comes after `ready`.
      for (const name of watcher.getWatched()[root] ?? []) present.add(resolve(root, name))
      scanned = true
      resolvePromise()
    })
  })

  return {
    folder: root,
    ready,
    idle: async () => {
      // Imports can queue further imports' turn; wait until the chain stops changing.
      let seen: Promise<void> | null = null
      while (seen !== chain) {
        seen = chain
        await seen
      }
    },
    async stop() {
      if (stopped) return
      stopped = true
      queued.clear()
      await watcher.close()
    },
  }
}
