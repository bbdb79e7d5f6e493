import { parseArgs } from 'node:util'
import type { ImportReportView } from '../../shared/ipc'
import { UsageError, type CliCommand } from '../command'
import { invokeOrThrow, withCliContext } from '../context'

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'List the imported snapshots, newest first',
  usage: 'history [--import <id>] [--db <path>] [--json]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, json: { type: 'boolean' }, import: { type: 'string' } },
    })
    if (values.import !== undefined) {
      const importId = Number(values.import)
      if (!Number.isSafeInteger(importId) || importId < 1)
        throw new UsageError(`--import: expected an import id, got '${values.import}'`)
      return withCliContext(values.db, async (context) => {
        const report = await invokeOrThrow(context, 'imports:report', { importId })
        io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : reportText(report))
        return 0
      })
    }
    return withCliContext(values.db, async (context) => {
      const imports = await invokeOrThrow(context, 'imports:list', {})
      // Tallies by reason and verdict only for --json: the text listing stays one line per import.
      const counts = values.json
        ? new Map((await invokeOrThrow(context, 'history:counts', {})).map((entry) => [entry.importId, entry]))
        : new Map<number, never>()
      for (const item of imports) {
        if (values.json) {
          io.stdout.write(
            `${JSON.stringify({
              id: item.id,
              file: item.fileName,
              listName: item.listName,
              snapshotDate: item.snapshotDate,
              rows: item.rows,
              invalid: item.invalid,
              suspended: item.suspended,
              skipped: item.skipped,
              importedAt: item.importedAt,
              byReason: counts.get(item.id)?.byReason ?? {},
              byVerdict: counts.get(item.id)?.byVerdict ?? {},
            })}\n`,
          )
        } else {
          io.stdout.write(
            `#${item.id}  ${item.snapshotDate}  ${item.fileName}  ${item.rows} rows, ${item.invalid} invalid, ${item.suspended} suspended\n`,
          )
        }
      }
      if (!values.json && imports.length === 0) io.stdout.write('No imports yet.\n')
      return 0
    })
  },
}

/** One import's full report: how the file was read, and every skipped row the import kept. */
function reportText(report: ImportReportView): string {
  const { import: summary } = report
  const lines = [
    `#${summary.id}  ${summary.snapshotDate}  ${summary.fileName}  ${summary.rows} rows, ${summary.invalid} invalid, ${summary.suspended} suspended, ${summary.skipped} skipped`,
    `read as ${report.encoding}, delimiter ${report.delimiter}, columns from ${report.columns}${report.dateOrder ? `, dates ${report.dateOrder}` : ''}`,
    `blank rows ${report.blankRows}, addresses on more than one lead ${report.duplicateEmails}`,
  ]
  if (report.unknownColumns.length > 0) lines.push(`columns not read: ${report.unknownColumns.join(', ')}`)
  if (report.repeatedColumns.length > 0) lines.push(`repeated columns: ${report.repeatedColumns.join(', ')}`)
  const listed = (title: string, total: number, rows: { line: number; why: string }[]): void => {
    if (rows.length === 0) return
    lines.push(`${title} (${rows.length < total ? `the first ${rows.length} of ${total}` : total}):`)
    for (const row of rows) lines.push(`  line ${row.line}: ${row.why}`)
  }
  listed('skipped rows', summary.skipped, report.skippedRows)
  listed('unreadable dates, stored as empty', report.unreadableDates.length, report.unreadableDates)
  return `${lines.join('\n')}\n`
}
