import { extname } from 'node:path'
import { ApiError } from '../../shared/ipc'
import { buildReport, writeReportFile } from '../../main/export/report'
import { NO_PDF_MESSAGE } from '../../main/export/export-handlers'
import { packageVersion } from '../../main/core/repo-paths'
import { UsageError, type CliIo } from '../command'
import { withCliContext } from '../context'
import { parseExportOptions, requireDatabase } from './export-options'

/**
 * `export report`: the overview, trend charts and action items as one HTML file. The CLI has no
 * Chromium to print with, so it writes HTML only; any browser prints that to PDF.
 */
export async function runReportExport(args: string[], io: CliIo): Promise<number> {
  const { positionals, json, scope, dbPath, out } = parseExportOptions(args)
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals.join(' ')}'`)
  if (extname(out).toLowerCase() === '.pdf') throw new UsageError(NO_PDF_MESSAGE)

  return withCliContext(requireDatabase(dbPath), async (context) => {
    if (!context.db) throw new ApiError('db-unavailable', context.dbError ?? 'the database is not open')
    const report = await buildReport(context.db, scope, { appVersion: packageVersion() })
    const path = await writeReportFile(out, report.fileName, report.html)
    const bytes = Buffer.byteLength(report.html)
    const { latest } = report.data
    if (json) {
      io.stdout.write(
        `${JSON.stringify({ out: path, bytes, list: report.data.listName, importId: latest.id, snapshotDate: latest.snapshotDate })}\n`,
      )
    } else {
      const { scope: resolved } = report.data
      const when = resolved.kind === 'import' ? resolved.snapshotDate : `${resolved.from} to ${resolved.to}`
      io.stdout.write(`Wrote the report of “${report.data.listName}” (${when}) to ${path}\n`)
    }
    return 0
  })
}
