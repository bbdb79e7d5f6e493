import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Channel, Envelope, IpcEvents, RequestOf, ResponseOf } from '../../electron/shared/ipc'
import { createAppContext, type AppContext } from '../../electron/main/core/app-context'
import { dispatch } from '../../electron/main/core/ipc-dispatch'
import { startImportWorkerFromSource } from '../../electron/main/import/start-worker-node'
import { saveIntoFolder } from '../../electron/main/core/save-paths'
import { RESOURCES_DIR } from '../../electron/main/core/repo-paths'
import { CSV_FIXTURES, useTempDir } from '../helpers/temp-dir'

const tempDir = useTempDir()
let context: AppContext | null = null
afterEach(() => context?.close())

function start(): { events: { event: string; payload: unknown }[] } {
  const events: { event: string; payload: unknown }[] = []
  context = createAppContext({
    dbPath: join(tempDir(), 'app.db'),
    resourcesDir: RESOURCES_DIR,
    version: 'test',
    shell: 'web',
    emit: <E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]) => void events.push({ event, payload }),
    startImportWorker: startImportWorkerFromSource,
    chooseSavePath: saveIntoFolder(join(tempDir(), 'exports')),
  })
  return { events }
}

async function call<K extends Channel>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  if (!context) throw new Error('start() first')
  const envelope = (await dispatch(context.handlers, channel, request)) as Envelope<ResponseOf<K>>
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code })
  return envelope.value
}

function writeCsv(name: string, text: string): { path: string; name: string } {
  const path = join(tempDir(), name)
  writeFileSync(path, text)
  return { path, name }
}

// A report from another tool: German labels Marketo's mapping cannot know, the address third.
const FOREIGN =
  'Vorname;Firma;Adresse;Fehler\nAna;Northwind;ana@x.example;550 5.1.1 User unknown\nBo;Contoso;bo@x.example;\n'

describe('the handler table, through dispatch and the import worker', () => {
  it('imports through a worker thread, with progress and a change event', async () => {
    const { events } = start()
    const [outcome] = await call('imports:run', {
      files: [
        {
          path: join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'),
          name: 'weekly-deliverability-2026-11-13.csv',
        },
      ],
    })
    expect(outcome).toMatchObject({ ok: true, import: { rows: 5, invalid: 3 } })
    expect(events.some((e) => e.event === 'imports:progress')).toBe(true)
    expect(events.at(-1)).toMatchObject({ event: 'imports:changed' })
    const overview = await call('overview:get', {})
    expect(overview.byVerdict.reduce((sum, v) => sum + v.rows, 0)).toBe(3)
  })

  it('asks for a column mapping, previews the file, imports with the choice and remembers it', async () => {
    start()
    const first = writeCsv('partner-report.csv', FOREIGN)
    const [refused] = await call('imports:run', { files: [first] })
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs-mapping' } })

    const preview = await call('imports:inspect', { file: first })
    expect(preview).toMatchObject({
      header: ['Vorname', 'Firma', 'Adresse', 'Fehler'],
      rows: [
        ['Ana', 'Northwind', 'ana@x.example', '550 5.1.1 User unknown'],
        ['Bo', 'Contoso', 'bo@x.example', ''],
      ],
      source: 'none',
      delimiter: ';',
    })

    const [imported] = await call('imports:run', { files: [{ ...first, mapping: { email: 2, emailInvalidCause: 3 } }] })
    expect(imported).toMatchObject({ ok: true, import: { rows: 2, invalid: 1 } })

    // Next week's file with the same header needs no question.
    const second = writeCsv('partner-report-2.csv', FOREIGN.replace('Bo;', 'Cy;'))
    expect((await call('imports:inspect', { file: second })).source).toBe('remembered')
    const [again] = await call('imports:run', { files: [second] })
    expect(again).toMatchObject({ ok: true, import: { rows: 2 } })
    if (!again?.ok || again.kind !== 'leads') throw new Error('expected a lead import')
    const report = await call('imports:report', { importId: again.import.id })
    expect(report).toMatchObject({ columns: 'remembered', unknownColumns: ['Vorname', 'Firma'], delimiter: ';' })
  })

  it('refuses a mapping that does not fit the file, and bad payloads, with typed errors', async () => {
    start()
    const file = writeCsv('x.csv', FOREIGN)
    const [outcome] = await call('imports:run', { files: [{ ...file, mapping: { email: 9 } }] })
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'bad-file', message: expect.stringMatching(/column 10, but the file has 4 columns/) as string },
    })
    await expect(call('imports:report', { importId: 0 })).rejects.toMatchObject({ code: 'bad-request' })
    await expect(call('imports:report', { importId: 77 })).rejects.toMatchObject({ code: 'not-found' })
    await expect(
      call('imports:run', { files: [{ ...file, mapping: { password: 1 } as unknown as { email: number } }] }),
    ).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/unknown field 'password'/) as string,
    })
  })

  it('saves the remove and review lists where the shell says, and checks the scope first', async () => {
    start()
    await call('imports:run', {
      files: [
        {
          path: join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'),
          name: 'weekly-deliverability-2026-11-13.csv',
        },
      ],
    })
    const removal = await call('exports:remove-list', {})
    // Ana's user-unknown is the one bad address; Cy's Spamhaus block and Flo's full mailbox are for review.
    expect(removal).toMatchObject({ saved: true, rows: 1 })
    if (!removal.saved) throw new Error('expected a saved file')
    expect(removal.path).toBe(join(tempDir(), 'exports', 'bounce-auditor-remove-2026-11-13.csv'))
    const text = readFileSync(removal.path, 'utf8')
    expect(text.startsWith('\ufeffEmail Address,')).toBe(true)
    expect(text).toContain('ana@northwind.example')
    const review = await call('exports:review-list', {})
    expect(review).toMatchObject({ saved: true, rows: 2 })
    await expect(call('exports:remove-list', { importId: 1, from: '2026-01-01' })).rejects.toMatchObject({
      code: 'bad-request',
    })
    await expect(call('exports:remove-list', { importId: 42 })).rejects.toMatchObject({ code: 'not-found' })
  })
})
