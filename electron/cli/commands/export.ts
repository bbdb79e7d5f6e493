import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ApiError } from '../../shared/ipc'
import {
  LEAD_LIST_KINDS,
  exportLeadList,
  validateLeadListScope,
  type LeadListKind,
  type LeadListScope,
} from '../../main/export/lead-lists'
import { DB_FILE_NAME, defaultUserDataDir } from '../../main/paths'
import { UsageError, type CliCommand } from '../command'
import { withCliContext } from '../context'
import { runReportExport } from './export-report'

const isKind = (value: string | undefined): value is LeadListKind =>
  value !== undefined && (LEAD_LIST_KINDS as readonly string[]).includes(value)

function importNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`--import: expected an import number from 'history', got '${value}'`)
  }
  return Number(value)
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write the remove or review list as a CSV for Excel and Marketo, or a report as HTML',
  usage:
    'export remove|review|report [--db <path>] [--import N | --from YYYY-MM-DD --to YYYY-MM-DD] [--out <file>] [--json]',
  async run(args, io) {
    // The report takes the same scope options but writes HTML, not a CSV.
    if (args[0] === 'report') return runReportExport(args.slice(1), io)
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
    const [kind, ...extra] = positionals
    if (!isKind(kind))
      throw new UsageError(
        `name the list to export: remove or review (or report, for the HTML report)${kind ? `, not '${kind}'` : ''}`,
      )
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra.join(' ')}'`)

    const importId = importNumber(values.import)
    const scope: LeadListScope = {
      ...(importId === undefined ? {} : { importId }),
      ...(values.from === undefined ? {} : { from: values.from }),
      ...(values.to === undefined ? {} : { to: values.to }),
    }
    // The same checks the app makes, but reported as a usage mistake (exit 2) before any work.
    try {
      validateLeadListScope(scope)
    } catch (error) {
      if (error instanceof ApiError) throw new UsageError(error.message)
      throw error
    }

    // Opening a missing file would create an empty database; an export from it is a mistake.
    const dbPath = resolve(values.db ?? join(defaultUserDataDir(), DB_FILE_NAME))
    if (!existsSync(dbPath)) throw new Error(`there is no database at ${dbPath}`)
    // Without --out the file lands in the current folder under its default, dated name.
    const out = resolve(values.out ?? '.')

    return withCliContext(dbPath, async (context) => {
      if (!context.db) throw new ApiError('db-unavailable', context.dbError ?? 'the database is not open')
      const result = await exportLeadList(context.db, kind, scope, out)
      if (values.json) io.stdout.write(`${JSON.stringify({ rows: result.rows, out: result.path })}\n`)
      else {
        const leads = result.rows === 1 ? '1 lead' : `${result.rows} leads`
        io.stdout.write(`Wrote the ${kind} list (${leads}) to ${result.path}\n`)
      }
      return 0
    })
  },
}
