import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultUserDataDir } from '../main/core/paths'
import { resolveDbPath, settingsFileIn } from '../main/settings/location'
import { RENDERER_OUT_DIR, RESOURCES_DIR, packageVersion } from '../main/core/repo-paths'
import { startWebServer } from './server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    db: { type: 'string' },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port: expected a port number, got '${values.port ?? ''}'\n`)
  process.exit(2)
}
if (!existsSync(join(RENDERER_OUT_DIR, 'index.html'))) {
  process.stderr.write(`No built renderer in ${RENDERER_OUT_DIR}. Run 'npm run build' first (npm run web does).\n`)
  process.exit(1)
}

// On the desktop app's own data the preview follows (and remembers) a move; with --db it does not.
const userData = defaultUserDataDir()
const dbPath = resolve(values.db ?? resolveDbPath(userData))
const server = await startWebServer({
  dbPath,
  ...(values.db ? {} : { settingsFile: settingsFileIn(userData), logFolder: join(userData, 'logs') }),
  port,
  // The folder is typed in Settings (no native dialog here); what lands there shows in Settings.
  watch: {},
  rendererDir: RENDERER_OUT_DIR,
  resourcesDir: RESOURCES_DIR,
  version: packageVersion(),
})
process.stdout.write(`Bounce Auditor preview (database: ${dbPath})\nOpen ${server.url}\nPress Ctrl+C to stop.\n`)
if (server.context.dbError) process.stderr.write(`${server.context.dbError}\n`)

const stop = (): void => {
  void server.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
