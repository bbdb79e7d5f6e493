import type { FileRef } from '../../shared/ipc'
import { CLASSIFIER_VERSION, classify } from '../../shared/classify'
import { createImportEditStore } from '../db/import-edit-store'
import { runMaintenance } from '../db/reclassify'
import { backfillHygiene } from '../hygiene/lead-hygiene'
import type { Db } from '../db/open'
import { importFile } from './import-file'
import { activityFileJob, activityImportJob } from '../activity/activity-job'
import type { FromImportWorker, HistoryEdit, ImportWorkerData, ImportWorkerProgress } from './worker-protocol'

/** What the worker gives every job besides its connection. */
export interface JobContext {
  /** Aborted when the user cancels; a job checks it between batches and throws to roll back. */
  signal: AbortSignal
  /**
   * Reads a Cancel that arrived while the thread was busy: a worker's messages wait for its event
   * loop, which never turns during a long synchronous stretch such as the end of an import.
   */
  pollCancel?: () => void
  progress(progress: ImportWorkerProgress): void
}

/**
 * One kind of job the import worker runs on its own thread and connection. It answers with the
 * message the parent reads: `done` (a lead import's summary), `maintained`, or `result` for any
 * other kind (structured-cloneable). Throwing reports the error to the parent as `failed`.
 */
export type JobHandler = (db: Db, payload: unknown, context: JobContext) => FromImportWorker | Promise<FromImportWorker>

async function leadImport(db: Db, payload: unknown, context: JobContext): Promise<FromImportWorker> {
  const job = payload as { file: FileRef; snapshotDate?: string }
  // Recognised by its header, as the CLI does: an activity file is not a snapshot of leads.
  const activities = await activityFileJob(db, job.file, context)
  if (activities) return activities
  const summary = await importFile(db, job.file, {
    ...(job.snapshotDate ? { snapshotDate: job.snapshotDate } : {}),
    ...(job.file.mapping ? { mapping: job.file.mapping } : {}),
    ...(job.file.dateOrder ? { dateOrder: job.file.dateOrder } : {}),
    ...(job.file.allowPartial ? { allowPartial: true } : {}),
    signal: context.signal,
    ...(context.pollCancel ? { pollCancel: context.pollCancel } : {}),
    onProgress: (progress) => context.progress(progress),
  })
  return { type: 'done', summary }
}

function historyEdit(db: Db, payload: unknown): FromImportWorker {
  const edit = payload as HistoryEdit
  const edits = createImportEditStore(db)
  const summary =
    edit.kind === 'delete'
      ? edits.delete(edit.importId)
      : edits.update(edit.importId, {
          ...(edit.listName === undefined ? {} : { listName: edit.listName }),
          ...(edit.snapshotDate === undefined ? {} : { snapshotDate: edit.snapshotDate }),
        })
  return { type: 'done', summary }
}

function maintenance(db: Db): FromImportWorker {
  const maintained = runMaintenance(db, CLASSIFIER_VERSION, classify)
  // Address hygiene, once for a database from before it existed (issue 17); a no-op otherwise.
  backfillHygiene(db)
  return { type: 'maintained', ...maintained }
}

/**
 * Every job the import worker can run, by kind. A feature adds a kind with one entry here and
 * starts it with `runJobWorker(start, setup, kind, payload)`.
 */
export const JOB_KINDS: Readonly<Record<string, JobHandler>> = {
  lead: leadImport,
  edit: (db, payload) => historyEdit(db, payload),
  maintain: (db) => maintenance(db),
  activities: activityImportJob,
}

/** The kind and payload of what the parent asked for (the older shapes name their kind by a key). */
export function jobOf(data: ImportWorkerData): { kind: string; payload: unknown } {
  if ('job' in data) return data.job
  if ('edit' in data) return { kind: 'edit', payload: data.edit }
  if ('maintain' in data) return { kind: 'maintain', payload: null }
  return {
    kind: 'lead',
    payload: { file: data.file, ...(data.snapshotDate ? { snapshotDate: data.snapshotDate } : {}) },
  }
}
