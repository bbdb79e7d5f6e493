/**
 * Guards for renderer payloads. TypeScript types vanish at runtime and the renderer is the
 * least trusted part of the app, so main checks every request before a handler sees it.
 */
import { REASONS, VERDICTS, type Reason, type Verdict } from './classify/types'
import {
  ApiError,
  DIFF_KINDS,
  EXPLORER_SORTS,
  FOLDER_TARGETS,
  HYGIENE_FILTERS,
  REASON_GROUPS,
  type FolderTarget,
  type Channel,
  type DayMonthOrder,
  type DiffKind,
  type DiffRequest,
  type ExplorerPageRequest,
  type ExplorerSort,
  type FileRef,
  type ImportUpdateRequest,
  type LeadListExportRequest,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportSaveRequest,
  type RequestOf,
  type SettingsChannel,
  type TrendsRequest,
} from './ipc'
import { LEAD_FIELDS, type ColumnMapping } from './lead-fields'
import { activityRequests } from './validate-activity'

type Validator<T> = (value: unknown) => T

function fail(message: string): never {
  throw new ApiError('bad-request', message)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function expectObject(value: unknown, what: string): Record<string, unknown> {
  // `undefined` is accepted for channels without a request, so callers may omit it.
  if (value === undefined) return {}
  if (!isRecord(value)) fail(`${what}: expected an object`)
  return value
}

function noFields(channel: Channel): Validator<Record<string, never>> {
  return (value) => {
    const record = expectObject(value, channel)
    const extra = Object.keys(record)
    if (extra.length > 0) fail(`${channel}: unexpected field '${extra[0] ?? ''}'`)
    return {}
  }
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

const MAX_COLUMNS = 10_000

function columnMapping(value: unknown, where: string): ColumnMapping {
  if (!isRecord(value)) fail(`${where}: expected an object of field → column number`)
  const mapping: ColumnMapping = {}
  for (const [field, column] of Object.entries(value)) {
    if (!(LEAD_FIELDS as readonly string[]).includes(field)) fail(`${where}: unknown field '${field.slice(0, 40)}'`)
    if (typeof column !== 'number' || !Number.isInteger(column) || column < 0 || column >= MAX_COLUMNS) {
      fail(`${where}.${field}: expected a column number`)
    }
    mapping[field as keyof ColumnMapping] = column
  }
  return mapping
}

function dayMonthOrder(value: unknown, where: string): DayMonthOrder {
  if (value !== 'day-first' && value !== 'month-first') fail(`${where}: expected 'day-first' or 'month-first'`)
  return value
}

function positiveId(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) fail(`${where}: expected an id`)
  return value
}

function fileRef(value: unknown, where: string): FileRef {
  if (!isRecord(value)) fail(`${where}: expected a file object`)
  const { path, name, lastModifiedMs, mapping, dateOrder, allowPartial } = value
  if (typeof path !== 'string' || path.length === 0) fail(`${where}.path: expected a non-empty string`)
  if (typeof name !== 'string' || name.length === 0) fail(`${where}.name: expected a non-empty string`)
  if (lastModifiedMs !== undefined && (typeof lastModifiedMs !== 'number' || !Number.isFinite(lastModifiedMs))) {
    fail(`${where}.lastModifiedMs: expected a number`)
  }
  if (allowPartial !== undefined && typeof allowPartial !== 'boolean')
    fail(`${where}.allowPartial: expected true or false`)
  return {
    path,
    name,
    ...(lastModifiedMs === undefined ? {} : { lastModifiedMs }),
    ...(mapping === undefined ? {} : { mapping: columnMapping(mapping, `${where}.mapping`) }),
    ...(dateOrder === undefined ? {} : { dateOrder: dayMonthOrder(dateOrder, `${where}.dateOrder`) }),
    ...(allowPartial === undefined ? {} : { allowPartial }),
  }
}

/** Rejects fields a channel does not know, so a typo in the renderer fails loudly instead of being ignored. */
function onlyFields(record: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) fail(`${where}: unexpected field '${key.slice(0, 40)}'`)
  }
}

function optionalId(value: unknown, where: string): number | undefined {
  return value === undefined ? undefined : positiveId(value, where)
}

function optionalDay(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !isIsoDay(value)) fail(`${where}: expected a date as YYYY-MM-DD`)
  return value
}

function optionalText(value: unknown, where: string, max: number): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    fail(`${where}: expected a non-empty text of at most ${max} characters`)
  }
  return value.trim()
}

