/**
 * The one IPC contract between the renderer and the Node side. Electron's ipcMain, the browser
 * preview's HTTP bridge and the CLI all serve the handler table typed by `IpcHandlers`; the
 * preload and the renderer's client are derived from it, so a renamed channel fails to compile.
 */
import type { Reason, Verdict } from './classify/types'
import type { ColumnMapping, LeadField } from './lead-fields'
import type {
  ActivityBreakdown,
  ActivityImportSummary,
  ActivityTotals,
  ActivityTrendPoint,
  BounceRate,
  BounceRateThresholds,
  BreakdownBy,
  RateGroup,
  TrendBucket,
  CategoryDisagreement,
  LeadEvent,
  PolicyOptions,
  PolicyPreview,
  SnapshotFlaggedLead,
  SnapshotRule,
} from './activity'
import type { WatchStatus } from './watch'

export interface AppInfo {
  version: string
  classifierVersion: string
  dbPath: string
  /** Set when the database could not be opened; the app still starts and shows this. */
  dbError: string | null
  /** Plain sentences about the database the user should read once, e.g. a damaged file set aside. */
  notices: string[]
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
  /** How to read dates like 03/04/2025, when the user was asked because the file could not tell. */
  dateOrder?: DayMonthOrder
  /** Import a file that ends inside a row (refused as `partial-file`) anyway, once the user agreed. */
  allowPartial?: boolean
}

export type DayMonthOrder = 'day-first' | 'month-first'

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
  /** Email Suspended At values like 03/04/2025 from the start of the file, to ask day or month first. */
  dateSamples: string[]
}

/** An import's report: what was skipped and why, and how the file was read. */
export interface ImportReportView {
  import: ImportSummary
  encoding: string
  delimiter: string
  /** Whether the columns came from the header's labels, the user's mapping, or a remembered one. */
  columns: 'header' | 'chosen' | 'remembered'
  unknownColumns: string[]
  repeatedColumns: string[]
  blankRows: number
  /** Rows whose address another lead in the same file also has (Marketo allows it). */
  duplicateEmails: number
  /** How day and month were told apart in slash dates, e.g. `day-first (values)`; null without such dates. */
  dateOrder: string | null
  /** The first skipped rows with their line numbers; the summary's `skipped` has the full count. */
  skippedRows: { line: number; why: string }[]
  /** Email Suspended At values that are not a date; stored as empty. */
  unreadableDates: { line: number; why: string }[]
}

export interface ImportRunRequest {
  files: FileRef[]
  /** Overrides the snapshot date found from the file name or its modified time. */
  snapshotDate?: string
}

/**
 * One file's result. A Bulk Activity Extract file is told apart by its header and goes to the
 * activity history (`kind: 'activities'`); a lead export becomes a snapshot (`import`).
 */
export type ImportOutcome =
  | { ok: true; kind: 'leads'; fileName: string; import: ImportSummary }
  | { ok: true; kind: 'activities'; fileName: string; activities: ActivityImportSummary }
  | { ok: false; fileName: string; error: ApiErrorShape; duplicateOf?: number }

export interface VerdictCount {
  verdict: Verdict
  rows: number
}

export interface ReasonCount {
  reason: Reason
  rows: number
}

/**
 * Reasons gathered into the few groups a chart can stack: who has to act differs per group
 * (remove the address, wait, or fix the sending side).
 */
export const REASON_GROUPS = ['address', 'mailbox', 'reputation', 'content', 'temporary', 'other'] as const
export type ReasonGroup = (typeof REASON_GROUPS)[number]

/** A figure of the latest snapshot next to the same figure of the previous snapshot of its list. */
export interface Compared {
  latest: number
  /** Null when the list has no earlier snapshot. */
  previous: number | null
}

export interface KeyCompared extends Compared {
  key: string
}

/** Bounces at one mailbox provider, as a share of that provider's addresses in the snapshot. */
export interface ProviderCompared extends KeyCompared {
  addresses: Compared
  /** invalid / addresses, 0..1; null without addresses. */
  rate: { latest: number | null; previous: number | null }
}

