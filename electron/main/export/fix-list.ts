import type { Writable } from 'node:stream'
import { ApiError } from '../../shared/ipc'
import { createHygieneQueries } from '../db/hygiene-store'
import type { Db } from '../db/open'
import { createCsvWriter } from './csv-writer'
import { createLeadListQueries, type LeadListExport } from './lead-lists'

/**
 * The fix list (issue 17): the leads of one snapshot whose address has a likely typo in its
 * domain, with the address it probably meant, as a CSV like the other lists (UTF-8 with BOM,
 * CRLF, formula-safe cells). `Id` is Marketo's, so the list can be imported to correct the
 * addresses after someone has checked them.
 */
export const FIX_LIST_COLUMNS = ['Id', 'Old Email Address', 'Suggested Email Address', 'Email Invalid'] as const

/** The snapshot a fix list is of: the one named, else the newest. */
export function resolveFixListImport(db: Db, importId: number | undefined): { importId: number; snapshotDate: string } {
  const scope = createLeadListQueries(db).resolveScope(importId === undefined ? {} : { importId })
  if (scope.kind !== 'import') throw new ApiError('bad-request', 'The fix list is of one snapshot.')
  return { importId: scope.importId, snapshotDate: scope.snapshotDate }
}

export function defaultFixListFileName(snapshotDate: string): string {
  return `bounce-auditor-fix-typos-${snapshotDate}.csv`
}

export async function exportFixList(
  db: Db,
  importId: number | undefined,
  target: string | Writable,
): Promise<LeadListExport> {
  const resolved = resolveFixListImport(db, importId)
  // Read whole before the first write: the findings are few, and no statement stays open across awaits.
  const rows = [...createHygieneQueries(db).findings(resolved.importId, ['typo'])]
  const writer = createCsvWriter(target)
  try {
    await writer.writeRow(FIX_LIST_COLUMNS)
    for (const row of rows) {
      await writer.writeRow([row.marketoId ?? '', row.email, row.suggestion ?? '', row.invalid ? 'true' : 'false'])
    }
    await writer.end()
  } catch (error) {
    await writer.abort()
    throw error
  }
  return { rows: rows.length, path: typeof target === 'string' ? target : '' }
}
