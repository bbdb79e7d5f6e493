/**
 * The import state every view shares: whether an import runs, its progress, the per-file
 * results of the last run, and a revision counter that views re-query on. One instance lives
 * in App.svelte and is handed to the views that need it.
 */
import type { DayMonthOrder, FileRef, ImportOutcome, ImportPreview, ImportProgress } from '../../../electron/shared/ipc'
import { FIELD_LABELS, type ColumnMapping } from '../../../electron/shared/lead-fields'
import { errorMessage, fileRef, formatNumber, invoke, subscribe } from './api'

/** Speed of the file being imported, once there is enough of it to measure. */
export interface ImportEstimate {
  rowsPerSecond: number
  secondsLeft: number
}

/** Below this much time into a file, a speed estimate mostly measures start-up. */
const MIN_MEASURE_MS = 1000

const NO_FILE = { index: -1, startMs: 0, startBytes: 0, startRows: 0 }

export type MessageKind = 'success' | 'warning' | 'error'

export interface ImportMessage {
  id: number
  kind: MessageKind
  text: string
  detail: string | null
}

/** A file whose header names no Email Address column: the user is asked which columns to read. */
export interface MappingRequest {
  file: FileRef
  preview: ImportPreview
  /** 1-based place among the files of this run that need their columns chosen. */
  position: number
  count: number
}

/** A file whose dates fit both day-first and month-first: the user is asked which it is. */
export interface DateOrderRequest {
  file: FileRef
  /** A few of the file's dates, to judge by. */
  samples: string[]
  position: number
  count: number
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
  /** The file waiting for the user to choose its columns; the mapping dialog shows it. */
  mapping = $state.raw<MappingRequest | null>(null)
  /** The file waiting for the user to say how its dates are written; the date dialog shows it. */
  dateOrder = $state.raw<DateOrderRequest | null>(null)

  canImport = $derived(!this.busy && this.blockedReason === null)

