/**
 * Activity files come in the same ways as lead exports: a file dropped or picked goes to
 * `imports:run`, which tells a Bulk Activity Extract file apart by its header. Cancel
 * (`imports:cancel`) stops an activity import as it stops a lead import, and leaves nothing.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Channel, Envelope, IpcEvents, RequestOf, ResponseOf } from '../../../electron/shared/ipc'
import { createAppContext, type AppContext } from '../../../electron/main/core/app-context'
import { dispatch } from '../../../electron/main/core/ipc-dispatch'
import { startImportWorkerFromSource } from '../../../electron/main/import/start-worker-node'
import { saveIntoFolder } from '../../../electron/main/core/save-paths'
import { RESOURCES_DIR } from '../../../electron/main/core/repo-paths'
import { openDatabase } from '../../../electron/main/db/open'
import { writeActivityFile } from '../../../bench/generate-activities'
import { CSV_FIXTURES, FIXTURES, useTempDir } from '../../helpers/temp-dir'

const DIR = join(FIXTURES, 'activities')
const activityFile = (name: string): { path: string; name: string } => ({ path: join(DIR, name), name })
const LEADS = {
  path: join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'),
  name: 'weekly-deliverability-2026-11-13.csv',
}

const tempDir = useTempDir()
let context: AppContext | null = null
afterEach(() => context?.close())

type Events = { event: string; payload: unknown }[]

function start(onEvent?: (event: string) => void): { events: Events; dbPath: string } {
  const events: Events = []
  const dbPath = join(tempDir(), 'app.db')
  context = createAppContext({
    dbPath,
    resourcesDir: RESOURCES_DIR,
    version: 'test',
    shell: 'web',
    emit: <E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]) => {
      events.push({ event, payload })
      onEvent?.(event)
    },
    startImportWorker: startImportWorkerFromSource,
    chooseSavePath: saveIntoFolder(join(tempDir(), 'exports')),
  })
  return { events, dbPath }
}

async function call<K extends Channel>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  if (!context) throw new Error('start() first')
  const envelope = (await dispatch(context.handlers, channel, request)) as Envelope<ResponseOf<K>>
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code })
  return envelope.value
}

/** Rows in every activity table and in the snapshots' imports, read through a fresh connection. */
function stored(dbPath: string): Record<string, number> {
  const db = openDatabase(dbPath)
  try {
    const count = (table: string): number =>
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1
    return {
      events: count('activity_events'),
      files: count('activity_files'),
      leads: count('activity_leads'),
      details: count('activity_details'),
      imports: count('imports'),
    }
  } finally {
    db.close()
  }
}

describe('activity files through the lead import’s ways in', () => {
  it('routes an activity file by its header, beside a lead export, with progress and a change event', async () => {
    const { events, dbPath } = start()
    const outcomes = await call('imports:run', { files: [activityFile('activities-2026-03-a.csv'), LEADS] })
    expect(outcomes[0]).toMatchObject({
      ok: true,
      kind: 'activities',
      fileName: 'activities-2026-03-a.csv',
      activities: { kind: 'activities', events: 9, newEvents: 9, ignored: 1 },
    })
    expect(outcomes[1]).toMatchObject({ ok: true, kind: 'leads', import: { rows: 5 } })
    const progress = events.filter((e) => e.event === 'imports:progress').map((e) => e.payload)
    expect(progress).toContainEqual(expect.objectContaining({ fileName: 'activities-2026-03-a.csv', fileIndex: 0 }))
    expect(events.at(-1)).toMatchObject({ event: 'imports:changed' })
    // The activity file made no snapshot: one import (the lead export), nine events.
    expect(stored(dbPath)).toMatchObject({ events: 9, files: 1, imports: 1 })

    // An overlapping window adds only what is new, and still says it was an activity file.
    const [overlap] = await call('imports:run', { files: [activityFile('activities-2026-03-b.csv')] })
    expect(overlap).toMatchObject({ kind: 'activities', activities: { events: 6, newEvents: 3 } })
    // Three worker jobs; a busy two-core machine needs more than the default time.
  }, 60_000)

  it('refuses a bad activity file with its line and column, storing nothing', async () => {
    const { dbPath } = start()
    const [outcome] = await call('imports:run', { files: [activityFile('bad-attributes.csv')] })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-file' } })
    if (outcome?.ok !== false) throw new Error('expected a refusal')
    expect(outcome.error.message).toMatch(/line 3, column 8 \(attributes\)/)
    expect(stored(dbPath)).toMatchObject({ events: 0, files: 0, leads: 0, imports: 0 })
  })

  it('refuses a file that mixes lead and activity columns as an activity file would be', async () => {
    start()
    const [outcome] = await call('imports:run', { files: [activityFile('mixed-header.csv')] })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-file', message: expect.stringMatching(/mixes/) } })
  })
})

describe('Cancel stops a running activity import and leaves nothing', () => {
  // Large enough that the import is still reading when the first progress report arrives.
  const EVENTS = 150_000

  it.each(['imports:run', 'activity:import'] as const)(
    'through %s',
    async (channel) => {
      const path = join(tempDir(), 'activities-big.csv')
      writeActivityFile(path, { events: EVENTS })
      let cancelled: Promise<{ cancelled: boolean }> | null = null
      const { dbPath } = start((event) => {
        // The first progress report: the worker is inside its transaction, reading the file.
        if (event === 'imports:progress' && cancelled === null) cancelled = call('imports:cancel', {})
      })
      const file = { path, name: 'activities-big.csv' }
      const attempt =
        channel === 'imports:run'
          ? call('imports:run', { files: [file] }).then(([outcome]) => outcome)
          : call('activity:import', { file }).then(
              (summary) => ({ ok: true, summary }),
              (error: unknown) => ({
                ok: false,
                error: { code: (error as { code?: string }).code, message: String(error) },
              }),
            )
      const outcome = await attempt
      expect(await cancelled).toEqual({ cancelled: true })
      expect(outcome).toMatchObject({
        ok: false,
        error: { code: 'cancelled', message: expect.stringMatching(/nothing was saved/) },
      })
      expect(stored(dbPath)).toEqual({ events: 0, files: 0, leads: 0, details: 0, imports: 0 })
      // Nothing runs any more: a second Cancel has nothing to stop, and the same file imports whole.
      expect(await call('imports:cancel', {})).toEqual({ cancelled: false })
      const [again] = await call('imports:run', { files: [file] })
      expect(again).toMatchObject({ ok: true, kind: 'activities', activities: { newEvents: expect.any(Number) } })
    },
    60_000,
  )
})
