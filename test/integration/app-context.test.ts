import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppContext } from '../../electron/main/core/app-context'
import { dispatch } from '../../electron/main/core/ipc-dispatch'
import { startImportWorkerFromSource } from '../../electron/main/import/start-worker-node'
import { MAINTENANCE_NOTICE } from '../../electron/main/core/handlers'
import { importFile } from '../../electron/main/import/import-file'
import { openDatabase } from '../../electron/main/db/open'
import { SAMPLE_FILE_NAME } from '../../electron/main/core/paths'
import { RESOURCES_DIR } from '../../electron/main/core/repo-paths'
import { neverSave } from '../../electron/main/core/save-paths'
import { useTempDir } from '../helpers/temp-dir'

const tempDir = useTempDir()

function contextFor(dbPath: string): ReturnType<typeof createAppContext> {
  return createAppContext({
    dbPath,
    resourcesDir: RESOURCES_DIR,
    version: 'test',
    shell: 'web',
    emit: () => undefined,
    startImportWorker: startImportWorkerFromSource,
    chooseSavePath: neverSave,
  })
}

describe('a database that cannot be opened', () => {
  it.each([
    [
      'a folder where the file should be',
      (dir: string) => {
        const path = join(dir, 'folder.db')
        mkdirSync(path)
        return path
      },
    ],
  ])('%s: the app still starts, says why, and every handler answers db-unavailable', async (_name, make) => {
    const dbPath = make(tempDir())
    const context = contextFor(dbPath)
    try {
      expect(context.db).toBeNull()
      expect(context.dbError).toContain(dbPath)
      const info = await dispatch(context.handlers, 'app:info', {})
      expect(info).toMatchObject({ ok: true, value: { dbError: context.dbError } })
      const list = await dispatch(context.handlers, 'imports:list', {})
      expect(list).toMatchObject({ ok: false, error: { code: 'db-unavailable' } })
    } finally {
      context.close()
    }
  })

  it('refuses a database written by a newer version, and says so', async () => {
    const dbPath = join(tempDir(), 'newer.db')
    const Database = (await import('better-sqlite3')).default
    const newer = new Database(dbPath)
    newer.pragma('user_version = 9990')
    newer.close()
    const context = contextFor(dbPath)
    expect(context.dbError).toMatch(/written by a newer version of Bounce Auditor/)
    context.close()
  })

  it('a damaged file is set aside, never deleted, and the app starts on a fresh database with a notice', async () => {
    const dir = tempDir()
    const dbPath = join(dir, 'app.db')
    const garbage = 'this is not an SQLite file, just text that happens to be long enough '.repeat(100)
    writeFileSync(dbPath, garbage)
    const context = contextFor(dbPath)
    try {
      expect(context.dbError).toBeNull()
      expect(context.notices).toHaveLength(1)
      const moved = readdirSync(dir).find((name) => name.startsWith('app.db.damaged-'))
      expect(moved).toBeDefined()
      expect(readFileSync(join(dir, moved ?? ''), 'utf8')).toBe(garbage)
      expect(context.notices[0]).toContain(moved)
      expect(await dispatch(context.handlers, 'app:info', {})).toMatchObject({
        ok: true,
        value: { notices: context.notices },
      })
      expect(await dispatch(context.handlers, 'imports:list', {})).toEqual({ ok: true, value: [] })
    } finally {
      context.close()
    }
  })
})

describe('a database written by an older version of the app', () => {
  it('opens at once and is brought up to date in the worker, with a notice until it is done', async () => {
    const dbPath = join(tempDir(), 'old.db')
    const fresh = openDatabase(dbPath)
    await importFile(fresh, { path: join(RESOURCES_DIR, 'sample', SAMPLE_FILE_NAME), name: SAMPLE_FILE_NAME })
    const tallies = (): unknown[] =>
      fresh.prepare('SELECT import_id, dimension, key, rows FROM import_counts ORDER BY 1, 2, 3').all()
    const expected = tallies()
    const verdicts = fresh.prepare('SELECT id, verdict FROM causes ORDER BY id').all()
    // What an older app left: another classifier's verdicts and none of the newer tallies.
    fresh.prepare("UPDATE causes SET classifier_version = 'old', verdict = 'review'").run()
    fresh.prepare("DELETE FROM import_counts WHERE dimension IN ('facet', 'domain-facet', 'hard-bounce')").run()
    fresh.prepare('UPDATE imports SET tallies_version = 0').run()
    fresh.close()

    const changed: unknown[] = []
    let done: () => void = () => undefined
    const finished = new Promise<void>((resolve) => (done = resolve))
    const context = createAppContext({
      dbPath,
      resourcesDir: RESOURCES_DIR,
      version: 'test',
      shell: 'web',
      maintainInWorker: true,
      emit: (event, payload) => {
        if (event !== 'imports:changed') return
        changed.push(payload)
        done()
      },
      startImportWorker: startImportWorkerFromSource,
      chooseSavePath: neverSave,
    })
    try {
      const before = await dispatch(context.handlers, 'app:info', {})
      expect(before).toMatchObject({ ok: true, value: { notices: [MAINTENANCE_NOTICE] } })
      await finished
      expect(changed).toEqual([{ importIds: [] }])
      const after = await dispatch(context.handlers, 'app:info', {})
      expect(after).toMatchObject({ ok: true, value: { notices: [] } })
      const check = openDatabase(dbPath)
      try {
        expect(check.prepare('SELECT id, verdict FROM causes ORDER BY id').all()).toEqual(verdicts)
        expect(
          check.prepare('SELECT import_id, dimension, key, rows FROM import_counts ORDER BY 1, 2, 3').all(),
        ).toEqual(expected)
      } finally {
        check.close()
      }
    } finally {
      context.close()
    }
  }, 60_000)
})