function optionalBoolean(value: unknown, where: string): boolean | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') fail(`${where}: expected true or false`)
  return value
}

function optionalOneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(`${where}: expected one of ${allowed.join(', ')}`)
  }
  return value as T
}

function optionalLimit(value: unknown, max: number, where: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    fail(`${where}: expected a whole number from 1 to ${max}`)
  }
  return value
}

/** Drops the keys whose value is undefined, so a handler can tell "not given" by the key alone. */
function defined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
}

const REPLY_CODE = /^[2-5]\d\d$/
const STATUS_CODE = /^[245]\.\d{1,3}\.\d{1,3}$/
export const MAX_EXPLORER_LIMIT = 200
export const MAX_DIFF_LIMIT = 500

function diffRequest(record: Record<string, unknown>, where: string): DiffRequest {
  return {
    importA: positiveId(record['importA'], `${where}.importA`),
    importB: positiveId(record['importB'], `${where}.importB`),
  }
}

function explorerPage(value: unknown): ExplorerPageRequest {
  const where = 'explorer:page'
  const record = expectObject(value, where)
  onlyFields(
    record,
    [
      'importId',
      'search',
      'reason',
      'reasonGroup',
      'verdict',
      'code',
      'provider',
      'invalid',
      'suspended',
      'hygiene',
      'sort',
      'after',
      'limit',
    ],
    where,
  )
  const code = optionalText(record['code'], `${where}.code`, 12)
  if (code !== undefined && !REPLY_CODE.test(code) && !STATUS_CODE.test(code)) {
    fail(`${where}.code: expected a reply code such as 550 or an enhanced status such as 5.1.1`)
  }
  const request: ExplorerPageRequest = {
    importId: positiveId(record['importId'], `${where}.importId`),
    ...defined({
      search: optionalText(record['search'], `${where}.search`, 320),
      reason: optionalOneOf<Reason>(record['reason'], REASONS, `${where}.reason`),
      reasonGroup: optionalOneOf(record['reasonGroup'], REASON_GROUPS, `${where}.reasonGroup`),
      verdict: optionalOneOf<Verdict>(record['verdict'], VERDICTS, `${where}.verdict`),
      code,
      provider: optionalText(record['provider'], `${where}.provider`, 64),
      invalid: optionalBoolean(record['invalid'], `${where}.invalid`),
      suspended: optionalBoolean(record['suspended'], `${where}.suspended`),
      hygiene: optionalOneOf(record['hygiene'], HYGIENE_FILTERS, `${where}.hygiene`),
      sort: optionalOneOf<ExplorerSort>(record['sort'], EXPLORER_SORTS, `${where}.sort`),
      after: optionalText(record['after'], `${where}.after`, 1000),
      limit: optionalLimit(record['limit'], MAX_EXPLORER_LIMIT, `${where}.limit`),
    }),
  }
  return request
}

function trendsRequest(value: unknown): TrendsRequest {
  const where = 'trends:series'
  const record = expectObject(value, where)
  onlyFields(record, ['from', 'to', 'domain', 'provider', 'reason', 'verdict', 'listId', 'exactDomains'], where)
  const domain = optionalText(record['domain'], `${where}.domain`, 255)
  return defined({
    from: optionalDay(record['from'], `${where}.from`),
    to: optionalDay(record['to'], `${where}.to`),
    domain: domain?.toLowerCase(),
    provider: optionalText(record['provider'], `${where}.provider`, 64),
    reason: optionalOneOf<Reason>(record['reason'], REASONS, `${where}.reason`),
    verdict: optionalOneOf<Verdict>(record['verdict'], VERDICTS, `${where}.verdict`),
    listId: optionalId(record['listId'], `${where}.listId`),
    exactDomains: optionalBoolean(record['exactDomains'], `${where}.exactDomains`),
  })
}

