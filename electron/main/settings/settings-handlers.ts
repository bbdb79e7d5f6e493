/**
 * The Settings view's channels: where the data lives, backups, restore, move, erase, and the
 * diagnostics. Restore, move and erase swap the database file under the app, so they go through
 * the host (the app context), which closes the connection, does the file work, reopens and
 * rebuilds the handler table; this table is stale after such a call and is not used again.
 */
import { existsSync, mkdirSync, renameSync, copyFileSync, rmSync, rmdirSync, readdirSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import { CLASSIFIER_VERSION } from '../../shared/classify'
import {
  ApiError,
  ERASE_CONFIRMATION,
  type FolderTarget,
  type IpcHandlers,
  type SettingsChannel,
} from '../../shared/ipc'
import { backupsFolder, listBackups } from '../db/safe-open'
import { requireDb, type DatabaseHost, type FeatureContext, type HandlerDeps } from '../core/handler-deps'
import { readSettings, writeSettings } from './location'
import {
  SETTINGS_BACKUPS_KEPT,
  copyConsistently,
  databaseBytes,
  dataCounts,
  describeBackups,
  findBackup,
  pruneBackups,
  removeDatabaseFiles,
  replaceDatabaseFile,
  takeBackup,
  verifyDatabaseFile,
} from './data-files'
import { buildDiagnostics } from './diagnostics'

const BUSY = 'An import is running. Wait for it to finish (or cancel it), then try again; nothing was changed.'

export function createSettingsHandlers(
  deps: HandlerDeps,
  { writes }: Pick<FeatureContext, 'writes'>,
): Pick<IpcHandlers, SettingsChannel> {
  const importBusy = (): boolean => writes.busy()
  const requireHost = (): DatabaseHost => {
    if (!deps.host) throw new ApiError('bad-request', 'This needs the app itself; it is not available here.')
    return deps.host
  }
  const refuseWhileBusy = (): void => {
    if (importBusy()) throw new ApiError('bad-request', BUSY)
  }
  const changed = (): void => deps.emit('imports:changed', { importIds: [] })

  function folderOf(target: FolderTarget): string {
    if (target === 'database') return deps.dbPath
    if (target === 'backups') return backupsFolder(deps.dbPath)
    if (!deps.log?.folder) throw new ApiError('not-found', 'This app has no log folder.')
    return deps.log.folder
  }

  function diagnostics(): string {
    const movedByUser = deps.host?.settingsFile ? readSettings(deps.host.settingsFile).dbPath !== undefined : false
    return buildDiagnostics({
      version: deps.version,
      classifierVersion: CLASSIFIER_VERSION,
      shell: deps.shell,
      db: deps.db,
      dbError: deps.dbError,
      movedByUser,
      bytes: databaseBytes(deps.dbPath),
      counts: deps.db ? dataCounts(deps.db) : null,
      backups: listBackups(deps.dbPath).length,
      log: deps.log ?? null,
    })
  }

  return {
    'settings:get': () => ({
      dbPath: deps.dbPath,
      bytes: databaseBytes(deps.dbPath),
      counts: deps.db ? dataCounts(deps.db) : null,
      backupsFolder: backupsFolder(deps.dbPath),
      backups: describeBackups(deps.dbPath),
      backupsKept: SETTINGS_BACKUPS_KEPT,
      logFolder: deps.log?.folder || null,
      importRunning: importBusy(),
      shell: deps.shell,
    }),

    'settings:backup': () => {
      const startedAt = Date.now()
      const backup = takeBackup(requireDb(deps), deps.dbPath, 'manual')
      pruneBackups(deps.dbPath)
      deps.log?.info('backup written', { bytes: backup.bytes, ms: Date.now() - startedAt })
      return { backup }
    },

    'settings:restore': ({ name }) => {
      const host = requireHost()
      refuseWhileBusy()
      const db = requireDb(deps)
      const source = findBackup(deps.dbPath, name)
      if (!source) throw new ApiError('not-found', `There is no backup named ${name}.`)
      try {
        verifyDatabaseFile(source, deps.nativeBinding)
      } catch (error) {
        throw new ApiError(
          'bad-file',
          `This backup cannot be restored: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
        )
      }
      const safetyBackup = takeBackup(db, deps.dbPath, 'before-restore')
      const safety = join(backupsFolder(deps.dbPath), safetyBackup.name)
      const failed = host.reopen(deps.dbPath, () => replaceDatabaseFile(source, deps.dbPath))
      if (failed !== null) {
        // The restored file would not open: the data from just before goes back in place.
        host.reopen(deps.dbPath, () => replaceDatabaseFile(safety, deps.dbPath))
        deps.log?.error('restore failed; the previous data was put back', failed)
        throw new ApiError('bad-file', `The backup could not be opened (${failed}). Your data was put back as it was.`)
      }
      pruneBackups(deps.dbPath, [source, safety])
      deps.log?.info('restored from a backup', { kind: safetyBackup.kind })
      changed()
      return { restoredFrom: name, safetyBackup }
    },

    'settings:move': async ({ folder: typed }) => {
      const host = requireHost()
      refuseWhileBusy()
      requireDb(deps)
      const chosen = await host.chooseFolder({ typed, current: dirname(deps.dbPath) })
      if (chosen === null) return { moved: false }
      if (!isAbsolute(chosen))
        throw new ApiError('bad-request', 'Give the full path of a folder, e.g. /Users/you/Data.')
      // The dialog may take a while; an import could have started meanwhile.
      refuseWhileBusy()
      const db = requireDb(deps)
      const from = deps.dbPath
      const to = join(resolve(chosen), basename(from))
      if (to === resolve(from)) throw new ApiError('bad-request', 'The database is already in that folder.')
      if (existsSync(to)) {
        throw new ApiError(
          'bad-request',
          `There is already a database at ${to}. Choose another folder, or move that file away first. Nothing was changed.`,
        )
      }
      mkdirSync(dirname(to), { recursive: true })
      const startedAt = Date.now()
      const partial = `${to}.partial`
      copyConsistently(db, partial)
      try {
        const copied = verifyDatabaseFile(partial, deps.nativeBinding)
        const original = dataCounts(db)
        if (copied.imports !== original.imports || copied.leads !== original.leads || copied.rows !== original.rows) {
          throw new Error('the copy does not hold the same imports and leads as the original')
        }
        renameSync(partial, to)
      } catch (error) {
        rmSync(partial, { force: true })
        throw new ApiError(
          'internal',
          `The copy in the new folder could not be verified (${error instanceof Error ? error.message : String(error)}). The database stays where it was.`,
        )
      }
      const failed = host.reopen(to)
      if (failed !== null) {
        host.reopen(from)
        rmSync(to, { force: true })
        throw new ApiError('internal', `The moved database would not open (${failed}). It stays where it was.`)
      }
      // Remembered only once the new file is open, so a crash before this starts on the old one.
      if (host.settingsFile) writeSettings(host.settingsFile, { ...readSettings(host.settingsFile), dbPath: to })
      moveBackups(from, to)
      // The original goes only now that the copy is verified, open and remembered.
      removeDatabaseFiles(from)
      deps.log?.info('database moved', { ms: Date.now() - startedAt })
      changed()
      return { moved: true, dbPath: to }
    },

    'settings:erase': ({ confirm, keepBackups }) => {
      const host = requireHost()
      if (confirm !== ERASE_CONFIRMATION) {
        throw new ApiError('bad-request', `Type ${ERASE_CONFIRMATION} to confirm. Nothing was erased.`)
      }
      refuseWhileBusy()
      const db = requireDb(deps)
      // Kept backups get one more, so an erase by mistake can be undone from the list.
      if (keepBackups) takeBackup(db, deps.dbPath, 'before-erase')
      const dbPath = deps.dbPath
      const failed = host.reopen(dbPath, () => {
        removeDatabaseFiles(dbPath)
        if (!keepBackups) removeBackups(dbPath)
      })
      if (failed !== null)
        throw new ApiError('db-unavailable', `The data was erased, but a new database could not be started: ${failed}`)
      if (keepBackups) pruneBackups(dbPath)
      deps.log?.info('all data erased', { keptBackups: keepBackups })
      changed()
      return { erased: true, keptBackups: keepBackups }
    },

    'settings:open-folder': async ({ target }) => {
      const path = folderOf(target)
      if (target !== 'database') mkdirSync(path, { recursive: true })
      const opened = deps.host ? await deps.host.reveal(path, target === 'database' ? 'file' : 'folder') : false
      return { opened, path }
    },

    'diagnostics:get': () => ({ text: diagnostics() }),

    'diagnostics:copy': () => {
      const text = diagnostics()
      const copyText = deps.host?.copyText
      if (!copyText) return { copied: false, text }
      copyText(text)
      return { copied: true, text }
    },
  }
}

/** Backups follow the database to its new folder (copied, then the originals removed). */
function moveBackups(from: string, to: string): void {
  const target = backupsFolder(to)
  for (const file of listBackups(from)) {
    const name = basename(file)
    mkdirSync(target, { recursive: true })
    if (!existsSync(join(target, name))) copyFileSync(file, join(target, name))
    rmSync(file, { force: true })
  }
  removeFolderIfEmpty(backupsFolder(from))
}

function removeBackups(dbPath: string): void {
  for (const file of listBackups(dbPath)) rmSync(file, { force: true })
  removeFolderIfEmpty(backupsFolder(dbPath))
}

function removeFolderIfEmpty(folder: string): void {
  if (existsSync(folder) && readdirSync(folder).length === 0) rmdirSync(folder)
}