export interface OverviewComparison {
  rows: Compared
  invalid: Compared
  suspended: Compared
  /** Email Suspended with Email Suspended At no more than 24 hours before the snapshot day ended. */
  suspendedWithin24h: Compared
  suspendedOlder: Compared
  /** Email Invalid rows whose cause says the address itself is undeliverable. */
  hardBounces: Compared
  /** hardBounces / rows, 0..1. */
  hardBounceRate: { latest: number | null; previous: number | null }
  /** Email Invalid now and not in the previous snapshot of the list (null without one). */
  newlyInvalid: number | null
  /** Email Invalid in the previous snapshot, still present and no longer invalid. */
  recovered: number | null
}

export const ACTION_KINDS = ['remove', 'review-sender-blocks', 'provider-rise', 'retry', 'review-unclear'] as const
export type ActionKind = (typeof ACTION_KINDS)[number]

/** One thing the marketer should do, with the explorer filter that lists the rows behind it. */
export interface ActionItem {
  kind: ActionKind
  count: number
  /** A plain sentence, ready to show. */
  sentence: string
  explorer: ExplorerFilters & { importId: number }
}

export interface Overview {
  latest: ImportSummary | null
  /** The previous snapshot of the latest snapshot's list. */
  previous: ImportSummary | null
  byVerdict: VerdictCount[]
  byReason: ReasonCount[]
  /** Null without any import. */
  comparison: OverviewComparison | null
  verdicts: (Compared & { verdict: Verdict })[]
  reasonGroups: (Compared & { group: ReasonGroup })[]
  /** Domains with the most Email Invalid rows in the latest snapshot (at most 10). */
  topDomains: KeyCompared[]
  /** Providers with the most Email Invalid rows in the latest snapshot (at most 10). */
  topProviders: ProviderCompared[]
  actionItems: ActionItem[]
}

export interface ImportUpdateRequest {
  importId: number
  /** Renames the import's list (every snapshot of it). */
  listName?: string
  /** Corrects the snapshot date; the snapshot moves to its place in the list. */
  snapshotDate?: string
}

export interface NewlyInvalidEntry {
  importId: number
  /** The snapshot compared with: the previous one of the same list; null for a list's first. */
  previousImportId: number | null
  newlyInvalid: number | null
  recovered: number | null
}

export interface ImportCounts {
  importId: number
  /** Email Invalid rows per reason / verdict (from the tallies stored at import). */
  byReason: Record<string, number>
  byVerdict: Record<string, number>
}

export interface TrendsRequest {
  /** Snapshot dates, inclusive, `YYYY-MM-DD`. */
  from?: string
  to?: string
  /**
   * Row-level filters: a domain, a provider key, a reason, a verdict. A domain gathers its
   * subdomains (acme.co.uk: mail.acme.co.uk too) unless `exactDomains`.
   */
  domain?: string
  provider?: string
  reason?: Reason
  verdict?: Verdict
  /** Defaults to the list of the newest import. */
  listId?: number
  /**
   * Domains as written: mail.acme.co.uk apart from acme.co.uk, in the filter and in `byDomain`.
   * By default a subdomain counts under its registrable domain (the Public Suffix List).
   */
  exactDomains?: boolean
}

export interface TrendPoint {
  importId: number
  snapshotDate: string
  /** Rows in the snapshot; with a domain or provider filter, the rows of those addresses. */
  rows: number
  invalid: number
  suspended: number
  /** invalid / rows and suspended / rows, 0..1; null without rows. */
  invalidRate: number | null
  suspendedRate: number | null
  /** Email Invalid rows per group / reason / provider / reply code / enhanced status / domain. */
  byReasonGroup: Record<ReasonGroup, number>
  byReason: Record<string, number>
  byProvider: Record<string, number>
  byReply: Record<string, number>
  byStatus: Record<string, number>
  byDomain: Record<string, number>
  /** Null for the list's first snapshot. */
  newlyInvalid: number | null
  recovered: number | null
}

export interface TrendSeries {
  listId: number | null
  listName: string | null
  lists: { id: number; name: string }[]
  /** True when the figures came from scanning rows, false when from the stored tallies. */
  rowLevel: boolean
  points: TrendPoint[]
}

