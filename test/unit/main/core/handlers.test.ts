import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../../../electron/shared/ipc'
import { createHandlers } from '../../../../electron/main/core/handlers'
import { createWriteQueue } from '../../../../electron/main/core/write-queue'
import { neverSave } from '../../../../electron/main/core/save-paths'

describe('the handler registry', () => {
  it('composes every channel of the contract from the features, and answers db-unavailable without a database', async () => {
    const handlers = createHandlers({
      db: null,
      dbPath: '/nowhere/test.db',
      dbError: 'not opened in this test',
      notices: [],
      startImportWorker: () => {
        throw new Error('no worker in this test')
      },
      emit: () => undefined,
      sampleFile: { path: '/nowhere/sample.csv', name: 'sample.csv' },
      version: 'test',
      shell: 'web',
      chooseSavePath: neverSave,
    })
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort())
    expect(() => handlers['overview:get']({})).toThrow('not opened in this test')
    await expect(async () => handlers['imports:inspect']({ file: { path: '/x.csv', name: 'x.csv' } })).rejects.toThrow(
      'not opened in this test',
    )
  })
})

describe('the write queue', () => {
  it('runs writes one at a time in order, and is busy until the last one settles', async () => {
    const queue = createWriteQueue()
    const order: string[] = []
    let release: () => void = () => undefined
    const first = queue.enqueue(
      () =>
        new Promise<void>((resolve) => {
          order.push('first started')
          release = () => {
            order.push('first done')
            resolve()
          }
        }),
    )
    const second = queue.enqueue(async () => {
      order.push('second started')
      throw new Error('second fails')
    })
    const third = queue.enqueue(async () => order.push('third started'))
    await Promise.resolve()
    expect(queue.busy()).toBe(true)
    expect(order).toEqual(['first started'])
    release()
    await first
    await expect(second).rejects.toThrow('second fails')
    await third
    expect(order).toEqual(['first started', 'first done', 'second started', 'third started'])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(queue.busy()).toBe(false)
  })
})
