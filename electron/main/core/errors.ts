import { ApiError, type ApiErrorShape } from '../../shared/ipc'
import { NewerDatabaseError } from '../db/migrate'
import { BadFileError } from '../import/file-probe'
import { DuplicateFileError, ImportCancelledError, PartialFileError } from '../import/import-file'
import { NeedsDateOrderError, NeedsMappingError } from '../import/file-layout'
import { DiskFullError, isDiskFull } from '../settings/data-files'

/** SQLite rolls the transaction back on SQLITE_FULL, so what was there before is intact; the message says so. */
export const DISK_FULL_MESSAGE =
  'The disk is full, so nothing was saved. Everything imported before is intact. Free some space and try again.'

/** Turns whatever a handler threw into the one error shape every shell and the CLI understand. */
export function toApiError(error: unknown): ApiErrorShape {
  if (error instanceof ApiError) return { code: error.code, message: error.message }
  if (error instanceof DuplicateFileError) return { code: 'duplicate', message: error.message }
  if (error instanceof ImportCancelledError) return { code: 'cancelled', message: error.message }
  if (error instanceof NeedsMappingError) return { code: 'needs-mapping', message: error.message }
  if (error instanceof NeedsDateOrderError) return { code: 'needs-date-order', message: error.message }
  if (error instanceof PartialFileError) return { code: 'partial-file', message: error.message }
  if (error instanceof BadFileError) return { code: 'bad-file', message: error.message }
  if (error instanceof NewerDatabaseError) return { code: 'db-unavailable', message: error.message }
  if (error instanceof DiskFullError) return { code: 'disk-full', message: error.message }
  if (isDiskFull(error)) return { code: 'disk-full', message: DISK_FULL_MESSAGE }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message: `Something went wrong: ${message}` }
}
