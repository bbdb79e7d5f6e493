import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../electron/main/db/open'
import { importFile } from '../../../electron/main/import/import-file'
import { seededRandom } from '../../helpers/seeded-random'
import { useTempDir } from '../../helpers/temp-dir'

const tempDir = useTempDir()
const NOW = new Date('2026-11-27T12:00:00Z')
const HEADER =
  'Id,Email Address,Email Invalid,Email Invalid Cause,Email Suspended,Email Suspended Cause,Email Suspended At'
const CAUSES = [
  '550 5.1.1 User unknown',
  '552 5.2.2 Mailbox full',
  '554 5.7.1 Service unavailable; client host blocked using Spamhaus',
  '421 4.7.0 Try again later',
]
const DOMAINS = ['gmail.com', 'outlook.com', 'example.org', 'web.de']

interface Lead {
  id: string
  email: string
  state: string
}

/** A state cell run: flags, causes and a suspension date, drawn from a few of each so spans repeat. */
function drawState(random: () => number): string {
  const invalid = random() < 0.3
  const suspended = random() < 0.2
  const cause = CAUSES[Math.floor(random() * CAUSES.length)] ?? ''
  return [
    invalid,
    invalid ? `"${cause}"` : '',
    suspended,
    suspended ? `"${CAUSES[3]}"` : '',
    suspended ? `2026-11-0${1 + Math.floor(random() * 9)} 10:00:00` : '',
  ].join(',')
}

/**
 * Weekly exports of one list with every kind of change the merge has to find: states that change
 * and change back, leads that leave, come back and arrive, addresses that change under the same
 * Marketo Id, leads known only by address, and a lead repeated in a file with another state.
 */
function weeklyFiles(dir: string, seed: number): { path: string; name: string }[] {
  const random = seededRandom(seed)
  const leads: Lead[] = Array.from({ length: 120 }, (_, index) => ({
    id: index % 9 === 0 ? '' : String(5000 + index),
    email: `lead${index}@${DOMAINS[index % DOMAINS.length]}`,
    state: drawState(random),
  }))
  let next = 120
  return ['2026-11-06', '2026-11-13', '2026-11-20', '2026-11-27'].map((date, week) => {
    if (week > 0) {
      for (const lead of leads) {
        const roll = random()
        if (roll < 0.1) lead.state = drawState(random)
        else if (roll < 0.13 && lead.id !== '') lead.email = `moved${week}.${lead.email}`
      }
      for (let added = 0; added < 4; added += 1, next += 1)
        leads.push({ id: String(5000 + next), email: `new${next}@gmail.com`, state: drawState(random) })
    }
    const present = leads.filter(() => random() > 0.06)
    const rows = present.map((lead) => `${lead.id},${lead.email},${lead.state}`)
    // The same lead twice: the first row counts, the second is skipped.
    const repeated = present[Math.floor(random() * present.length)]
    if (repeated)
      rows.splice(Math.floor(random() * rows.length), 0, `${repeated.id},${repeated.email},${drawState(random)}`)
    const doubled = present[3]
    if (doubled) rows.push(`${doubled.id},${doubled.email},${doubled.state}`)
    const name = `weekly-${date}.csv`
    const path = join(dir, name)
    writeFileSync(path, `${HEADER}\n${rows.join('\n')}\n`)
    return { path, name }
  })
}

/** Everything an import stores, in an order that does not depend on row ids of closed spans. */
function stored(db: Db) {
  const all = (sql: string): unknown[] => db.prepare(sql).all()
  return {
    leads: all('SELECT * FROM leads ORDER BY id'),
    open: all('SELECT * FROM open_spans ORDER BY list_id, lead_id'),
    closed: all(
      'SELECT list_id, lead_id, from_seq, to_seq, email_invalid, invalid_cause_id, email_suspended, suspended_cause_id, suspended_at FROM closed_spans ORDER BY list_id, lead_id, from_seq',
    ),
    counts: all('SELECT * FROM import_counts ORDER BY import_id, dimension, key'),
    imports: all('SELECT id, seq, row_count, invalid_count, suspended_count, skipped_count, report_json FROM imports'),
    causes: all('SELECT id, text, mailbox_provider FROM causes ORDER BY id'),
  }
}

describe('a later weekly snapshot as set operations', () => {
  it.each([1, 2, 3])('stores what the lead-by-lead path stores (seed %i)', async (seed) => {
    const files = weeklyFiles(tempDir(), seed)
    const staged = openDatabase(join(tempDir(), `staged-${seed}.db`))
    const byRow = openDatabase(join(tempDir(), `by-row-${seed}.db`))
    try {
      for (const file of files) {
        await importFile(staged, file, { now: NOW })
        await importFile(byRow, file, { now: NOW, rowByRow: true })
      }
      const expected = stored(byRow)
      // The files do exercise what the merge must find.
      expect(expected.closed.length).toBeGreaterThan(20)
      expect(expected.imports.every((row) => (row as { skipped_count: number }).skipped_count >= 1)).toBe(true)
      expect(stored(staged)).toEqual(expected)
    } finally {
      staged.close()
      byRow.close()
    }
  })

  it('leaves nothing of a cancelled weekly import, and a later one still stages cleanly', async () => {
    const files = weeklyFiles(tempDir(), 7)
    const db = openDatabase(join(tempDir(), 'cancel.db'))
    const reference = openDatabase(join(tempDir(), 'reference.db'))
    try {
      const [first, second] = files
      if (!first || !second) throw new Error('no files')
      await importFile(db, first, { now: NOW })
      await importFile(reference, first, { now: NOW })
      const before = stored(db)
      const controller = new AbortController()
      controller.abort()
      await expect(importFile(db, second, { now: NOW, signal: controller.signal })).rejects.toThrow(/cancelled/)
      expect(stored(db)).toEqual(before)
      await importFile(db, second, { now: NOW })
      await importFile(reference, second, { now: NOW, rowByRow: true })
      expect(stored(db)).toEqual(stored(reference))
    } finally {
      db.close()
      reference.close()
    }
  })
})
