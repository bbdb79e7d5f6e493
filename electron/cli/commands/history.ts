import { parseArgs } from 'node:util'
import type { CliCommand } from '../command'
import { invokeOrThrow, withCliContext } from '../context'

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'List the imported snapshots, newest first',
  usage: 'history [--db <path>] [--json]',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' } } })
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
