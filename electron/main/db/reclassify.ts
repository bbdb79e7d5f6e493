import { SnapshotCounts, TALLIES_VERSION, type CountedCause } from './snapshot-counts'
import type { Classification, ClassifyContext } from '../../shared/classify/types'
import { causeColumns } from './import-store'
import type { Db } from './open'
import { createTransitionCounter, storedCountedCauses, TRANSITION_DIMENSIONS } from './transition-counts'

/** Recounts one snapshot's tallies from its spans and the causes' current classification. */
export function recountImport(db: Db, importId: number, causes: ReadonlyMap<number, CountedCause>): void {
  const position = db
    .prepare<[number], { list_id: number; seq: number }>('SELECT list_id, seq FROM imports WHERE id = ?')
    .get(importId)
  if (!position) return
  const counts = new SnapshotCounts()
  // Rows alike (same domain, flags and cause) are grouped by SQLite, so JavaScript sees a few
  // groups per domain instead of every row of every snapshot.
  const groups = db
    .prepare<
      [number, number, number],
      { domain: string; email_invalid: number; email_suspended: number; invalid_cause_id: number | null; n: number }
    >(
      `SELECT l.domain, s.email_invalid, s.email_suspended, s.invalid_cause_id, count(*) AS n
       FROM spans s JOIN leads l ON l.id = s.lead_id
       WHERE s.list_id = ? AND s.from_seq <= ? AND s.to_seq >= ?
       GROUP BY l.domain, s.email_invalid, s.email_suspended, s.invalid_cause_id`,
    )
    .iterate(position.list_id, position.seq, position.seq)
  for (const group of groups) {
    const cause = group.invalid_cause_id === null ? null : (causes.get(group.invalid_cause_id) ?? null)
    counts.addRow(group.domain, group.email_invalid === 1, group.email_suspended === 1, cause, group.n)
  }
  db.prepare(
    `DELETE FROM import_counts WHERE import_id = ? AND dimension NOT IN (${TRANSITION_DIMENSIONS.map((d) => `'${d}'`).join(', ')})`,
  ).run(importId)
  const insert = db.prepare('INSERT INTO import_counts (import_id, dimension, key, rows) VALUES (?, ?, ?, ?)')
  for (const [dimension, keys] of counts.byDimension) {
    for (const [key, n] of keys) insert.run(importId, dimension, key, n)
  }
  db.prepare('UPDATE imports SET tallies_version = ? WHERE id = ?').run(TALLIES_VERSION, importId)
}

/** Every snapshot's tallies and changes, recounted from spans; one transaction. */
function recountAll(db: Db, importIds: readonly number[]): void {
  const causes = storedCountedCauses(db)
  for (const id of importIds) recountImport(db, id, causes)
  const transitions = createTransitionCounter(db)
  for (const { id } of db.prepare<[], { id: number }>('SELECT id FROM lists').all()) transitions.recount(id)
}

/**
 * Databases written before the current set of tallies existed get them once, on open. Counting
 * reads every snapshot's spans, so it costs about as long as re-reading the history once.
 */
export function recountOutdatedTallies(db: Db): { imports: number } {
  const outdated = db
    .prepare<[number], { id: number }>('SELECT id FROM imports WHERE tallies_version < ?')
    .all(TALLIES_VERSION)
  if (outdated.length === 0) return { imports: 0 }
  db.transaction(() =>
    recountAll(
      db,
      outdated.map((row) => row.id),
    ),
  )()
  return { imports: outdated.length }
}

/**
 * When the classifier's rules change, causes stored by an older version are classified again
 * and every import's tallies recounted, in one transaction: distinct texts only, no re-import.
 */
export function reclassifyStaleCauses(
  db: Db,
  version: string,
  classify: (text: string, context?: ClassifyContext) => Classification,
): { causes: number; imports: number } {
  const stale = db
    .prepare<[string], { id: number; text: string; sample_domain: string | null }>(
      'SELECT id, text, sample_domain FROM causes WHERE classifier_version != ?',
    )
    .all(version)
  if (stale.length === 0) return { causes: 0, imports: 0 }
  const update = db.prepare(`
    UPDATE causes SET classifier_version = @version, reply_code = @replyCode, status = @status, severity = @severity,
      reason = @reason, hard_bounce = @hardBounce, verdict = @verdict, provider = @provider, rule = @rule
    WHERE id = @id`)
  return db.transaction(() => {
    for (const cause of stale) {
      // Classified with a domain of the same provider, as at import (the answer depends only on that).
      const context = cause.sample_domain === null ? undefined : { domain: cause.sample_domain }
      update.run({ id: cause.id, ...causeColumns(classify(cause.text, context), version) })
    }
    const importIds = db.prepare<[], { id: number }>('SELECT id FROM imports').all()
    recountAll(
      db,
      importIds.map((row) => row.id),
    )
    return { causes: stale.length, imports: importIds.length }
  })()
}

/** What opening this database would have to redo: causes of an older classifier, snapshots counted by older tallies. */
export function maintenanceNeeded(db: Db, version: string): { staleCauses: number; outdatedImports: number } {
  const staleCauses = db
    .prepare<[string], { n: number }>('SELECT count(*) AS n FROM causes WHERE classifier_version != ?')
    .get(version)
  const outdatedImports = db
    .prepare<[number], { n: number }>('SELECT count(*) AS n FROM imports WHERE tallies_version < ?')
    .get(TALLIES_VERSION)
  return { staleCauses: staleCauses?.n ?? 0, outdatedImports: outdatedImports?.n ?? 0 }
}

/** Brings stored classifications and tallies up to this version of the app: both steps above. */
export function runMaintenance(
  db: Db,
  version: string,
  classify: (text: string, context?: ClassifyContext) => Classification,
): { causes: number; imports: number } {
  const reclassified = reclassifyStaleCauses(db, version, classify)
  const recounted = recountOutdatedTallies(db)
  return { causes: reclassified.causes, imports: Math.max(reclassified.imports, recounted.imports) }
}
