import { existsSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ApiError } from '../../shared/ipc'
import { validateLeadListScope, type LeadListScope } from '../../main/export/lead-lists'
import { buildReport, writeReportFile } from '../../main/export/report'
import { NO_PDF_MESSAGE } from '../../main/handlers'
import { DB_FILE_NAME, defaultUserDataDir } from '../../main/paths'
import { packageVersion } from '../../main/repo-paths'
import { UsageError, type CliIo } from '../command'
import { withCliContext } from '../context'

/**
 * `export report`: the overview, trend charts and action items as one HTML file. The CLI has no
 * Chromium to print with, so it writes HTML only; any browser prints that to PDF.
 */
export async function runReportExport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      import: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  })
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals.join(' ')}'`)
  if (values.import !== undefined && (!/^\d+$/.test(values.import) || Number(values.import) < 1)) {
    throw new UsageError(`--import: expected an import number from 'history', got '${values.import}'`)
  }
  if (values.out !== undefined && extname(values.out).toLowerCase() === '.pdf') throw new UsageError(NO_PDF_MESSAGE)
  const scope: LeadListScope = {
    ...(values.import === undefined ? {} : { importId: Number(values.import) }),
    ...(values.from === undefined ? {} : { from: values.from }),
    ...(values.to === undefined ? {} : { to: values.to }),
  }
  try {
    validateLeadListScope(scope)
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(error.message)
    throw error
  }

  // Opening a missing file would create an empty database; a report of it is a mistake.
  const dbPath = resolve(values.db ?? join(defaultUserDataDir(), DB_FILE_NAME))
  if (!existsSync(dbPath)) throw new Error(`there is no database at ${dbPath}`)
  const out = resolve(values.out ?? '.')

  return withCliContext(dbPath, async (context) => {
    if (!context.db) throw new ApiError('db-unavailable', context.dbError ?? 'the database is not open')
    const report = await buildReport(context.db, scope, { appVersion: packageVersion() })
    const path = await writeReportFile(out, report.fileName, report.html)
    const bytes = Buffer.byteLength(report.html)
    const { latest } = report.data
    if (values.json) {
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
