import { PassThrough } from 'node:stream'
import type { CliIo } from '../../electron/cli/command'

/** In-memory streams for running a CLI command in-process and reading what it printed. */
export function cliHarness(): { io: CliIo; stdin: PassThrough; output: () => string; errors: () => string } {
  const stdin = new PassThrough()
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  return { io: { stdin, stdout, stderr }, stdin, output: () => out, errors: () => err }
}