export const EXPLORER_SORTS = ['email', 'domain'] as const
export type ExplorerSort = (typeof EXPLORER_SORTS)[number]

/** Address hygiene findings (issue 17), as stored per lead. */
export const HYGIENE_FLAGS = ['typo', 'role', 'disposable', 'malformed'] as const
export type HygieneFlag = (typeof HYGIENE_FLAGS)[number]
/** The Leads filter: one finding, or `any` of them. */
export const HYGIENE_FILTERS = [...HYGIENE_FLAGS, 'any'] as const
export type HygieneFilter = (typeof HYGIENE_FILTERS)[number]

/** A snapshot's address hygiene in numbers (the Overview card). */
export interface HygieneSummary {
  importId: number
  /** Leads with any finding. */
  leads: number
  typo: number
  /** Likely typos among the leads marked Email Invalid. */
  typoInvalid: number
  role: number
  disposable: number
  malformed: number
}

export interface ExplorerFilters {
  /** An address prefix, or a domain prefix (`@gmail` or `gmail.c`). */
  search?: string
  /** Cause filters match Email Invalid rows by their Email Invalid Cause. */
  reason?: Reason
  /** A reason group (what the cause asks of the sender): every reason of the group. */
  reasonGroup?: ReasonGroup
  verdict?: Verdict
  /** A reply code (`550`) or an enhanced status (`5.1.1`). */
  code?: string
  provider?: string
  invalid?: boolean
  suspended?: boolean
  /** Leads with this address finding (`any`: with any). */
  hygiene?: HygieneFilter
}

export interface ExplorerPageRequest extends ExplorerFilters {
  importId: number
  sort?: ExplorerSort
  /** `nextCursor` of the previous page. */
  after?: string
  /** 1..200, default 50. */
  limit?: number
}

export interface ExplorerRow {
  leadId: number
  email: string
  domain: string
  invalid: boolean
  suspended: boolean
  suspendedAt: string | null
  /** The Email Invalid Cause text (null without one). */
  causeText: string | null
  reason: Reason | null
  verdict: Verdict | null
  status: string | null
  replyCode: number | null
  hardBounce: boolean | null
  /** The address's mailbox provider, else the one the cause names, else `other`. */
  provider: string
  suspendedCauseText: string | null
  /** Address findings (empty for a clean address). */
  hygiene: HygieneFlag[]
  /** For a likely typo: the address it probably meant. */
  suggestion: string | null
}

export interface ExplorerPage {
  rows: ExplorerRow[]
  nextCursor: string | null
  total: number
  /** False when `total` was capped at `TOTAL_CAP` (more rows match) or estimated from tallies. */
  totalExact: boolean
}

/** A lead's state in one snapshot. */
export interface LeadSnapshotState {
  invalid: boolean
  suspended: boolean
  suspendedAt: string | null
  causeText: string | null
  reason: Reason | null
  verdict: Verdict | null
  status: string | null
  replyCode: number | null
  hardBounce: boolean | null
  suspendedCauseText: string | null
}

export const LEAD_CHANGE_KINDS = [
  'appeared',
  'became-invalid',
  'recovered',
  'cause-changed',
  'became-suspended',
  'unsuspended',
] as const
export type LeadChangeKind = (typeof LEAD_CHANGE_KINDS)[number]

export interface TimelineEntry extends LeadSnapshotState {
  importId: number
  listId: number
  listName: string
  snapshotDate: string
  /** What differs from the previous snapshot of the same list (empty when nothing). */
  changes: LeadChangeKind[]
}

export interface LeadTimeline {
  lead: { id: number; email: string; domain: string; marketoId: string | null }
  /** Oldest first; every snapshot the lead is in. */
  entries: TimelineEntry[]
  /** Snapshots of the lead's lists it is missing from after having been in one. */
  absences: { importId: number; listId: number; snapshotDate: string }[]
}

export const DIFF_KINDS = [
  'newlyInvalid',
  'recovered',
  'stillInvalid',
  'newlySuspended',
  'appeared',
  'disappeared',
] as const
export type DiffKind = (typeof DIFF_KINDS)[number]

export interface DiffRequest {
  importA: number
  importB: number
}

