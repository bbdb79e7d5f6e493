/**
 * Guards for renderer payloads. TypeScript types vanish at runtime and the renderer is the
 * least trusted part of the app, so main checks every request before a handler sees it.
 */
import { ApiError, type Channel, type FileRef, type RequestOf } from './ipc'
import { LEAD_FIELDS, type ColumnMapping } from './lead-fields'

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

function positiveId(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) fail(`${where}: expected an id`)
  return value
}

function fileRef(value: unknown, where: string): FileRef {
  if (!isRecord(value)) fail(`${where}: expected a file object`)
  const { path, name, lastModifiedMs, mapping } = value
  if (typeof path !== 'string' || path.length === 0) fail(`${where}.path: expected a non-empty string`)
  if (typeof name !== 'string' || name.length === 0) fail(`${where}.name: expected a non-empty string`)
  if (lastModifiedMs !== undefined && (typeof lastModifiedMs !== 'number' || !Number.isFinite(lastModifiedMs))) {
    fail(`${where}.lastModifiedMs: expected a number`)
  }
  return {
    path,
    name,
    ...(lastModifiedMs === undefined ? {} : { lastModifiedMs }),
    ...(mapping === undefined ? {} : { mapping: columnMapping(mapping, `${where}.mapping`) }),
  }
}

const MAX_FILES_PER_IMPORT = 200

export const requestValidators: { [K in Channel]: Validator<RequestOf<K>> } = {
  'app:info': noFields('app:info'),
  'imports:list': noFields('imports:list'),
  'imports:sample': noFields('imports:sample'),
  'imports:cancel': noFields('imports:cancel'),
  'imports:inspect': (value) => ({
    file: fileRef(expectObject(value, 'imports:inspect').file, 'imports:inspect.file'),
  }),
  'imports:report': (value) => ({
    importId: positiveId(expectObject(value, 'imports:report').importId, 'imports:report.importId'),
  }),
  'overview:get': noFields('overview:get'),
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
