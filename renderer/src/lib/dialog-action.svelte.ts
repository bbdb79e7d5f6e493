/**
 * The busy flag and error text of a dialog whose button asks the Node side to do something: the
 * button stays disabled while it runs, and a failure stays in the dialog instead of closing it.
 * Construct it while a component initialises: it owns an `$effect`.
 */
import { errorMessage } from './api'

export class DialogAction {
  busy = $state(false)
  error = $state<string | null>(null)

  /**
   * `openedOn` reads what the dialog is open for (its `open` flag, or the item it acts on); when
   * that changes the state starts over, so a dialog opened again does not show the last attempt.
   */
  constructor(openedOn: () => unknown) {
    $effect(() => {
      openedOn()
      this.busy = false
      this.error = null
    })
  }

  /** Runs `work` unless an earlier run is still going; a rejection becomes `error`. */
  async run(work: () => Promise<void>): Promise<void> {
    if (this.busy) return
    this.busy = true
    this.error = null
    try {
      await work()
    } catch (caught: unknown) {
      this.error = errorMessage(caught)
    } finally {
      this.busy = false
    }
  }
}
