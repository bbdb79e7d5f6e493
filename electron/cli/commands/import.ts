import { statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isIsoDay } from '../../shared/validate'
import type { DayMonthOrder, ImportOutcome, IpcEvents } from '../../shared/ipc'
import type { Emit } from '../../main/core/handler-deps'
import { UsageError, type CliCommand, type CliIo } from '../command'
import { invokeOrThrow, withCliContext } from '../context'

function describe(outcome: ImportOutcome): Record<string, unknown> {
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
    id: summary.id,
    file: summary.fileName,
    snapshotDate: summary.snapshotDate,
    rows: summary.rows,
    invalid: summary.invalid,
    suspended: summary.suspended,
    skipped: summary.skipped,
  }
}

function parseDateOrder(value: string | undefined): DayMonthOrder | undefined {
  if (value === undefined || value === 'day-first' || value === 'month-first') return value
  throw new UsageError(`--date-order: expected day-first or month-first, got '${value}'`)
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
  summary: 'Import Marketo CSV exports into the database',
  usage:
    'import <file.csv…> [--db <path>] [--snapshot-date YYYY-MM-DD] [--date-order day-first|month-first] [--json] [--progress]',
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
      },
    })
    if (positionals.length === 0) throw new UsageError('name at least one CSV file to import')
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
          }
        })
        const outcomes = await invokeOrThrow(context, 'imports:run', {
          files,
          ...(snapshotDate === undefined ? {} : { snapshotDate }),
        })
        for (const outcome of outcomes) {
          if (values.json) io.stdout.write(`${JSON.stringify(describe(outcome))}\n`)
          else if (outcome.ok) {
            const { rows, invalid, suspended, skipped, id } = outcome.import
            io.stdout.write(
              `${outcome.fileName}: import #${id}, ${rows} rows, ${invalid} invalid, ${suspended} suspended, ${skipped} skipped\n`,
            )
          }
          if (!outcome.ok) io.stderr.write(`${outcome.error.message}\n`)
        }
        return outcomes.every((outcome) => outcome.ok) ? 0 : 1
      },
      values.progress ? printProgress(io) : undefined,
    )
  },
}
