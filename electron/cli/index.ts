/** The command-line entry (`npm run -s cli -- <command> …`): the app's handlers without Electron. */
import { runCli } from './run-cli'

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
})