export type DiffCounts = Record<DiffKind, number> & { importA: ImportSummary; importB: ImportSummary }

export interface DiffRowsRequest extends DiffRequest {
  kind: DiffKind
  /** `nextCursor` of the previous page (a lead id). */
  after?: number
  limit?: number
}

export interface DiffRow {
  leadId: number
  email: string
  domain: string
  before: LeadSnapshotState | null
  after: LeadSnapshotState | null
}

export interface DiffRows {
  rows: DiffRow[]
  nextCursor: number | null
  total: number
}

export type ApiErrorCode =
  | 'bad-request'
  | 'not-found'
  | 'bad-file'
  | 'duplicate'
  | 'cancelled'
  | 'needs-mapping'
  | 'needs-date-order'
  /** The file ends inside a row, as a broken download does; `allowPartial` imports its complete rows. */
  | 'partial-file'
  | 'db-unavailable'
  /** A write ran out of disk space; nothing was changed. */
  | 'disk-full'
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

/** Which leads an export covers: one snapshot (default: the newest) or the snapshots in a date range. */
export interface LeadListExportRequest {
  importId?: number
  from?: string
  to?: string
}

/** `saved: false` when the user closed the save dialog. */
export type LeadListExportResponse = { saved: true; rows: number; path: string } | { saved: false }

