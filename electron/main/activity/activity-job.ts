/**
 * The activity import as a job of the import worker: its own thread and connection, so a file
 * of a million events never holds up the window, and a cancel rolls it back.
 */
import { ApiError } from '../../shared/ipc'
import type { Db } from '../db/open'
import type { FromImportWorker, ImportWorkerProgress } from '../import/worker-protocol'
import { isActivityFile } from './activity-file'
import { ActivityFileError, ActivityImportCancelledError, importActivities } from './import-activities'

export interface ActivityJobPayload {
  path: string
  name: string
}

export async function activityImportJob(
  db: Db,
  payload: unknown,
  context: { signal: AbortSignal; pollCancel?: () => void; progress(progress: ImportWorkerProgress): void },
): Promise<FromImportWorker> {
  const { path, name } = payload as ActivityJobPayload
  try {
    const result = await importActivities(db, path, {
      fileName: name,
      signal: context.signal,
      ...(context.pollCancel ? { pollCancel: context.pollCancel } : {}),
      onProgress: (progress) => context.progress(progress),
    })
    return { type: 'result', result }
  } catch (error) {
    // The user's file or the user's cancel, not the app's failure: said as such, and not logged as a crash.
    if (error instanceof ActivityFileError) throw new ApiError('bad-file', error.message)
    if (error instanceof ActivityImportCancelledError) throw new ApiError('cancelled', error.message)
    throw error
  }
}

/**
 * A file handed to the lead import (dropped, picked in a dialog, named to the CLI): when its header
 * is a Bulk Activity Extract's, it is imported into the activity history instead; null when it is
 * not one, and the lead import goes on. A file that cannot be read is left to the lead import,
 * which says why.
 */
export async function activityFileJob(
  db: Db,
  file: ActivityJobPayload,
  context: { signal: AbortSignal; pollCancel?: () => void; progress(progress: ImportWorkerProgress): void },
): Promise<FromImportWorker | null> {
  if (!(await isActivityFile(file.path).catch(() => false))) return null
  return activityImportJob(db, { path: file.path, name: file.name } satisfies ActivityJobPayload, context)
}
