import type { Db } from '../db/open'
import { AddressCollector, HYGIENE_VERSION, updateHygiene } from '../hygiene/lead-hygiene'

/** What a step run after a lead import knows about the snapshot that was just written. */
export interface AfterLeadImportContext {
  importId: number
  listId: number
  /** The snapshot's position in its list (snapshots inserted between two shift the later ones). */
  seq: number
  signal?: AbortSignal
}

/** Shown each row the import keeps (its address, lower case, and the domain), while it is in hand. */
export interface RowWatcher {
  row(email: string, domain: string): void
}

export interface AfterLeadImportStep {
  /** For errors and timing. */
  name: string
  /**
   * Optional: called once the import's transaction has begun. The watcher it returns sees every
   * row the import keeps and is handed back to `run`: cheaper than reading the rows back.
   */
  watch?(db: Db): RowWatcher
  /**
   * Runs inside the import's transaction, after the leads, spans, counts and transitions are
   * written and before the import is marked finished: whatever it writes commits or rolls back
   * with the import. Throwing aborts the whole import.
   */
  run(db: Db, context: AfterLeadImportContext, watched?: RowWatcher): void
}

/**
 * Steps that derive more facts from a lead import, in order. A feature adds one entry here
 * (a static list, not registration at load time, so the worker thread, the CLI and the tests all
 * run the same steps).
 */
export const AFTER_LEAD_IMPORT: readonly AfterLeadImportStep[] = [
  // Address hygiene (issue 17): the leads this import added or readdressed get their findings.
  {
    name: 'address hygiene',
    watch: (db) => new AddressCollector(db),
    run: (db, _context, watched) =>
      void updateHygiene(db, HYGIENE_VERSION, watched instanceof AddressCollector ? watched : undefined),
  },
]

/** The steps' watchers for one import: `row` for each kept row, then `afterLeadImport`. */
export class AfterLeadImportRun {
  private readonly watchers: (RowWatcher | undefined)[]
  private readonly active: RowWatcher[]

  constructor(
    db: Db,
    readonly steps: readonly AfterLeadImportStep[] = AFTER_LEAD_IMPORT,
  ) {
    this.watchers = steps.map((step) => step.watch?.(db))
    this.active = this.watchers.filter((watcher) => watcher !== undefined)
  }

  row(email: string, domain: string): void {
    for (const watcher of this.active) watcher.row(email, domain)
  }

  watcherOf(index: number): RowWatcher | undefined {
    return this.watchers[index]
  }
}

/** The one call point, at the end of `importFile`'s transaction. */
export function afterLeadImport(db: Db, context: AfterLeadImportContext, run: AfterLeadImportRun): void {
  for (const [index, step] of run.steps.entries()) {
    if (context.signal?.aborted) return
    step.run(db, context, run.watcherOf(index))
  }
}
