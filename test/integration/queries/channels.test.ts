import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Channel, Envelope, IpcEvents, RequestOf, ResponseOf } from '../../../electron/shared/ipc'
import { createAppContext, type AppContext } from '../../../electron/main/core/app-context'
import { dispatch } from '../../../electron/main/core/ipc-dispatch'
import { startImportWorkerFromSource } from '../../../electron/main/import/start-worker-node'
import { neverSave } from '../../../electron/main/core/save-paths'
import { RESOURCES_DIR } from '../../../electron/main/core/repo-paths'
import { useTempDir } from '../../helpers/temp-dir'
import { buildHistory } from './history-fixture'

const tempDir = useTempDir()
let context: AppContext | null = null
afterEach(() => context?.close())

async function start() {
  const built = await buildHistory(tempDir())
  built.db.close()
  const events: { event: string; payload: unknown }[] = []
  context = createAppContext({
    dbPath: join(tempDir(), 'history.db'),
    resourcesDir: RESOURCES_DIR,
    version: 'test',
    shell: 'web',
    emit: <E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]) => void events.push({ event, payload }),
    startImportWorker: startImportWorkerFromSource,
    chooseSavePath: neverSave,
  })
  return { ids: built.ids, events }
}

async function call<K extends Channel>(channel: K, request: unknown): Promise<ResponseOf<K>> {
  if (!context) throw new Error('start() first')
  const envelope = (await dispatch(context.handlers, channel, request)) as Envelope<ResponseOf<K>>
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code })
  return envelope.value
}

describe('history, trend, explorer and diff channels through dispatch', () => {
  it('answers each channel', async () => {
    const { ids } = await start()
    expect((await call('overview:get', {})).comparison?.newlyInvalid).toBe(2)
    expect((await call('history:newly-invalid', {})).map((entry) => entry.newlyInvalid)).toEqual([null, 2, 2])
    expect((await call('history:counts', undefined)).length).toBe(3)
    expect((await call('trends:series', { verdict: 'remove' })).rowLevel).toBe(true)
    const page = await call('explorer:page', { importId: ids.S3, invalid: true, limit: 2 })
    expect(page).toMatchObject({ total: 4, totalExact: true })
    expect(page.nextCursor).toEqual(expect.any(String))
    const timeline = await call('leads:timeline', { leadId: page.rows[0]?.leadId ?? 0 })
    expect(timeline.entries.length).toBeGreaterThan(0)
    expect(await call('diff:get', { importA: ids.S1, importB: ids.S3 })).toMatchObject({ newlyInvalid: 2 })
    expect((await call('diff:rows', { importA: ids.S1, importB: ids.S3, kind: 'recovered' })).total).toBe(1)
  })

  it('updates and deletes imports, telling the renderer', async () => {
    const { ids, events } = await start()
    const request: RequestOf<'imports:update'> = { importId: ids.S2, listName: 'Bounces' }
    expect((await call('imports:update', request)).listName).toBe('Bounces')
    expect((await call('imports:delete', { importId: ids.S2 })).deleted.id).toBe(ids.S2)
    expect(events.filter((event) => event.event === 'imports:changed')).toHaveLength(2)
    expect((await call('imports:list', {})).map((item) => item.id)).toEqual([ids.S3, ids.S1])
    await expect(call('imports:delete', { importId: ids.S2 })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('moves a snapshot whose date is corrected (in the worker) and recounts what changed around it', async () => {
    const { ids } = await start()
    const moved = await call('imports:update', { importId: ids.S1, snapshotDate: '2026-11-25' })
    expect(moved).toMatchObject({ id: ids.S1, snapshotDate: '2026-11-25', snapshotDateSource: 'user' })
    expect((await call('imports:list', {})).map((item) => item.id)).toEqual([ids.S1, ids.S3, ids.S2])
    // Now Nov 13, Nov 20, Nov 25: cy returns and dee bounces again on the 20th (ann recovers);
    // ann bounces again on the 25th, and lead 6 (invalid on the 20th) is valid there.
    expect((await call('history:newly-invalid', {})).map((entry) => [entry.newlyInvalid, entry.recovered])).toEqual([
      [null, null],
      [2, 1],
      [1, 1],
    ])
    await expect(call('imports:update', { importId: 999, snapshotDate: '2026-11-25' })).rejects.toMatchObject({
      code: 'not-found',
    })
  })

  it('forgets remembered results when the database changes, from this connection or another', async () => {
    const { ids } = await start()
    expect((await call('trends:series', { verdict: 'remove' })).points).toHaveLength(3)
    expect((await call('diff:get', { importA: ids.S1, importB: ids.S3 })).newlyInvalid).toBe(2)
    await call('imports:delete', { importId: ids.S2 })
    expect((await call('trends:series', { verdict: 'remove' })).points).toHaveLength(2)
    expect((await call('history:newly-invalid', {})).map((entry) => entry.newlyInvalid)).toEqual([null, 2])
    // Another connection (as the import worker has) deletes S1: this one sees the new data version.
    const { openDatabase } = await import('../../../electron/main/db/open')
    const { createImportEditStore } = await import('../../../electron/main/db/import-edit-store')
    const other = openDatabase(join(tempDir(), 'history.db'))
    createImportEditStore(other).delete(ids.S1)
    other.close()
    expect((await call('trends:series', { verdict: 'remove' })).points).toHaveLength(1)
    expect((await call('history:newly-invalid', {})).map((entry) => entry.newlyInvalid)).toEqual([null])
  })

  it('refuses bad requests with typed errors', async () => {
    const { ids } = await start()
    const bad = async (channel: Channel, request: unknown, message: RegExp) =>
      expect(call(channel, request)).rejects.toMatchObject({
        code: 'bad-request',
        message: expect.stringMatching(message) as string,
      })
    await bad('explorer:page', { importId: ids.S3, limit: 500 }, /limit: expected a whole number from 1 to 200/)
    await bad('explorer:page', { importId: ids.S3, reason: 'nope' }, /reason: expected one of/)
    await bad('explorer:page', { importId: ids.S3, code: '5.1' }, /code: expected a reply code/)
    await bad('explorer:page', { importId: ids.S3, offset: 100 }, /unexpected field 'offset'/)
    await bad('explorer:page', { importId: ids.S3, after: 'garbage' }, /not a cursor/)
    await bad('trends:series', { from: '2026-13-01' }, /from: expected a date/)
    await bad('imports:update', { importId: ids.S1 }, /nothing to change/)
    await bad('diff:rows', { importA: ids.S1, importB: ids.S2, kind: 'everything' }, /kind: expected one of/)
    await bad('leads:timeline', { leadId: -1 }, /leadId: expected an id/)
    await expect(call('diff:get', { importA: ids.S1, importB: 999 })).rejects.toMatchObject({ code: 'not-found' })
  })
})
