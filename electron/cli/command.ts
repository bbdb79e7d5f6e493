import type { Readable, Writable } from 'node:stream'

/** What a CLI command may touch; tests pass their own streams instead of the process's. */
export interface CliIo {
  stdin: Readable
  stdout: Writable
  stderr: Writable
}

export interface CliCommand {
  name: string
  /** One line for `--help`. */
  summary: string
  usage: string
  /** Resolves to the process exit code. */
  run(args: string[], io: CliIo): Promise<number>
}

/** A usage mistake: printed with the command's usage line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