export const REPORT_FORMATS = ['html', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** A report of one snapshot (default: the newest) or of a period, as HTML or PDF. */
export interface ReportSaveRequest extends LeadListExportRequest {
  format: ReportFormat
  /** With a date range: the list to report on (default: the list of the range's newest snapshot). */
  listId?: number
  /** With a date range: the Trends view's row filters, which the report's charts and per-export table follow. */
  domain?: string
  provider?: string
  reason?: Reason
  verdict?: Verdict
}

/** `saved: false` when the user closed the save dialog. */
export type ReportSaveResponse = { saved: true; path: string; format: ReportFormat; bytes: number } | { saved: false }

/** The newest snapshot of one list: what a code's `latestRows` counts. */
export interface CodeUsageSnapshot {
  importId: number
  listName: string
  snapshotDate: string
}

/** How often one reply code or enhanced status code occurs in the user's own Email Invalid rows. */
export interface CodeUsage {
  /** `550` or `5.1.1`, exactly as the explorer's `code` filter takes it. */
  code: string
  /** Email Invalid rows with the code in the newest snapshot of each list. */
  latestRows: number
  /** The same per newest snapshot (only those where the code occurs), for links into the explorer. */
  latestByImport: { importId: number; rows: number }[]
  /** Email Invalid rows with the code summed over every snapshot: a lead counts once per snapshot it is in. */
  allRows: number
  /** Up to 3 real cause texts with the code, the most frequent first (shorter first on a tie). */
  examples: string[]
}

export interface CodeUsageSummary {
  latestSnapshots: CodeUsageSnapshot[]
  /** How many snapshots `allRows` sums over. */
  snapshotCount: number
  /** Only the codes that occur; a catalog code missing here has no rows. */
  codes: CodeUsage[]
}

/** Why a backup was made; read from its file name. */
export type BackupKind = 'manual' | 'before-update' | 'before-restore' | 'before-erase' | 'other'

/** One backup of the database in the backups folder. */
export interface BackupInfo {
  /** The file name; the only way to name a backup in a request, so no request can point elsewhere. */
  name: string
  /** When it was taken (ISO), read from the name; null when the name carries no time. */
  takenAt: string | null
  bytes: number
  kind: BackupKind
}

/** How much history the database holds; never any of the data itself. */
export interface DataCounts {
  imports: number
  leads: number
  /** Rows over every imported snapshot. */
  rows: number
}

/** The Settings view's picture of where the data lives. */
export interface SettingsInfo {
  dbPath: string
  /** The database file with its write-ahead log, in bytes. */
  bytes: number
  /** Null when the database is not open. */
  counts: DataCounts | null
  backupsFolder: string
  /** Newest first. */
  backups: BackupInfo[]
  /** How many of the backups made here are kept; older ones are deleted. */
  backupsKept: number
  logFolder: string | null
  /** Restore, move and erase wait for this to be false. */
  importRunning: boolean
  shell: 'electron' | 'web'
}

export interface MoveRequest {
  /**
   * The folder to move the database into. The desktop app ignores it and asks with the native
   * folder dialog; the browser preview, which has none, needs it (an absolute path).
   */
  folder?: string
}

export type MoveResponse = { moved: true; dbPath: string } | { moved: false }

/** The words the user must type before everything is erased; checked on the Node side too. */
export const ERASE_CONFIRMATION = 'ERASE'

export interface EraseRequest {
  /** Must equal `ERASE_CONFIRMATION`. */
  confirm: string
  /** Keep the backups folder; a last backup is taken first, so the erase can be undone. */
  keepBackups: boolean
}

export const FOLDER_TARGETS = ['database', 'backups', 'logs'] as const
export type FolderTarget = (typeof FOLDER_TARGETS)[number]

/** What the user can paste into a support request: versions, sizes and counts, recent errors; no lead data. */
export interface Diagnostics {
  text: string
}

/** channel → [request, response]. Every request is one plain object, so it can be validated. */
export interface IpcContract {
  /** Bounce activity history (Bulk Activity Extract files) and the policies over it. */
  'activity:import': [{ file: FileRef }, ActivityImportSummary]
  'activity:summary': [NoRequest, ActivityTotals]
  'activity:disagreements': [{ limit?: number }, CategoryDisagreement[]]
  'activity:lead-events': [{ leadId: number }, LeadEvent[]]
  'activity:policy-preview': [PolicyOptions, PolicyPreview]
  /** The flagged leads as a CSV for a Marketo static list. */
  'activity:policy-export': [PolicyOptions, LeadListExportResponse]
  'activity:snapshot-rule': [SnapshotRule, SnapshotFlaggedLead[]]
  'activity:trends': [{ bucket: TrendBucket }, ActivityTrendPoint[]]
  'activity:bounce-rates': [{ group: RateGroup }, BounceRate[]]
  /** Bounces by event day or week, split by verdict, Category, provider or domain. */
  'activity:breakdown': [{ bucket: TrendBucket; by: BreakdownBy }, ActivityBreakdown]
  'activity:thresholds': [NoRequest, BounceRateThresholds]
  'activity:set-thresholds': [BounceRateThresholds, BounceRateThresholds]
  'app:info': [NoRequest, AppInfo]
  'imports:list': [NoRequest, ImportSummary[]]
  'imports:run': [ImportRunRequest, ImportOutcome[]]
  'imports:sample': [NoRequest, ImportOutcome]
  'imports:inspect': [{ file: FileRef }, ImportPreview]
  'imports:report': [{ importId: number }, ImportReportView]
  /** CSVs Marketo can import: leads to remove, and leads marked invalid for sender-side reasons to review. */
  'exports:remove-list': [LeadListExportRequest, LeadListExportResponse]
  'exports:review-list': [LeadListExportRequest, LeadListExportResponse]
  /** Likely typos of one snapshot (default: the newest) with the address each probably meant: Marketo Id, old, suggested. */
  'exports:fix-list': [{ importId?: number }, LeadListExportResponse]
  /** A snapshot's address findings in numbers (default: the newest); null without any snapshot. */
  'hygiene:summary': [{ importId?: number }, HygieneSummary | null]
  /** The overview numbers, trend charts and action items as one file to mail; PDF only where Chromium prints (the desktop app). */
  'reports:save': [ReportSaveRequest, ReportSaveResponse]
  /** Stops the running import batch; the file being imported leaves no trace. */
  'imports:cancel': [NoRequest, { cancelled: boolean }]
  'overview:get': [NoRequest, Overview]
  /** Renames the list or corrects the snapshot date (the snapshot moves to its place in the list). */
  'imports:update': [ImportUpdateRequest, ImportSummary]
  /** Deletes a snapshot; the rest of its list's history is unchanged. */
  'imports:delete': [{ importId: number }, { deleted: ImportSummary }]
  'history:newly-invalid': [{ listId?: number }, NewlyInvalidEntry[]]
  'history:counts': [NoRequest, ImportCounts[]]
  'trends:series': [TrendsRequest, TrendSeries]
  'explorer:page': [ExplorerPageRequest, ExplorerPage]
  'leads:timeline': [{ leadId: number }, LeadTimeline]
  'diff:get': [DiffRequest, DiffCounts]
  'diff:rows': [DiffRowsRequest, DiffRows]
  /** Every reply code and enhanced status in the user's history, with row counts and example texts. */
  'codes:usage': [NoRequest, CodeUsageSummary]
  /** Where the data lives, how big it is, and its backups. */
  'settings:get': [NoRequest, SettingsInfo]
  'settings:backup': [NoRequest, { backup: BackupInfo }]
  /** Replaces the data with a backup; the current data is backed up first. */
  'settings:restore': [{ name: string }, { restoredFrom: string; safetyBackup: BackupInfo }]
  'settings:move': [MoveRequest, MoveResponse]
  'settings:erase': [EraseRequest, { erased: true; keptBackups: boolean }]
  /** Shows the folder in the file manager (desktop app); the preview answers `opened: false` and the path. */
  'settings:open-folder': [{ target: FolderTarget }, { opened: boolean; path: string }]
  'diagnostics:get': [NoRequest, Diagnostics]
  /** Copies the diagnostics to the clipboard on the Node side (desktop app); `copied: false` in the preview. */
  'diagnostics:copy': [NoRequest, { copied: boolean; text: string }]
  /** The watched folder (Settings): its choice and the files handled in this run. */
  'watch:get': [NoRequest, WatchStatus]
  /** Chooses the folder and switches watching on; the desktop app asks with the native dialog, the preview needs `folder`. */
  'watch:choose': [{ folder?: string }, WatchStatus]
  'watch:enable': [{ enabled: boolean }, WatchStatus]
}

export type Channel = keyof IpcContract
export type RequestOf<K extends Channel> = IpcContract[K][0]
export type ResponseOf<K extends Channel> = IpcContract[K][1]

/** The channels the Settings view uses; their handlers live apart (main/settings/) because they reopen the database. */
export const SETTINGS_CHANNELS = [
  'settings:get',
  'settings:backup',
  'settings:restore',
  'settings:move',
  'settings:erase',
  'settings:open-folder',
  'diagnostics:get',
  'diagnostics:copy',
] as const satisfies readonly Channel[]
export type SettingsChannel = (typeof SETTINGS_CHANNELS)[number]

/** The activity history's channels; their handlers live in main/activity/. */
export const ACTIVITY_CHANNELS = [
  'activity:import',
  'activity:summary',
  'activity:disagreements',
  'activity:lead-events',
  'activity:policy-preview',
  'activity:policy-export',
  'activity:snapshot-rule',
  'activity:trends',
  'activity:bounce-rates',
  'activity:breakdown',
  'activity:thresholds',
  'activity:set-thresholds',
] as const satisfies readonly Channel[]
export type ActivityChannel = (typeof ACTIVITY_CHANNELS)[number]

export const CHANNELS = [
  'app:info',
  'imports:list',
  'imports:run',
  'imports:sample',
  'imports:cancel',
  'imports:inspect',
  'imports:report',
  'exports:remove-list',
  'exports:review-list',
  'exports:fix-list',
  'hygiene:summary',
  'reports:save',
  'overview:get',
  'imports:update',
  'imports:delete',
  'history:newly-invalid',
  'history:counts',
  'trends:series',
  'explorer:page',
  'leads:timeline',
  'diff:get',
  'diff:rows',
  'codes:usage',
  'watch:get',
  'watch:choose',
  'watch:enable',
  ...SETTINGS_CHANNELS,
  ...ACTIVITY_CHANNELS,
] as const satisfies readonly Channel[]

// Fails to compile when a channel is added to the contract but not to CHANNELS.
type MissingChannels = Exclude<Channel, (typeof CHANNELS)[number]>
const everyChannelListed: MissingChannels extends never ? true : MissingChannels = true
void everyChannelListed

/** main → renderer pushes. */
export interface IpcEvents {
  'imports:progress': ImportProgress
  'imports:changed': { importIds: number[] }
  /** The watched folder's status changed: a file was handled, or watching started or stopped. */
  'watch:changed': WatchStatus
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
  'watch:changed',
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
