import { parseArgs } from 'node:util'
import { DIFF_KINDS } from '../../shared/ipc'
import { UsageError, type CliCommand } from '../command'
import { invokeOrThrow, withCliContext } from '../context'

function importId(value: string | undefined, which: string): number {
  const id = Number(value)
  if (value === undefined || !Number.isSafeInteger(id) || id < 1)
    throw new UsageError(`${which}: expected an import id`)
  return id
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Compare two snapshots: newly invalid, recovered, still invalid …',
  usage: 'diff <importA> <importB> [--db <path>] [--json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { db: { type: 'string' }, json: { type: 'boolean' } },
    })
    if (positionals.length !== 2) throw new UsageError('give two import ids (see `history`)')
    const importA = importId(positionals[0], 'importA')
    const importB = importId(positionals[1], 'importB')
    return withCliContext(values.db, async (context) => {
      const diff = await invokeOrThrow(context, 'diff:get', { importA, importB })
      if (values.json) {
        const counts = Object.fromEntries(DIFF_KINDS.map((kind) => [kind, diff[kind]]))
        io.stdout.write(`${JSON.stringify({ importA, importB, ...counts })}\n`)
        return 0
      }
      io.stdout.write(
        `#${importA} ${diff.importA.snapshotDate} (${diff.importA.listName}) → #${importB} ${diff.importB.snapshotDate} (${diff.importB.listName})\n`,
      )
      for (const kind of DIFF_KINDS) io.stdout.write(`  ${kind.padEnd(15)} ${diff[kind]}\n`)
      return 0
    })
  },
}
