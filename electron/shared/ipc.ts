/**
 * The one IPC contract between the renderer and the Node side. Electron's ipcMain, the browser
 * preview's HTTP bridge and the CLI all serve the handler table typed by `IpcHandlers`; the
 * preload and the renderer's client are derived from it, so a renamed channel fails to compile.
 */
import type { Reason, Verdict } from './classify/types'
import type { ColumnMapping, LeadField } from './lead-fields'

export interface AppInfo {
  version: string
  classifierVersion: string
  dbPath: string
  /** Set when the database could not be opened; the app still starts and shows this. */
  dbError: string | null
  /** `electron` in the desktop app, `web` in the browser preview. */
  shell: 'electron' | 'web'
}

export interface ImportSummary {
  id: number
  fileName: string
  listName: string
  /** The day the export was taken, `YYYY-MM-DD`. */
  snapshotDate: string
  snapshotDateSource: SnapshotDateSource
  importedAt: string
  rows: number
  invalid: number
  suspended: number
  skipped: number
}

export type SnapshotDateSource = 'file-name' | 'file-modified' | 'import-day' | 'user'

/** A file the Node side can read: the renderer turns a dropped or picked `File` into one. */
export interface FileRef {
  path: string
  /** The name the user knows the file by (an uploaded copy lives under another path). */
  name: string
  lastModifiedMs?: number
  /** Which column holds which field, when the user chose it in the mapping step. */
  mapping?: ColumnMapping
}

/** What the mapping step shows: the header, a few rows, and the columns the app recognised. */
export interface ImportPreview {
  fileName: string
  encoding: string
  delimiter: string
  header: string[]
  rows: string[][]
  mapping: ColumnMapping
  /** Where `mapping` came from; `none` when the app found no Email Address column. */
  source: 'header' | 'remembered' | 'none'
  required: LeadField[]
}

/** An import's report: what was skipped and why, and how the file was read. */
export interface ImportReportView {
  import: ImportSummary
  encoding: string
  delimiter: string
  columns: 'header' | 'chosen' | 'remembered'
  unknownColumns: string[]
  repeatedColumns: string[]
  blankRows: number
  duplicateEmails: number
  dateOrder: string | null
  skippedRows: { line: number; why: string }[]
  unreadableDates: { line: number; why: string }[]
}

export interface ImportRunRequest {
  files: FileRef[]
  /** Overrides the snapshot date found from the file name or its modified time. */
  snapshotDate?: string
}

export type ImportOutcome =
  | { ok: true; fileName: string; import: ImportSummary }
  | { ok: false; fileName: string; error: ApiErrorShape; duplicateOf?: number }

export interface VerdictCount {
  verdict: Verdict
  rows: number
}

export interface ReasonCount {
  reason: Reason
  rows: number
}

export interface Overview {
  latest: ImportSummary | null
  previous: ImportSummary | null
  byVerdict: VerdictCount[]
  byReason: ReasonCount[]
}

export type ApiErrorCode =
  | 'bad-request'
  | 'not-found'
  | 'bad-file'
  | 'duplicate'
  | 'cancelled'
  | 'needs-mapping'
  | 'db-unavailable'
  | 'unknown-channel'
  | 'internal'

export interface ApiErrorShape {
  code: ApiErrorCode
  message: string
}

/** What an import reports while it runs; `totalBytes` lets the UI draw a determinate bar. */
export interface ImportProgress {
  fileName: string
  fileIndex: number
  fileCount: number
  bytesRead: number
  totalBytes: number
  rows: number
  /** Since the batch started; with bytesRead/totalBytes the UI derives rows/s and time left. */
  elapsedMs: number
}

type NoRequest = Record<string, never>

/** channel → [request, response]. Every request is one plain object, so it can be validated. */
export interface IpcContract {
  'app:info': [NoRequest, AppInfo]
  'imports:list': [NoRequest, ImportSummary[]]
  'imports:run': [ImportRunRequest, ImportOutcome[]]
  'imports:sample': [NoRequest, ImportOutcome]
  'imports:inspect': [{ file: FileRef }, ImportPreview]
  'imports:report': [{ importId: number }, ImportReportView]
  /** Stops the running import batch; the file being imported leaves no trace. */
  'imports:cancel': [NoRequest, { cancelled: boolean }]
  'overview:get': [NoRequest, Overview]
}

export type Channel = keyof IpcContract
export type RequestOf<K extends Channel> = IpcContract[K][0]
export type ResponseOf<K extends Channel> = IpcContract[K][1]

export const CHANNELS = [
  'app:info',
  'imports:list',
  'imports:run',
  'imports:sample',
  'imports:cancel',
  'imports:inspect',
  'imports:report',
  'overview:get',
] as const satisfies readonly Channel[]

// Fails to compile when a channel is added to the contract but not to CHANNELS.
type MissingChannels = Exclude<Channel, (typeof CHANNELS)[number]>
const everyChannelListed: MissingChannels extends never ? true : MissingChannels = true
void everyChannelListed

/** main → renderer pushes. */
export interface IpcEvents {
  'imports:progress': ImportProgress
  'imports:changed': { importIds: number[] }
  /**
   * The native menu asks the renderer to do something it owns. `import-files` carries files the
   * user picked in main's open dialog (a file input cannot be opened without a click in the page).
   */
  'app:command': { command: 'import' | 'navigate'; view?: string } | { command: 'import-files'; files: FileRef[] }
}

export type EventName = keyof IpcEvents

export const EVENT_NAMES = [
  'imports:progress',
  'imports:changed',
  'app:command',
] as const satisfies readonly EventName[]

export type IpcHandlers = {
  [K in Channel]: (request: RequestOf<K>) => ResponseOf<K> | Promise<ResponseOf<K>>
}

/** Every answer crosses the boundary wrapped, because Electron's IPC drops Error subclasses. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape }

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export type RawInvoke = (channel: Channel, request: unknown) => Promise<Envelope<unknown>>
export type RawSubscribe = (event: EventName, listener: (payload: unknown) => void) => () => void

export interface IpcClient {
  invoke<K extends Channel>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>>
  on<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void
}

/** Builds the typed client over whatever transport carries envelopes (Electron IPC or HTTP). */
export function createIpcClient(rawInvoke: RawInvoke, rawSubscribe: RawSubscribe): IpcClient {
  return {
    async invoke<K extends Channel>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
      const envelope = await rawInvoke(channel, request)
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message)
      // The Node side validated the request and answered with this channel's response type.
      return envelope.value as ResponseOf<K>
    },
    on<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
      return rawSubscribe(event, (payload) => listener(payload as IpcEvents[E]))
    },
  }
}

/** The slice of a DOM `File` the shells need; spelled out because shared code has no DOM types. */
export interface DroppedFile {
  readonly name: string
  readonly size: number
  readonly lastModified: number
}

/** `window.api`: the typed client plus the one thing each shell does differently. */
export interface RendererApi extends IpcClient {
  /** Electron reads the dropped file in place; the browser preview uploads a copy first. */
  fileRef(file: DroppedFile): Promise<FileRef>
}
