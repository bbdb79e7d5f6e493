import type { Db } from '../db/open'
import { updateHygiene } from '../hygiene/lead-hygiene'

/** What a step run after a lead import knows about the snapshot that was just written. */
export interface AfterLeadImportContext {
  importId: number
  listId: number
  /** The snapshot's position in its list (snapshots inserted between two shift the later ones). */
  seq: number
  signal?: AbortSignal
}

export interface AfterLeadImportStep {
  /** For errors and timing. */
  name: string
  /**
   * Runs inside the import's transaction, after the leads, spans, counts and transitions are
   * written and before the import is marked finished: whatever it writes commits or rolls back
   * with the import. Throwing aborts the whole import.
   */
  run(db: Db, context: AfterLeadImportContext): void
}

/**
 * Steps that derive more facts from a lead import, in order. A feature adds one entry here
 * (a static list, not registration at load time, so the worker thread, the CLI and the tests all
 * run the same steps).
 */
export const AFTER_LEAD_IMPORT: readonly AfterLeadImportStep[] = [
  // Address hygiene (issue 17): the leads this import added or readdressed get their findings.
  { name: 'address hygiene', run: (db) => void updateHygiene(db) },
]

/** The one call point, at the end of `importFile`'s transaction. */
export function afterLeadImport(
  db: Db,
  context: AfterLeadImportContext,
  steps: readonly AfterLeadImportStep[] = AFTER_LEAD_IMPORT,
): void {
  for (const step of steps) {
    if (context.signal?.aborted) return
    step.run(db, context)
  }
}
