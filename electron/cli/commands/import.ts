import { statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isIsoDay } from '../../shared/validate'
import type { DayMonthOrder, ImportOutcome, IpcEvents } from '../../shared/ipc'
import type { Emit } from '../../main/core/handler-deps'
import { UsageError, type CliCommand, type CliIo } from '../command'
import { invokeOrThrow, withCliContext } from '../context'
import type { AppContext } from '../../main/core/app-context'

/** How many skipped rows the CLI prints; the full list is in the import's report. */
export const SKIPPED_ROWS_SHOWN = 10

/** What a refused cut-off file needs to be imported anyway. */
const ALLOW_PARTIAL_HINT = 'Add --allow-partial to import its complete rows anyway.'

interface Skips {
  rows: { line: number; why: string }[]
  /** The command that prints the import's full report. */
  report: string
}

function describe(outcome: ImportOutcome, skips: Skips | null): object {
  if (outcome.ok && outcome.kind === 'activities') return outcome.activities
  if (!outcome.ok) {
    return {
      file: outcome.fileName,
      error: outcome.error.message,
      code: outcome.error.code,
      ...(outcome.duplicateOf === undefined ? {} : { duplicateOf: outcome.duplicateOf }),
    }
  }
  const { import: summary } = outcome
  return {
    kind: 'leads',
    id: summary.id,
    file: summary.fileName,
    snapshotDate: summary.snapshotDate,
    rows: summary.rows,
    invalid: summary.invalid,
    suspended: summary.suspended,
    skipped: summary.skipped,
    ...(skips ? { skippedRows: skips.rows, report: skips.report } : {}),
  }
}

function printSkips(io: CliIo, skipped: number, skips: Skips): void {
  const shown = skips.rows.length < skipped ? `the first ${skips.rows.length} of ${skipped}` : `${skipped}`
  io.stdout.write(`  skipped rows (${shown}):\n`)
  for (const row of skips.rows) io.stdout.write(`  line ${row.line}: ${row.why}\n`)
  io.stdout.write(`  full report: ${skips.report}\n`)
}

function parseDateOrder(value: string | undefined): DayMonthOrder | undefined {
  if (value === undefined || value === 'day-first' || value === 'month-first') return value
  throw new UsageError(`--date-order: expected day-first or month-first, got '${value}'`)
}

async function skipsOf(context: AppContext, importId: number): Promise<Skips> {
  const report = await invokeOrThrow(context, 'imports:report', { importId })
  return {
    rows: report.skippedRows.slice(0, SKIPPED_ROWS_SHOWN),
    report: `npm run -s cli -- history --import ${importId} --db ${shellQuote(context.dbPath)}`,
  }
}

/** Paths with spaces (the app-data folder on macOS) must survive a copy and paste into a shell. */
function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`
}

/** One line per progress event on stderr, so stdout stays the JSON contract. */
function printProgress(io: CliIo): Emit {
  return (event, payload) => {
    if (event !== 'imports:progress') return
    const progress = payload as IpcEvents['imports:progress']
    io.stderr.write(
      `progress ${progress.fileName}: ${progress.rows} rows, ${progress.bytesRead}/${progress.totalBytes} bytes\n`,
    )
  }
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import Marketo exports (CSV or .xlsx workbooks) into the database',
  usage:
    'import <file.csv|file.xlsx…> [--db <path>] [--snapshot-date YYYY-MM-DD] [--date-order day-first|month-first] [--allow-partial] [--json] [--progress]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean' },
        'snapshot-date': { type: 'string' },
        progress: { type: 'boolean' },
        'date-order': { type: 'string' },
        // For a user who knows a file was cut off (no final line end, or an open quote) and wants its complete rows.
        'allow-partial': { type: 'boolean' },
      },
    })
    if (positionals.length === 0) throw new UsageError('name at least one CSV or .xlsx file to import')
    const snapshotDate = values['snapshot-date']
    if (snapshotDate !== undefined && !isIsoDay(snapshotDate)) {
      throw new UsageError(`--snapshot-date: expected YYYY-MM-DD, got '${snapshotDate}'`)
    }
    const dateOrder = parseDateOrder(values['date-order'])
    return withCliContext(
      values.db,
      async (context) => {
        // The file's modified time is the snapshot date when its name has none, as in the app.
        const files = positionals.map((file) => {
          const path = resolve(file)
          const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs
          return {
            path,
            name: basename(file),
            ...(modified === undefined ? {} : { lastModifiedMs: modified }),
            ...(dateOrder === undefined ? {} : { dateOrder }),
            ...(values['allow-partial'] ? { allowPartial: true } : {}),
          }
        })
        // The import tells Bulk Activity Extract files apart by their header and stores them in
        // the activity history (outcome kind 'activities'), as it does for a dropped file.
        const outcomes = await invokeOrThrow(context, 'imports:run', {
          files,
          ...(snapshotDate === undefined ? {} : { snapshotDate }),
        })
        for (const outcome of outcomes) {
          const skips =
            outcome.ok && outcome.kind === 'leads' && outcome.import.skipped > 0
              ? await skipsOf(context, outcome.import.id)
              : null
          if (values.json) io.stdout.write(`${JSON.stringify(describe(outcome, skips))}\n`)
          else if (outcome.ok && outcome.kind === 'activities') {
            const summary = outcome.activities
            io.stdout.write(
              `${summary.file}: ${summary.events} events (${summary.newEvents} new), ${summary.byType.bounced} bounced, ${summary.byType.bouncedSoft} bounced soft, ${summary.ignored} of other types ignored\n`,
            )
          } else if (outcome.ok) {
            const { rows, invalid, suspended, skipped, id } = outcome.import
            io.stdout.write(
              `${outcome.fileName}: import #${id}, ${rows} rows, ${invalid} invalid, ${suspended} suspended, ${skipped} skipped\n`,
            )
            if (skips) printSkips(io, skipped, skips)
          }
          if (!outcome.ok) {
            const hint = outcome.error.code === 'partial-file' ? ` ${ALLOW_PARTIAL_HINT}` : ''
            io.stderr.write(`${outcome.error.message}${hint}\n`)
          }
        }
        return outcomes.every((outcome) => outcome.ok) ? 0 : 1
      },
      values.progress ? printProgress(io) : undefined,
    )
  },
}
