import { UsageError, type CliCommand, type CliIo } from './command'
import { classifyCommand } from './commands/classify'
import { diffCommand } from './commands/diff'
import { explainCommand } from './commands/explain'
import { exportCommand } from './commands/export'
import { historyCommand } from './commands/history'
import { hygieneCommand } from './commands/hygiene'
import { importCommand } from './commands/import'
import { policyCommand } from './commands/policy'

export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  historyCommand,
  diffCommand,
  classifyCommand,
  explainCommand,
  exportCommand,
  policyCommand,
  hygieneCommand,
]

function help(): string {
  const lines = COMMANDS.map((command) => `  ${command.usage.padEnd(64)} ${command.summary}`)
  return `Bounce Auditor command line\n\nUsage: npm run -s cli -- <command> [options]\n\n${lines.join('\n')}\n\nWithout --db, commands use the desktop app's database.\n`
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(help())
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS.find((candidate) => candidate.name === name)
  if (!command) {
    io.stderr.write(`Unknown command '${name}'.\n\n${help()}`)
    return 2
  }
  try {
    return await command.run(args, io)
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr.write(`${command.name}: ${error.message}\nUsage: npm run -s cli -- ${command.usage}\n`)
      return 2
    }
    io.stderr.write(`${command.name}: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}
