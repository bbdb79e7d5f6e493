import { parseArgs } from 'node:util'
import { ApiError } from '../../shared/ipc'
import { createHygieneQueries, type StoredFinding } from '../../main/db/hygiene-store'
import { UsageError, type CliCommand } from '../command'
import { withCliContext } from '../context'

/** Plain words for each flag, as the app shows them. */
const FLAG_WORDS = {
  typo: 'likely typo',
  role: 'role address',
  disposable: 'throwaway domain',
  malformed: 'not a valid address',
} as const

export const hygieneCommand: CliCommand = {
  name: 'hygiene',
  summary: 'Addresses with likely typos, role mailboxes, throwaway domains or a broken shape',
  usage: 'hygiene [--db <path>] [--import <id>] [--json]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, json: { type: 'boolean' }, import: { type: 'string' } },
    })
    let importId: number | undefined
    if (values.import !== undefined) {
      importId = Number(values.import)
      if (!Number.isSafeInteger(importId) || importId < 1)
        throw new UsageError(`--import: expected an import id, got '${values.import}'`)
    }
    return withCliContext(values.db, async (context) => {
      if (!context.db) throw new ApiError('db-unavailable', context.dbError ?? 'the database is not open')
      const queries = createHygieneQueries(context.db)
      if (importId !== undefined && !queries.hasImport(importId)) {
        throw new ApiError('not-found', `There is no import #${importId}; 'history' lists them.`)
      }
      const write = (text: string): void => void io.stdout.write(text)
      if (values.json) {
        for (const finding of queries.findings(importId)) write(`${JSON.stringify(jsonOf(finding))}\n`)
        return 0
      }
      const rows = [...queries.findings(importId)]
      write(`${summaryLine(rows, importId)}\n`)
      if (rows.length > 0) write(table(rows, importId !== undefined))
      return 0
    })
  },
}

/** The `--json` line: the issue's shape; `suggestion` only for typos. */
function jsonOf(finding: StoredFinding): Record<string, unknown> {
  return {
    leadId: finding.leadId,
    email: finding.email,
    registrableDomain: finding.registrableDomain,
    flags: finding.flags,
    ...(finding.flags.includes('typo') ? { suggestion: finding.suggestion } : {}),
  }
}

function summaryLine(rows: readonly StoredFinding[], importId: number | undefined): string {
  const where = importId === undefined ? 'in the database' : `in snapshot #${importId}`
  if (rows.length === 0) return `No address problems found ${where}.`
  const count = (flag: StoredFinding['flags'][number]): number => rows.filter((row) => row.flags.includes(flag)).length
  const typos = count('typo')
  const typoInvalid = rows.filter((row) => row.flags.includes('typo') && row.invalid).length
  const parts = [
    `${typos} likely ${typos === 1 ? 'typo' : 'typos'} you can fix${importId === undefined ? '' : ` (${typoInvalid} of them marked invalid)`}`,
    `${count('role')} role ${count('role') === 1 ? 'address' : 'addresses'}`,
    `${count('disposable')} at throwaway domains`,
    `${count('malformed')} not valid`,
  ]
  return `${rows.length} ${rows.length === 1 ? 'lead' : 'leads'} with address problems ${where}: ${parts.join(', ')}.`
}

function table(rows: readonly StoredFinding[], withState: boolean): string {
  const header = ['Id', 'Email', 'Problem', 'Suggested fix', 'Registrable domain', ...(withState ? ['Invalid'] : [])]
  const cells = rows.map((row) => [
    row.marketoId ?? '',
    row.email,
    row.flags.map((flag) => FLAG_WORDS[flag]).join(', '),
    row.suggestion ?? '',
    row.registrableDomain ?? '',
    ...(withState ? [row.invalid ? 'yes' : ''] : []),
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
  )
  const format = (line: readonly string[]): string =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  return `\n${[format(header), format(widths.map((width) => '-'.repeat(width))), ...cells.map(format)].join('\n')}\n`
}
