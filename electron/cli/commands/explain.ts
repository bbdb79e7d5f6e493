import { parseArgs } from 'node:util'
import { explainCode, MARKETO_RULE_OF_THUMB, type CatalogEntry } from '../../shared/catalog/index'
import { UsageError, type CliCommand } from '../command'

function humanText(entry: CatalogEntry): string {
  const lines = [`${entry.code}  ${entry.title}  (${entry.kind}, ${entry.severity})`]
  if (entry.registryTitle !== undefined)
    lines.push(`  Standard name: ${entry.registryTitle}${entry.rfc === undefined ? '' : ` (${entry.rfc})`}`)
  if (entry.marketoWording !== undefined) lines.push(`  Marketo calls it: ${entry.marketoWording}`)
  if (entry.provider !== undefined) lines.push(`  Provider: ${entry.provider}`)
  lines.push(`  What happened: ${entry.explanation}`)
  lines.push(`  What to do: ${entry.action}`)
  for (const note of entry.providerNotes ?? []) lines.push(`  Note (${note.provider}): ${note.note}`)
  if (entry.kind === 'reply' && (entry.code.startsWith('4') || entry.code.startsWith('5'))) {
    lines.push(`  ${MARKETO_RULE_OF_THUMB}`)
  }
  return `${lines.join('\n')}\n`
}

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain an SMTP or provider code (550, 5.7.26, 4.2.2, S3150, TSS04 …)',
  usage: 'explain <code> [--json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true })
    const input = positionals.join(' ').trim()
    if (input === '') throw new UsageError('which code? For example: explain 5.7.26')
    const entry = explainCode(input)
    if (entry === null) {
      io.stderr.write(
        `explain: unknown code '${input}'. Try a reply code (550), an enhanced code (5.1.1) or a provider code (S3150, TSS04).\n`,
      )
      return 1
    }
    io.stdout.write(values.json === true ? `${JSON.stringify(entry)}\n` : humanText(entry))
    return 0
  },
}
