/**
 * The watched-folder section's state: the Node side's status (kept fresh by `watch:changed`),
 * the folder typed in the browser preview, and the message of the last action.
 */
import type { Channel, RequestOf, ResponseOf } from '../../../../electron/shared/ipc'
import type { WatchStatus } from '../../../../electron/shared/watch'
import { errorMessage } from '../../lib/api'
import type { SettingsMessage } from './settings-state.svelte'

type Invoke = <K extends Channel>(channel: K, request: RequestOf<K>) => Promise<ResponseOf<K>>
type Subscribe = (listener: (status: WatchStatus) => void) => () => void

export class WatchState {
  status = $state.raw<WatchStatus | null>(null)
  /** The preview has no folder dialog: the folder is typed. */
  typed = $state('')
  message = $state<SettingsMessage | null>(null)
  working = $state(false)

  constructor(
    private readonly invoke: Invoke,
    private readonly subscribe: Subscribe,
  ) {}

  /** Loads the status and follows it; returns the unsubscribe for an `$effect`. */
  connect(): () => void {
    void this.invoke('watch:get', {}).then(
      (status) => this.show(status),
      (error: unknown) => (this.message = { area: 'watch', kind: 'error', text: errorMessage(error) }),
    )
    return this.subscribe((status) => this.show(status))
  }

  /** The desktop app asks with its folder dialog (no `typed`); the preview sends the typed path. */
  async choose(typed?: string): Promise<void> {
    await this.act(async () => {
      const before = this.status?.folder ?? null
      const status = await this.invoke('watch:choose', typed === undefined ? {} : { folder: typed })
      this.show(status)
      if (status.folder !== null && status.folder !== before) {
        this.message = { area: 'watch', kind: 'success', text: `Watching ${status.folder} for new exports.` }
      }
    })
  }

  async setEnabled(enabled: boolean): Promise<void> {
    await this.act(async () => {
      this.show(await this.invoke('watch:enable', { enabled }))
      this.message = null
    })
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.working = true
    this.message = null
    try {
      await work()
    } catch (error) {
      this.message = { area: 'watch', kind: 'error', text: errorMessage(error) }
    } finally {
      this.working = false
    }
  }

  private show(status: WatchStatus): void {
    this.status = status
    if (this.typed === '' && status.folder) this.typed = status.folder
  }
}

export const OUTCOME_LABELS = { imported: 'Imported', skipped: 'Skipped', failed: 'Not imported' } as const
