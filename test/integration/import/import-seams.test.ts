import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/main/db/open'
import { importFile } from '../../../electron/main/import/import-file'
import { CSV_SOURCE, openRecordSource, RECORD_SOURCES } from '../../../electron/main/import/record-source'
import { runJobWorker } from '../../../electron/main/import/run-import-worker'
import { startImportWorkerFromSource } from '../../../electron/main/import/start-worker-node'
import { CSV_FIXTURES, useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const NOW = new Date('2026-11-27T12:00:00Z')
const file = {
  path: join(CSV_FIXTURES, 'weekly-deliverability-2026-11-13.csv'),
  name: 'weekly-deliverability-2026-11-13.csv',
}

describe('the seams features extend the import through', () => {
  it('runs the after-import steps inside the transaction, with the new import id', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    const seen: { importId: number; rows: number; inTransaction: boolean }[] = []
    const summary = await importFile(db, file, {
      now: NOW,
      afterLeadImport: [
        {
          name: 'probe',
          run: (inner, context) => {
            const { n } = inner.prepare('SELECT count(*) AS n FROM spans').get() as { n: number }
            seen.push({ importId: context.importId, rows: n, inTransaction: inner.inTransaction })
          },
        },
      ],
    })
    expect(seen).toEqual([{ importId: summary.id, rows: summary.rows, inTransaction: true }])
    db.close()
  })

  it('rolls the whole import back when an after-import step fails', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    const failing = [
      {
        name: 'failing',
        run: () => {
          throw new Error('hygiene step failed')
        },
      },
    ]
    await expect(importFile(db, file, { now: NOW, afterLeadImport: failing })).rejects.toThrow('hygiene step failed')
    expect((db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n).toBe(0)
    expect((db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n).toBe(0)
    db.close()
  })

  it('reads a CSV file through the record source: header first, then rows with their line numbers', async () => {
    expect(RECORD_SOURCES.at(-1)).toBe(CSV_SOURCE)
    const source = openRecordSource(file.path)
    const probe = await source.probe()
    const layout = await source.layout(probe, file.name)
    const lines: number[] = []
    let first: string[] | undefined
    for await (const batch of source.batches(probe, layout)) {
      for (const record of batch.records) {
        first ??= record.fields
        lines.push(record.line)
      }
    }
    expect(first).toEqual(layout.header)
    expect(lines[0]).toBe(1)
    expect(lines.length).toBeGreaterThan(2)
  })

  it('refuses a job kind the worker does not know, with its name', async () => {
    const setup = { dbPath: join(tempDir(), 'app.db') }
    await expect(
      runJobWorker(startImportWorkerFromSource, setup, { kind: 'nothing-such', payload: null }),
    ).rejects.toThrow(/no job of kind 'nothing-such'/)
  })

  it('runs a known kind by name and answers with its result', async () => {
    const setup = { dbPath: join(tempDir(), 'app.db') }
    await expect(
      runJobWorker(startImportWorkerFromSource, setup, { kind: 'maintain', payload: null }),
    ).resolves.toEqual({
      causes: 0,
      imports: 0,
    })
  })
})
