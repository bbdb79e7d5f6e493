/**
 * The Settings view's actions and what they leave behind (the line under a section, which button is
 * busy, which dialog is open). The view and its sections only draw this; the Node side is reached
 * through the `invoke` given, so the unit tests can pass a fake one.
 */
import { formatBytes } from '../../../../electron/shared/format'
import type {
  BackupInfo,
  Channel,
  FolderTarget,
  RequestOf,
  ResponseOf,
  SettingsInfo,
} from '../../../../electron/shared/ipc'
import { errorMessage, formatDateTime } from '../../lib/api'

/** The sections a message belongs to. Sections added later name themselves here. */
export type SettingsArea = 'data' | 'backups' | 'diagnostics' | 'erase' | (string & {})

export type MessageKind = 'success' | 'error' | 'info'

export interface SettingsMessage {
  area: SettingsArea
  kind: MessageKind
  text: string
}

export type Invoke = <K extends Channel>(channel: K, request: RequestOf<K>) => Promise<ResponseOf<K>>

export type Working = 'backup' | 'move' | 'folder' | 'copy' | null

export class SettingsState {
  message = $state<SettingsMessage | null>(null)
  working = $state<Working>(null)
  restoring = $state<BackupInfo | null>(null)
  moveOpen = $state(false)
  eraseOpen = $state(false)
  diagnosticsText = $state<string | null>(null)
  /** Bumped after an action, so the figures and the backup list re-read. */
  refresh = $state(0)

  readonly #invoke: Invoke
  readonly #copy: (text: string) => Promise<void>

  constructor(invoke: Invoke, copy: (text: string) => Promise<void>) {
    this.#invoke = invoke
    this.#copy = copy
  }

  say(area: SettingsArea, kind: MessageKind, text: string): void {
    this.message = { area, kind, text }
  }

  /** The message for a section, or null. */
  messageFor(area: SettingsArea): SettingsMessage | null {
    return this.message?.area === area ? this.message : null
  }

  async #run(working: Exclude<Working, null>, area: SettingsArea, action: () => Promise<void>): Promise<void> {
    this.working = working
    try {
      await action()
    } catch (error) {
      this.say(area, 'error', errorMessage(error))
    } finally {
      this.working = null
    }
  }

  backUpNow(): Promise<void> {
    return this.#run('backup', 'backups', async () => {
      const { backup } = await this.#invoke('settings:backup', {})
      this.say('backups', 'success', `Backed up (${formatBytes(backup.bytes)}).`)
      this.refresh += 1
    })
  }

  openFolder(target: FolderTarget, area: SettingsArea): Promise<void> {
    return this.#run('folder', area, async () => {
      const result = await this.#invoke('settings:open-folder', { target })
      if (!result.opened) this.say(area, 'info', `The browser preview cannot open folders. It is here: ${result.path}`)
    })
  }

  /** The desktop app asks for a folder with its own dialog; the browser preview asks in ours. */
  async move(info: SettingsInfo): Promise<void> {
    if (info.shell === 'web') {
      this.moveOpen = true
      return
    }
    await this.#run('move', 'data', async () => {
      const result = await this.#invoke('settings:move', {})
      if (result.moved) this.moved(result.dbPath)
    })
  }

  moved(dbPath: string): void {
    this.moveOpen = false
    this.say(
      'data',
      'success',
      `The database now lives at ${dbPath}. The old file was removed after the copy was checked.`,
    )
    this.refresh += 1
  }

  restored(safety: BackupInfo): void {
    this.restoring = null
    this.say(
      'backups',
      'success',
      `Restored. The data from just before is kept as a backup of ${safety.takenAt ? formatDateTime(safety.takenAt) : safety.name}.`,
    )
    this.refresh += 1
  }

  erased(keptBackups: boolean): void {
    this.eraseOpen = false
    this.say(
      'erase',
      'success',
      keptBackups
        ? 'All data was erased. The backups were kept, with one more taken just before; restore it to undo.'
        : 'All data and every backup were erased.',
    )
    this.refresh += 1
  }

  async copyDiagnostics(): Promise<void> {
    this.working = 'copy'
    try {
      const result = await this.#invoke('diagnostics:copy', {})
      this.diagnosticsText = result.text
      // The desktop app copies on its side; the browser preview copies here.
      if (!result.copied) await this.#copy(result.text)
      this.say('diagnostics', 'success', 'Diagnostics copied. Paste them into your message; the text is shown below.')
    } catch (error) {
      this.say('diagnostics', 'error', `Could not copy (${errorMessage(error)}). Select the text below and copy it.`)
    } finally {
      this.working = null
    }
  }
}

/** A folder next to the database's, offered as the browser preview's move target. */
export function siblingFolder(dbPath: string): string {
  const cut = Math.max(dbPath.lastIndexOf('/'), dbPath.lastIndexOf('\\'))
  return cut > 0 ? `${dbPath.slice(0, cut)}${dbPath[cut]}moved` : ''
}
