/**
 * The browser preview: serves the built renderer on loopback and carries `window.api` to the
 * very handler table the desktop app registers. For machines where Electron cannot run, and
 * for the end-to-end tests. Never bundled into the desktop app.
 */
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, extname, join, normalize, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { CHANNELS, type EventName, type IpcEvents } from '../shared/ipc'
import { startImportWorkerFromSource } from '../main/import/start-worker-node'
import { createAppContext, type AppContext, type AppContextOptions } from '../main/core/app-context'
import { dispatch } from '../main/core/ipc-dispatch'
import { createLog } from '../main/core/log'
import { saveIntoFolder } from '../main/core/save-paths'
import { installBridge, type BridgeConfig } from './bridge-client'

export interface WebServerOptions {
  dbPath: string
  rendererDir: string
  resourcesDir: string
  version: string
  port?: number
  /** Fixed in tests so URLs are predictable; random otherwise. */
  token?: string
  /** Where exports are saved (the preview has no save dialog); default: `exports/` beside the database. */
  exportsDir?: string
  /** Where the log is written; default: `logs/` beside the database. */
  logFolder?: string
  /** Remembers a moved database; only when the preview runs on the desktop app's own data. */
  settingsFile?: string
  /** Runs the watched folder (Settings); the preview has no notifications, its events show in Settings. */
  watch?: AppContextOptions['watch']
}

export interface WebServer {
  url: string
  token: string
  context: AppContext
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

const MAX_JSON_BYTES = 1 << 20

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const uploadDir = await mkdtemp(join(tmpdir(), 'bounce-auditor-upload-'))
  const eventStreams = new Set<ServerResponse>()
  const emit = <E extends EventName>(event: E, payload: IpcEvents[E]): void => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`
    for (const stream of eventStreams) stream.write(frame)
  }
  const log = createLog(options.logFolder ?? join(dirname(options.dbPath), 'logs'))
  log.info('preview started', { version: options.version, node: process.versions.node, os: process.platform })
  const context = createAppContext({
    dbPath: options.dbPath,
    maintainInWorker: true,
    log,
    ...(options.settingsFile ? { settingsFile: options.settingsFile } : {}),
    ...(options.watch ? { watch: options.watch } : {}),
    resourcesDir: options.resourcesDir,
    version: options.version,
    shell: 'web',
    emit,
    startImportWorker: startImportWorkerFromSource,
    chooseSavePath: saveIntoFolder(options.exportsDir ?? join(dirname(options.dbPath), 'exports')),
  })
  const bridgeConfig: BridgeConfig = { token, channels: CHANNELS }
  // tsx (esbuild with keepNames) wraps functions in a `__name` helper that the page does not have.
  const bridgeScript = `(() => {\n  const __name = (target) => target;\n  (${installBridge.toString()})(${JSON.stringify(bridgeConfig)});\n})();\n`
  const rendererRoot = resolve(options.rendererDir)
  let uploads = 0
  let port = 0

  const hasToken = (request: IncomingMessage, url: URL): boolean =>
    request.headers['x-bridge-token'] === token || url.searchParams.get('token') === token

  // A page on another origin could reach a loopback port; a DNS-rebound host name could too.
  const isOwnHost = (request: IncomingMessage): boolean =>
    request.headers.host === `127.0.0.1:${port}` || request.headers.host === `localhost:${port}`

  async function serveStatic(response: ServerResponse, pathname: string): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '') || 'index.html'
    const file = resolve(rendererRoot, relative)
    if (file !== rendererRoot && !file.startsWith(rendererRoot + sep)) return send(response, 403, 'Forbidden')
    const body = await readFile(file).catch(() => null)
    if (body === null) return send(response, 404, 'Not found')
    if (relative === 'index.html') {
      const html = body.toString('utf8').replace('<head>', '<head>\n    <script src="/__bridge.js"></script>')
      return send(response, 200, html, CONTENT_TYPES['.html'])
    }
    send(response, 200, body, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isOwnHost(request)) return send(response, 403, 'Forbidden host')
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`)
    const route = `${request.method ?? 'GET'} ${url.pathname}`
    if (route === 'GET /__bridge.js') return send(response, 200, bridgeScript, CONTENT_TYPES['.js'])
    // Chromium asks for it on every page; the desktop app has its icon from the window instead.
    if (route === 'GET /favicon.ico') return send(response, 204, '')
    if (url.pathname.startsWith('/api/')) {
      if (!hasToken(request, url)) return send(response, 401, 'Missing or wrong bridge token')
      if (route === 'POST /api/invoke') {
        const body = JSON.parse(await readBody(request, MAX_JSON_BYTES)) as { channel?: unknown; request?: unknown }
        return sendJson(response, await dispatch(context.handlers, body.channel, body.request))
      }
      if (route === 'GET /api/events') {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
        response.write(': connected\n\n')
        eventStreams.add(response)
        request.on('close', () => eventStreams.delete(response))
        return
      }
      if (route === 'POST /api/upload') {
        uploads += 1
        const name = (url.searchParams.get('name') ?? 'upload.csv').replace(/[^\w.\- ]+/g, '_').slice(0, 120)
        const target = join(uploadDir, `${uploads}-${name}`)
        await pipeline(request, createWriteStream(target))
        return sendJson(response, { path: target })
      }
      return send(response, 404, 'No such API route')
    }
    if (request.method !== 'GET') return send(response, 405, 'Method not allowed')
    return serveStatic(response, url.pathname === '/' ? '/index.html' : url.pathname)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('preview request failed', error)
      if (!response.headersSent) send(response, 400, error instanceof Error ? error.message : 'Bad request')
      else response.end()
    })
  })
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    context,
    async close() {
      for (const stream of eventStreams) stream.end()
      const closed = new Promise<void>((resolvePromise) => server.close(() => resolvePromise()))
      // A browser keeps idle keep-alive sockets open; close() alone would wait for them.
      server.closeAllConnections()
      await closed
      context.close()
      await rm(uploadDir, { recursive: true, force: true })
    },
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  response.end(body)
}

function sendJson(response: ServerResponse, value: unknown): void {
  send(response, 200, JSON.stringify(value), 'application/json; charset=utf-8')
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error('Request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