function leadListExport(channel: 'exports:remove-list' | 'exports:review-list') {
  return (value: unknown): LeadListExportRequest => {
    const record = expectObject(value, channel)
    onlyFields(record, ['importId', 'from', 'to'], channel)
    const importId = optionalId(record.importId, `${channel}.importId`)
    const from = optionalDay(record.from, `${channel}.from`)
    const to = optionalDay(record.to, `${channel}.to`)
    if (importId !== undefined && (from !== undefined || to !== undefined)) {
      fail(`${channel}: give either an import or a date range, not both`)
    }
    if (from !== undefined && to !== undefined && from > to) fail(`${channel}: from is after to`)
    return {
      ...(importId === undefined ? {} : { importId }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    }
  }
}

/** A request naming at most one snapshot (default: the newest). */
function onlyImportId(channel: 'exports:fix-list' | 'hygiene:summary') {
  return (value: unknown): { importId?: number } => {
    const record = expectObject(value, channel)
    onlyFields(record, ['importId'], channel)
    return defined({ importId: optionalId(record['importId'], `${channel}.importId`) })
  }
}

function reportSave(value: unknown): ReportSaveRequest {
  const where = 'reports:save'
  const record = expectObject(value, where)
  onlyFields(record, ['importId', 'from', 'to', 'format', 'listId', 'domain', 'provider', 'reason', 'verdict'], where)
  const format = optionalOneOf<ReportFormat>(record['format'], REPORT_FORMATS, `${where}.format`)
  if (format === undefined) fail(`${where}.format: expected one of ${REPORT_FORMATS.join(', ')}`)
  const importId = optionalId(record['importId'], `${where}.importId`)
  const from = optionalDay(record['from'], `${where}.from`)
  const to = optionalDay(record['to'], `${where}.to`)
  if (importId !== undefined && (from !== undefined || to !== undefined)) {
    fail(`${where}: give either an import or a date range, not both`)
  }
  if (from !== undefined && to !== undefined && from > to) fail(`${where}: from is after to`)
  const listId = optionalId(record['listId'], `${where}.listId`)
  if (listId !== undefined && importId !== undefined) fail(`${where}: a list goes with a date range, not an import`)
  const filters = defined({
    domain: optionalText(record['domain'], `${where}.domain`, 255)?.toLowerCase(),
    provider: optionalText(record['provider'], `${where}.provider`, 64),
    reason: optionalOneOf<Reason>(record['reason'], REASONS, `${where}.reason`),
    verdict: optionalOneOf<Verdict>(record['verdict'], VERDICTS, `${where}.verdict`),
  })
  if (Object.keys(filters).length > 0 && importId !== undefined) {
    fail(`${where}: filters go with a date range, not an import`)
  }
  return { format, ...defined({ importId, from, to, listId }), ...filters }
}

function importUpdate(value: unknown): ImportUpdateRequest {
  const where = 'imports:update'
  const record = expectObject(value, where)
  onlyFields(record, ['importId', 'listName', 'snapshotDate'], where)
  const request: ImportUpdateRequest = {
    importId: positiveId(record['importId'], `${where}.importId`),
    ...defined({
      listName: optionalText(record['listName'], `${where}.listName`, 200),
      snapshotDate: optionalDay(record['snapshotDate'], `${where}.snapshotDate`),
    }),
  }
  if (request.listName === undefined && request.snapshotDate === undefined) {
    fail(`${where}: nothing to change (give listName or snapshotDate)`)
  }
  return request
}

function singleId<K extends string>(channel: string, key: K): Validator<Record<K, number>> {
  return (value) => {
    const record = expectObject(value, channel)
    onlyFields(record, [key], channel)
    return { [key]: positiveId(record[key], `${channel}.${key}`) } as Record<K, number>
  }
}

const MAX_FILES_PER_IMPORT = 200

/** A backup is named by its file name alone, so a request cannot point the restore at any other file. */
function backupName(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255 || /[/\\]|^\.\.?$/.test(value)) {
    fail(`${where}: expected the file name of a backup`)
  }
  return value
}

function settingsRequests(): Pick<{ [K in Channel]: Validator<RequestOf<K>> }, SettingsChannel> {
  return {
    'settings:get': noFields('settings:get'),
    'settings:backup': noFields('settings:backup'),
    'settings:restore': (value) => {
      const record = expectObject(value, 'settings:restore')
      onlyFields(record, ['name'], 'settings:restore')
      return { name: backupName(record['name'], 'settings:restore.name') }
    },
    'settings:move': (value) => {
      const record = expectObject(value, 'settings:move')
      onlyFields(record, ['folder'], 'settings:move')
      return defined({ folder: optionalText(record['folder'], 'settings:move.folder', 1024) })
    },
    'settings:erase': (value) => {
      const record = expectObject(value, 'settings:erase')
      onlyFields(record, ['confirm', 'keepBackups'], 'settings:erase')
      const { confirm, keepBackups } = record
      if (typeof confirm !== 'string') fail('settings:erase.confirm: expected the confirmation text')
      if (typeof keepBackups !== 'boolean') fail('settings:erase.keepBackups: expected true or false')
      return { confirm, keepBackups }
    },
    'settings:open-folder': (value) => {
      const record = expectObject(value, 'settings:open-folder')
      onlyFields(record, ['target'], 'settings:open-folder')
      const target = optionalOneOf<FolderTarget>(record['target'], FOLDER_TARGETS, 'settings:open-folder.target')
      if (target === undefined) fail(`settings:open-folder.target: expected one of ${FOLDER_TARGETS.join(', ')}`)
      return { target }
    },
    'diagnostics:get': noFields('diagnostics:get'),
    'diagnostics:copy': noFields('diagnostics:copy'),
  }
}

