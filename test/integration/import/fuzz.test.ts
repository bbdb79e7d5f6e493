import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { createQueries } from '../../../electron/main/db/queries'
import { BadFileError } from '../../../electron/main/import/file-probe'
import { DuplicateFileError, importFile } from '../../../electron/main/import/import-file'
import { seededRandom } from '../../helpers/seeded-random'
import { useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()

const HEADERS = ['Email Address', 'Email Invalid', 'Email Invalid Cause', 'Id', 'Email Suspended At', 'Score']
const PIECES = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  ' ',
  'true',
  'FALSE',
  '550 5.1.1 x',
  'a@b.io',
  '01/02/2025',
  '\u00e4',
  '\ufeff',
  '',
]

/** A CSV-ish file: sometimes well formed, often broken in the ways real files break. */
function randomFile(random: () => number): Buffer {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const kind = random()
  if (kind < 0.1)
    return Buffer.from(Array.from({ length: Math.floor(random() * 400) }, () => Math.floor(random() * 256)))
  const delimiter = pick([',', ';', '\t'])
  const header = HEADERS.filter(() => random() < 0.7)
  const lines = [header.join(delimiter)]
  const rows = Math.floor(random() * 40)
  for (let row = 0; row < rows; row += 1) {
    if (random() < 0.3) {
      lines.push(Array.from({ length: Math.floor(random() * 12) }, () => pick(PIECES)).join(''))
    } else {
      lines.push(
        header.map((_, i) => (i === 0 ? `lead${row}@x${Math.floor(random() * 3)}.io` : pick(PIECES))).join(delimiter),
      )
    }
  }
  const text = lines.join(pick(['\n', '\r\n']))
  const cut = random() < 0.2 ? Math.floor(random() * text.length) : text.length
  const encoding = random() < 0.15 ? 'utf16le' : random() < 0.15 ? 'latin1' : 'utf8'
  return Buffer.from(text.slice(0, cut), encoding)
}

describe('importing random malformed files', () => {
  it('either imports or refuses with a clear message, never half-imports, never corrupts the database', async () => {
    const db: Db = openDatabase(join(tempDir(), 'app.db'))
    const random = seededRandom(20261127)
    let imported = 0
    let refused = 0
    for (let index = 0; index < 250; index += 1) {
      const name = `fuzz-${index}.csv`
      const path = join(tempDir(), name)
      writeFileSync(path, randomFile(random))
      const before = createQueries(db).listImports().length
      const counts = db
        .prepare('SELECT (SELECT count(*) FROM open_spans) + (SELECT count(*) FROM closed_spans) AS n')
        .get()
      try {
        const summary = await importFile(db, { path, name })
        imported += 1
        expect(summary.rows + summary.skipped).toBeGreaterThanOrEqual(0)
        expect(createQueries(db).listImports()).toHaveLength(before + 1)
      } catch (error) {
        refused += 1
        if (!(error instanceof BadFileError) && !(error instanceof DuplicateFileError)) throw error
        expect(error.message.startsWith(name), error.message).toBe(true)
        expect(createQueries(db).listImports()).toHaveLength(before)
        expect(
          db.prepare('SELECT (SELECT count(*) FROM open_spans) + (SELECT count(*) FROM closed_spans) AS n').get(),
        ).toEqual(counts)
      }
    }
    expect(db.pragma('quick_check', { simple: true })).toBe('ok')
    // Both paths were exercised, so the assertions above were not vacuous.
    expect(imported).toBeGreaterThan(20)
    expect(refused).toBeGreaterThan(20)
  }, 60_000)
})
