import { ApiError } from '../../shared/ipc'
import { LEAD_LIST_KINDS, exportLeadList, type LeadListKind } from '../../main/export/lead-lists'
import { UsageError, type CliCommand } from '../command'
import { withCliContext } from '../context'
import { parseExportOptions, requireDatabase } from './export-options'
import { runReportExport } from './export-report'

const isKind = (value: string | undefined): value is LeadListKind =>
  value !== undefined && (LEAD_LIST_KINDS as readonly string[]).includes(value)

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write the remove or review list as a CSV for Excel and Marketo, or a report as HTML',
  usage:
    'export remove|review|report [--db <path>] [--import N | --from YYYY-MM-DD --to YYYY-MM-DD] [--out <file>] [--json]',
  async run(args, io) {
    // The report takes the same scope options but writes HTML, not a CSV.
    if (args[0] === 'report') return runReportExport(args.slice(1), io)
    const { positionals, json, scope, dbPath, out } = parseExportOptions(args)
    const [kind, ...extra] = positionals
    if (!isKind(kind))
      throw new UsageError(
        `name the list to export: remove or review (or report, for the HTML report)${kind ? `, not '${kind}'` : ''}`,
      )
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra.join(' ')}'`)

    return withCliContext(requireDatabase(dbPath), async (context) => {
      if (!context.db) throw new ApiError('db-unavailable', context.dbError ?? 'the database is not open')
      const result = await exportLeadList(context.db, kind, scope, out)
      if (json) io.stdout.write(`${JSON.stringify({ rows: result.rows, out: result.path })}\n`)
      else {
        const leads = result.rows === 1 ? '1 lead' : `${result.rows} leads`
        io.stdout.write(`Wrote the ${kind} list (${leads}) to ${result.path}\n`)
      }
      return 0
    })
  },
}
