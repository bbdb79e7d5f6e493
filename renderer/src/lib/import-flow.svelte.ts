/**
 * The import state every view shares: whether an import runs, its progress, the per-file
 * results of the last run, and a revision counter that views re-query on. One instance lives
 * in App.svelte and is handed to the views that need it.
 */
import type { FileRef, ImportOutcome, ImportProgress } from '../../../electron/shared/ipc'
import { errorMessage, fileRef, formatNumber, invoke, subscribe } from './api'

/** Speed of the file being imported, once there is enough of it to measure. */
export interface ImportEstimate {
  rowsPerSecond: number
  secondsLeft: number
}

/** Below this much time into a file, a speed estimate mostly measures start-up. */
const MIN_MEASURE_MS = 1000

export type MessageKind = 'success' | 'warning' | 'error'

export interface ImportMessage {
  id: number
  kind: MessageKind
  text: string
  detail: string | null
}

/** Some shells send the Import… menu command and deliver Ctrl/Cmd+O as a keydown too. */
const PICKER_DEBOUNCE_MS = 600

export class ImportFlow {
  busy = $state(false)
  /** The latest progress report of the running import; null before the first one arrives. */
  progress = $state.raw<ImportProgress | null>(null)
  estimate = $state.raw<ImportEstimate | null>(null)
  /** The user asked to stop; the run ends when the Node side has rolled the current file back. */
  cancelling = $state(false)
  messages = $state.raw<ImportMessage[]>([])
  /** Bumped whenever imports change; views re-query when it moves. */
  revision = $state(0)
  /** Set when imports cannot run at all (the database did not open); says why. */
  blockedReason = $state<string | null>(null)

  canImport = $derived(!this.busy && this.blockedReason === null)

  #input: HTMLInputElement | null = null
  #nextMessageId = 1
  #lastPickerOpen = 0
  /** `elapsedMs` (which counts from the start of the batch) when the current file began. */
  #file = { index: -1, startMs: 0, lastMs: 0 }

  /** Subscribes to the Node side's pushes; returns the unsubscribe for an `$effect`. */
  connect(): () => void {
    const stops = [
      subscribe('imports:progress', (progress) => {
        if (this.busy) this.#onProgress(progress)
      }),
      subscribe('imports:changed', () => {
        this.revision += 1
      }),
    ]
    return () => {
      for (const stop of stops) stop()
    }
  }

  /** Registers the one hidden file input (an attachment in App.svelte). */
  attachInput = (input: HTMLInputElement): (() => void) => {
    this.#input = input
    return () => {
      if (this.#input === input) this.#input = null
    }
  }

  openPicker(): void {
    if (!this.canImport || !this.#input) return
    const now = Date.now()
    if (now - this.#lastPickerOpen < PICKER_DEBOUNCE_MS) return
    this.#lastPickerOpen = now
    this.#input.click()
  }

  async importFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0 || !this.canImport) return
    await this.#run(async () => {
      const messages: ImportMessage[] = []
      const refs: FileRef[] = []
      for (const file of files) {
        try {
          refs.push(await fileRef(file))
        } catch (error) {
          messages.push(this.#message('error', withFileName(file.name, errorMessage(error))))
        }
      }
      if (this.cancelling) {
        // Stopped while the files were still being handed over; nothing reached the database.
        messages.push(this.#message('warning', 'Import cancelled; nothing was saved.'))
      } else if (refs.length > 0) {
        const outcomes = await invoke('imports:run', { files: refs })
        messages.push(...outcomes.map((outcome) => this.#fromOutcome(outcome)))
      }
      return messages
    })
  }

  /** Files the desktop app's native Import… dialog already turned into references. */
  async importRefs(refs: readonly FileRef[]): Promise<void> {
    if (refs.length === 0 || !this.canImport) return
    await this.#run(async () => {
      const outcomes = await invoke('imports:run', { files: [...refs] })
      return outcomes.map((outcome) => this.#fromOutcome(outcome))
    })
  }

  async importSample(): Promise<void> {
    if (!this.canImport) return
    await this.#run(async () => [this.#fromOutcome(await invoke('imports:sample', {}))])
  }

  async cancel(): Promise<void> {
    if (!this.busy || this.cancelling) return
    this.cancelling = true
    try {
      await invoke('imports:cancel', {})
    } catch (error) {
      this.cancelling = false
      this.messages = [...this.messages, this.#message('error', `Could not stop the import: ${errorMessage(error)}`)]
    }
  }

  dismiss(id: number): void {
    this.messages = this.messages.filter((message) => message.id !== id)
  }

  #onProgress(progress: ImportProgress): void {
    if (progress.fileIndex !== this.#file.index) {
      // The previous file's last report is the closest thing to this file's start.
      this.#file = { index: progress.fileIndex, startMs: this.#file.lastMs, lastMs: progress.elapsedMs }
    }
    this.#file.lastMs = progress.elapsedMs
    this.progress = progress
    const fileMs = progress.elapsedMs - this.#file.startMs
    if (fileMs < MIN_MEASURE_MS || progress.bytesRead <= 0 || progress.totalBytes <= 0) {
      this.estimate = null
      return
    }
    const bytesPerMs = progress.bytesRead / fileMs
    this.estimate = {
      rowsPerSecond: (progress.rows / fileMs) * 1000,
      secondsLeft: Math.max(0, (progress.totalBytes - progress.bytesRead) / bytesPerMs / 1000),
    }
  }

  async #run(work: () => Promise<ImportMessage[]>): Promise<void> {
    this.busy = true
    this.cancelling = false
    this.progress = null
    this.estimate = null
    this.#file = { index: -1, startMs: 0, lastMs: 0 }
    this.messages = []
    try {
      this.messages = await work()
    } catch (error) {
      this.messages = [this.#message('error', errorMessage(error))]
    } finally {
      this.busy = false
      this.cancelling = false
      this.progress = null
      this.estimate = null
      // Re-query even if the shell sent no imports:changed (a failed run changes nothing, but
      // an error such as a lost database is worth a fresh look).
      this.revision += 1
    }
  }

  #fromOutcome(outcome: ImportOutcome): ImportMessage {
    if (outcome.ok) {
      const summary = outcome.import
      const parts = [
        `${formatNumber(summary.invalid)} with Email Invalid`,
        `${formatNumber(summary.suspended)} suspended`,
      ]
      if (summary.skipped > 0) parts.push(`${formatNumber(summary.skipped)} skipped`)
      return this.#message(
        'success',
        `Imported ${formatNumber(summary.rows)} rows from ${outcome.fileName}`,
        `${parts.join(', ')}.`,
      )
    }
    // A stop the user asked for, or a file that was already imported, is not an error.
    const kind: MessageKind =
      outcome.error.code === 'duplicate' || outcome.error.code === 'cancelled' ? 'warning' : 'error'
    return this.#message(kind, withFileName(outcome.fileName, outcome.error.message))
  }

  #message(kind: MessageKind, text: string, detail: string | null = null): ImportMessage {
    return { id: this.#nextMessageId++, kind, text, detail }
  }
}

/** Error messages should name the file; prefix it when the Node side's message does not. */
function withFileName(fileName: string, message: string): string {
  return message.includes(fileName) ? message : `${fileName}: ${message}`
}
