import { SnapshotCounts, type CountedCause } from '../import/snapshot-counts'
import type { Classification, Reason, Verdict } from '../../shared/classify/types'
import { causeColumns } from './import-store'
import type { Db } from './open'

interface StoredCause {
  id: number
  reply_code: number | null
  status: string | null
  reason: Reason
  verdict: Verdict
  provider: string | null
}

/** Recounts one snapshot's tallies from its spans and the causes' current classification. */
export function recountImport(db: Db, importId: number, causes: ReadonlyMap<number, CountedCause>): void {
  const position = db
    .prepare<[number], { list_id: number; seq: number }>('SELECT list_id, seq FROM imports WHERE id = ?')
    .get(importId)
  if (!position) return
  const counts = new SnapshotCounts()
  const rows = db
    .prepare<[number, number, number], { domain: string; email_invalid: number; invalid_cause_id: number | null }>(
      `SELECT l.domain, s.email_invalid, s.invalid_cause_id FROM spans s JOIN leads l ON l.id = s.lead_id
       WHERE s.list_id = ? AND s.from_seq <= ? AND s.to_seq >= ?`,
    )
    .iterate(position.list_id, position.seq, position.seq)
  for (const row of rows) {
    const cause = row.invalid_cause_id === null ? null : (causes.get(row.invalid_cause_id) ?? null)
    counts.addRow(row.domain, row.email_invalid === 1, cause)
  }
  db.prepare('DELETE FROM import_counts WHERE import_id = ?').run(importId)
  const insert = db.prepare('INSERT INTO import_counts (import_id, dimension, key, rows) VALUES (?, ?, ?, ?)')
  for (const [dimension, keys] of counts.byDimension) {
    for (const [key, n] of keys) insert.run(importId, dimension, key, n)
  }
}

function storedCauses(db: Db): Map<number, CountedCause> {
  const rows = db.prepare<[], StoredCause>('SELECT id, reply_code, status, reason, verdict, provider FROM causes').all()
  return new Map(
    rows.map((row) => [
      row.id,
      {
        replyCode: row.reply_code,
        status: row.status,
        reason: row.reason,
        verdict: row.verdict,
        provider: row.provider,
      },
    ]),
  )
}

/**
 * When the classifier's rules change, causes stored by an older version are classified again
 * and every import's tallies recounted, in one transaction: distinct texts only, no re-import.
 */
export function reclassifyStaleCauses(
  db: Db,
  version: string,
  classify: (text: string) => Classification,
): { causes: number; imports: number } {
  const stale = db
    .prepare<[string], { id: number; text: string }>('SELECT id, text FROM causes WHERE classifier_version != ?')
    .all(version)
  if (stale.length === 0) return { causes: 0, imports: 0 }
  const update = db.prepare(`
    UPDATE causes SET classifier_version = @version, reply_code = @replyCode, status = @status, severity = @severity,
      reason = @reason, hard_bounce = @hardBounce, verdict = @verdict, provider = @provider, rule = @rule
    WHERE id = @id`)
  return db.transaction(() => {
    for (const cause of stale) {
      update.run({ id: cause.id, ...causeColumns(classify(cause.text), version) })
    }
    const causes = storedCauses(db)
    const importIds = db.prepare<[], { id: number }>('SELECT id FROM imports').all()
    for (const { id } of importIds) recountImport(db, id, causes)
    return { causes: stale.length, imports: importIds.length }
  })()
}
