import { ApiError, type ApiErrorShape } from '../shared/ipc'
import { NewerDatabaseError } from './db/migrate'
import { BadFileError } from './import/file-probe'
import { DuplicateFileError, ImportCancelledError } from './import/import-file'
import { NeedsDateOrderError, NeedsMappingError } from './import/file-layout'

/** Turns whatever a handler threw into the one error shape every shell and the CLI understand. */
export function toApiError(error: unknown): ApiErrorShape {
  if (error instanceof ApiError) return { code: error.code, message: error.message }
  if (error instanceof DuplicateFileError) return { code: 'duplicate', message: error.message }
  if (error instanceof ImportCancelledError) return { code: 'cancelled', message: error.message }
  if (error instanceof NeedsMappingError) return { code: 'needs-mapping', message: error.message }
  if (error instanceof NeedsDateOrderError) return { code: 'needs-date-order', message: error.message }
  if (error instanceof BadFileError) return { code: 'bad-file', message: error.message }
  if (error instanceof NewerDatabaseError) return { code: 'db-unavailable', message: error.message }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message: `Something went wrong: ${message}` }
}
