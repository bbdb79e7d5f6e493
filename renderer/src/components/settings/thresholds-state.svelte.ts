/**
 * The bounce-rate thresholds section's state: the stored values, what the user typed, and the
 * message of the last save. Kept apart from settings-state so the section owns its logic.
 */
import type { BounceRateThresholds } from '../../../../electron/shared/activity'
import type { Channel, RequestOf, ResponseOf } from '../../../../electron/shared/ipc'
import { errorMessage } from '../../lib/api'
import type { SettingsMessage } from './settings-state.svelte'

type Invoke = <K extends Channel>(channel: K, request: RequestOf<K>) => Promise<ResponseOf<K>>

export class ThresholdsState {
  lookCloser = $state(5)
  dataProblem = $state(10)
  message = $state<SettingsMessage | null>(null)
  saving = $state(false)

  constructor(private readonly invoke: Invoke) {}

  async load(): Promise<void> {
    try {
      this.show(await this.invoke('activity:thresholds', {}))
    } catch (error) {
      this.message = { area: 'thresholds', kind: 'error', text: errorMessage(error) }
    }
  }

  async save(): Promise<void> {
    this.saving = true
    try {
      const saved = await this.invoke('activity:set-thresholds', {
        lookCloser: Number(this.lookCloser),
        dataProblem: Number(this.dataProblem),
      })
      this.show(saved)
      this.message = {
        area: 'thresholds',
        kind: 'success',
        text: `Saved: above ${saved.lookCloser} % look closer, from ${saved.dataProblem} % a data problem.`,
      }
    } catch (error) {
      this.message = { area: 'thresholds', kind: 'error', text: errorMessage(error) }
    } finally {
      this.saving = false
    }
  }

  private show(thresholds: BounceRateThresholds): void {
    this.lookCloser = thresholds.lookCloser
    this.dataProblem = thresholds.dataProblem
  }
}