export const requestValidators: { [K in Channel]: Validator<RequestOf<K>> } = {
  'app:info': noFields('app:info'),
  'imports:list': noFields('imports:list'),
  'imports:sample': noFields('imports:sample'),
  'imports:cancel': noFields('imports:cancel'),
  ...settingsRequests(),
  ...activityRequests(fileRef),
  'imports:inspect': (value) => ({
    file: fileRef(expectObject(value, 'imports:inspect').file, 'imports:inspect.file'),
  }),
  'imports:report': (value) => ({
    importId: positiveId(expectObject(value, 'imports:report').importId, 'imports:report.importId'),
  }),
  'overview:get': noFields('overview:get'),
  'exports:remove-list': leadListExport('exports:remove-list'),
  'exports:review-list': leadListExport('exports:review-list'),
  'exports:fix-list': onlyImportId('exports:fix-list'),
  'hygiene:summary': onlyImportId('hygiene:summary'),
  'reports:save': reportSave,
  'imports:update': importUpdate,
  'imports:delete': singleId('imports:delete', 'importId'),
  'history:newly-invalid': (value) => {
    const record = expectObject(value, 'history:newly-invalid')
    onlyFields(record, ['listId'], 'history:newly-invalid')
    return defined({ listId: optionalId(record['listId'], 'history:newly-invalid.listId') })
  },
  'history:counts': noFields('history:counts'),
  'trends:series': trendsRequest,
  'explorer:page': explorerPage,
  'leads:timeline': singleId('leads:timeline', 'leadId'),
  'codes:usage': noFields('codes:usage'),
  'watch:get': noFields('watch:get'),
  'watch:choose': (value) => {
    const record = expectObject(value, 'watch:choose')
    onlyFields(record, ['folder'], 'watch:choose')
    return defined({ folder: optionalText(record['folder'], 'watch:choose.folder', 1024) })
  },
  'watch:enable': (value) => {
    const record = expectObject(value, 'watch:enable')
    onlyFields(record, ['enabled'], 'watch:enable')
    const enabled = optionalBoolean(record['enabled'], 'watch:enable.enabled')
    if (enabled === undefined) fail('watch:enable.enabled: expected true or false')
    return { enabled }
  },
  'diff:get': (value) => {
    const record = expectObject(value, 'diff:get')
    onlyFields(record, ['importA', 'importB'], 'diff:get')
    return diffRequest(record, 'diff:get')
  },
  'diff:rows': (value) => {
    const record = expectObject(value, 'diff:rows')
    onlyFields(record, ['importA', 'importB', 'kind', 'after', 'limit'], 'diff:rows')
    const kind = optionalOneOf<DiffKind>(record['kind'], DIFF_KINDS, 'diff:rows.kind')
    if (kind === undefined) fail(`diff:rows.kind: expected one of ${DIFF_KINDS.join(', ')}`)
    return {
      ...diffRequest(record, 'diff:rows'),
      kind,
      ...defined({
        after: optionalId(record['after'], 'diff:rows.after'),
        limit: optionalLimit(record['limit'], MAX_DIFF_LIMIT, 'diff:rows.limit'),
      }),
    }
  },
  'imports:run': (value) => {
    const record = expectObject(value, 'imports:run')
    const { files, snapshotDate } = record
    if (!Array.isArray(files) || files.length === 0) fail('imports:run.files: expected a non-empty list')
    if (files.length > MAX_FILES_PER_IMPORT) fail(`imports:run.files: at most ${MAX_FILES_PER_IMPORT} files at once`)
    const refs = files.map((file, index) => fileRef(file, `imports:run.files[${index}]`))
    if (snapshotDate === undefined) return { files: refs }
    if (typeof snapshotDate !== 'string' || !isIsoDay(snapshotDate)) {
      fail('imports:run.snapshotDate: expected a date as YYYY-MM-DD')
    }
    return { files: refs, snapshotDate }
  },
}
