import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLASSIFIER_VERSION, classify } from '../../../electron/shared/classify'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { reclassifyStaleCauses, recountOutdatedTallies } from '../../../electron/main/db/reclassify'
import { importFile } from '../../../electron/main/import/import-file'
import { RESOURCES_DIR } from '../../../electron/main/core/repo-paths'
import { SAMPLE_FILE_NAME } from '../../../electron/main/core/paths'
import { useTempDir } from '../../helpers/temp-dir'
import { buildHistory } from '../queries/history-fixture'

const tempDir = useTempDir()

const tallies = (db: Db): unknown[] =>
  db.prepare('SELECT import_id, dimension, key, rows FROM import_counts ORDER BY import_id, dimension, key').all()

describe('reclassifyStaleCauses', () => {
  it('does nothing when every cause is current', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    await importFile(db, { path: join(RESOURCES_DIR, 'sample', SAMPLE_FILE_NAME), name: SAMPLE_FILE_NAME })
    expect(reclassifyStaleCauses(db, CLASSIFIER_VERSION, classify)).toEqual({ causes: 0, imports: 0 })
  })

  it('re-derives stale causes and recounts every import to what a fresh import stores', async () => {
    const db = openDatabase(join(tempDir(), 'app.db'))
    await importFile(db, { path: join(RESOURCES_DIR, 'sample', SAMPLE_FILE_NAME), name: SAMPLE_FILE_NAME })
    const fresh = tallies(db)
    const verdicts = db.prepare('SELECT id, verdict, reason FROM causes ORDER BY id').all()

    // What an older classifier might have left behind: other verdicts and tallies that match them.
    db.prepare("UPDATE causes SET classifier_version = 'old', verdict = 'review', reason = 'onhold'").run()
    db.prepare("UPDATE import_counts SET rows = rows + 7 WHERE dimension = 'verdict'").run()
    const causeCount = (db.prepare('SELECT count(*) AS n FROM causes').get() as { n: number }).n

    expect(reclassifyStaleCauses(db, CLASSIFIER_VERSION, classify)).toEqual({ causes: causeCount, imports: 1 })
    expect(db.prepare('SELECT id, verdict, reason FROM causes ORDER BY id').all()).toEqual(verdicts)
    expect(tallies(db)).toEqual(fresh)
  })
})

describe('recountOutdatedTallies', () => {
  it('gives snapshots counted before the current tallies existed exactly what fresh imports store', async () => {
    // Built out of order, so the stored changes were counted as snapshots arrived between others.
    const { db } = await buildHistory(tempDir(), ['S3', 'S1', 'S2'])
    const fresh = tallies(db)
    expect(fresh).toContainEqual(expect.objectContaining({ dimension: 'recovered' }))

    // A database from before: none of the newer tallies, and the version says so.
    db.prepare(
      `DELETE FROM import_counts WHERE dimension IN
        ('facet', 'domain-facet', 'newly-invalid', 'recovered', 'hard-bounce', 'suspended-provider')`,
    ).run()
    db.prepare('UPDATE imports SET tallies_version = 0').run()

    expect(recountOutdatedTallies(db)).toEqual({ imports: 3 })
    expect(tallies(db)).toEqual(fresh)
    expect(recountOutdatedTallies(db)).toEqual({ imports: 0 })
  })
})