  #input: HTMLInputElement | null = null
  #nextMessageId = 1
  #lastPickerOpen = 0
  #answerMapping: ((mapping: ColumnMapping | null) => void) | null = null
  #answerDateOrder: ((order: DayMonthOrder | null) => void) | null = null
  /** The current file's first report: `elapsedMs` (counted from the batch's start), bytes and rows. */
  #file = { ...NO_FILE }

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
      const refs: FileRef[] = []
      for (const file of files) {
        try {
          refs.push(await fileRef(file))
        } catch (error) {
          this.#say(this.#message('error', withFileName(file.name, errorMessage(error))))
        }
      }
      if (this.cancelling) {
        // Stopped while the files were still being handed over; nothing reached the database.
        this.#say(this.#message('warning', 'Import cancelled; nothing was saved.'))
      } else if (refs.length > 0) {
        await this.#importBatch(refs)
      }
    })
  }

  /** Files the desktop app's native Import… dialog already turned into references. */
  async importRefs(refs: readonly FileRef[]): Promise<void> {
    if (refs.length === 0 || !this.canImport) return
    await this.#run(() => this.#importBatch(refs))
  }

  async importSample(): Promise<void> {
    if (!this.canImport) return
    await this.#run(async () => {
      this.#say(this.#fromOutcome(await invoke('imports:sample', {})))
    })
  }

  /** The mapping dialog's answer: the columns to import the file with, or null to skip it. */
  answerMapping(mapping: ColumnMapping | null): void {
    const answer = this.#answerMapping
    this.#answerMapping = null
    this.mapping = null
    answer?.(mapping)
  }

  answerDateOrder(order: DayMonthOrder | null): void {
    const answer = this.#answerDateOrder
    this.#answerDateOrder = null
    this.dateOrder = null
    answer?.(order)
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
      // Measured from the file's first report, so that starting the worker and hashing the file
      // (which read no rows) do not make the speed look slower and the time left longer.
      this.#file = {
        index: progress.fileIndex,
        startMs: progress.elapsedMs,
        startBytes: progress.bytesRead,
        startRows: progress.rows,
      }
    }
    this.progress = progress
    const fileMs = progress.elapsedMs - this.#file.startMs
    const bytes = progress.bytesRead - this.#file.startBytes
    if (fileMs < MIN_MEASURE_MS || bytes <= 0 || progress.totalBytes <= 0) {
      this.estimate = null
      return
    }
    const bytesPerMs = bytes / fileMs
    this.estimate = {
      rowsPerSecond: ((progress.rows - this.#file.startRows) / fileMs) * 1000,
      secondsLeft: Math.max(0, (progress.totalBytes - progress.bytesRead) / bytesPerMs / 1000),
    }
  }

  /**
   * Imports the files; those whose columns the app could not find are then asked about one after
   * the other and imported again with the columns the user chose. The same references are reused,
   * so the browser preview does not upload a file twice.
   */
  async #importBatch(refs: readonly FileRef[]): Promise<void> {
    const outcomes = await invoke('imports:run', { files: [...refs] })
    const questions: { ref: FileRef; outcome: ImportOutcome }[] = []
    outcomes.forEach((outcome, index) => {
      const ref = refs[index]?.name === outcome.fileName ? refs[index] : refs.find((r) => r.name === outcome.fileName)
      if (ref && needsAnswer(outcome)) questions.push({ ref, outcome })
      else this.#say(this.#fromOutcome(outcome))
    })
    for (const [index, { ref, outcome }] of questions.entries()) {
      // After a cancel the user is not asked about the files that are left.
      if (this.cancelling) this.#say(this.#message('warning', `${ref.name}: not imported; the import was cancelled.`))
      else await this.#askAndRetry(ref, outcome, index + 1, questions.length)
    }
  }

  /**
   * Asks what the file could not tell (its columns, then how its dates are written) and imports
   * it again with each answer, until it imports, fails for another reason, or the user declines.
   */
  async #askAndRetry(ref: FileRef, first: ImportOutcome, position: number, count: number): Promise<void> {
    let current = ref
    let outcome: ImportOutcome | undefined = first
    while (outcome && needsAnswer(outcome) && !this.cancelling) {
      const code = outcome.ok ? null : outcome.error.code
      const answered =
        code === 'needs-mapping'
          ? await this.#askMapping(current, position, count)
          : code === 'partial-file' && !outcome.ok
            ? this.#askPartial(current, outcome.error.message)
            : await this.#askDateOrder(current, position, count)
      if (answered === null) return
      current = answered
      this.#resetProgress()
      ;[outcome] = await invoke('imports:run', { files: [current] })
    }
    if (outcome) this.#say(this.#fromOutcome(outcome))
  }

  /**
   * A file cut off inside a row is refused; only the user knows whether its complete rows are
   * worth a snapshot. Asked with the platform's confirm (a native dialog in the desktop app).
   */
  #askPartial(ref: FileRef, refusal: string): FileRef | null {
    const anyway = window.confirm(
      `${refusal}\n\nImport its complete rows anyway? The cut-off row is skipped and listed in the import's report.`,
    )
    if (!anyway) {
      this.#say(this.#message('error', withFileName(ref.name, refusal)))
      return null
    }
    return { ...ref, allowPartial: true }
  }

  async #askDateOrder(ref: FileRef, position: number, count: number): Promise<FileRef | null> {
    let samples: string[] = []
    try {
      samples = (await invoke('imports:inspect', { file: ref })).dateSamples
    } catch {
      // The question still makes sense without examples.
    }
    const order = await new Promise<DayMonthOrder | null>((resolve) => {
      this.#answerDateOrder = resolve
      this.dateOrder = { file: ref, samples, position, count }
    })
    if (order === null) {
      this.#say(this.#message('warning', `${ref.name}: not imported; the order of its dates was not chosen.`))
      return null
    }
    return { ...ref, dateOrder: order }
  }

  async #askMapping(ref: FileRef, position: number, count: number): Promise<FileRef | null> {
    let preview: ImportPreview
    try {
      preview = await invoke('imports:inspect', { file: ref })
    } catch (error) {
      this.#say(this.#message('error', withFileName(ref.name, errorMessage(error))))
      return null
    }
    const chosen = await new Promise<ColumnMapping | null>((resolve) => {
      this.#answerMapping = resolve
      this.mapping = { file: ref, preview, position, count }
    })
    if (chosen === null) {
      this.#say(
        this.#message(
          'warning',
          `${ref.name}: not imported; no column was chosen for ${FIELD_LABELS.email}.`,
          'Import the file again to choose its columns.',
        ),
      )
      return null
    }
    return { ...ref, mapping: chosen }
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.busy = true
    this.cancelling = false
    this.#resetProgress()
    this.messages = []
    try {
      await work()
    } catch (error) {
      this.#say(this.#message('error', errorMessage(error)))
    } finally {
      this.busy = false
      this.cancelling = false
      this.#resetProgress()
      // Re-query even if the shell sent no imports:changed (a failed run changes nothing, but
      // an error such as a lost database is worth a fresh look).
      this.revision += 1
    }
  }

  /** Each `imports:run` counts `elapsedMs` and `fileIndex` from its own start. */
  #resetProgress(): void {
    this.progress = null
    this.estimate = null
    this.#file = { ...NO_FILE }
  }

  /** Shows a result as soon as it is known, while later files may still be running. */
  #say(message: ImportMessage): void {
    this.messages = [...this.messages, message]
  }

  #fromOutcome(outcome: ImportOutcome): ImportMessage {
    if (outcome.ok && outcome.kind === 'activities') {
      // Recognised by its header: the events went to the activity history, not to a snapshot.
      const summary = outcome.activities
      const parts = [
        `${formatNumber(summary.newEvents)} new`,
        `${formatNumber(summary.events - summary.newEvents)} already stored`,
      ]
      if (summary.ignored > 0) parts.push(`${formatNumber(summary.ignored)} of other types left out`)
      return this.#message(
        'success',
        `Imported ${formatNumber(summary.events)} ${summary.events === 1 ? 'event' : 'events'} from ${outcome.fileName} into Bounce activity`,
        `${parts.join(', ')}.`,
      )
    }
    if (outcome.ok) {
      const summary = outcome.import
      const parts = [
        `${formatNumber(summary.invalid)} with Email Invalid`,
        `${formatNumber(summary.suspended)} suspended`,
      ]
      if (summary.skipped > 0) parts.push(`${formatNumber(summary.skipped)} skipped`)
      return this.#message(
        'success',
        `Imported ${formatNumber(summary.rows)} ${summary.rows === 1 ? 'row' : 'rows'} from ${outcome.fileName}`,
        `${parts.join(', ')}.`,
      )
    }
    // A stop the user asked for, or a file that was already imported, is not an error. Files the
    // batch did not reach after a cancel come back as bad-file ("not imported; … cancelled").
    const code = outcome.error.code
    const kind: MessageKind =
      code === 'duplicate' || code === 'cancelled' || (this.cancelling && code === 'bad-file') ? 'warning' : 'error'
    return this.#message(kind, withFileName(outcome.fileName, outcome.error.message))
  }

  #message(kind: MessageKind, text: string, detail: string | null = null): ImportMessage {
    return { id: this.#nextMessageId++, kind, text, detail }
  }
}

function needsAnswer(outcome: ImportOutcome): boolean {
  return !outcome.ok && ['needs-mapping', 'needs-date-order', 'partial-file'].includes(outcome.error.code)
}

/** Error messages should name the file; prefix it when the Node side's message does not. */
function withFileName(fileName: string, message: string): string {
  return message.includes(fileName) ? message : `${fileName}: ${message}`
}
