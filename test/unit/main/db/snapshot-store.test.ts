import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../../electron/main/db/migrations'
import { migrate } from '../../../../electron/main/db/migrate'
import { configureConnection } from '../../../../electron/main/db/open'
import { closeGap, createSnapshotWriter, openGap, type LeadState } from '../../../../electron/main/db/snapshot-store'
import { createTransitionCounter } from '../../../../electron/main/db/transition-counts'

/**
 * The span store is checked against the obvious model: a snapshot is a map lead → state. Each
 * scenario applies the same inserts and deletes to both, then reads every snapshot back.
 */
type Model = Map<number, string>[] // index = seq - 1; state encoded as a string

const encode = (state: LeadState): string => `${state.emailInvalid ? 'I' : '-'}${state.invalidCauseId ?? ''}`

const state = (code: string): LeadState => ({
  emailInvalid: code.startsWith('I'),
  invalidCauseId: code.length > 1 ? Number(code.slice(1)) : null,
  emailSuspended: false,
  suspendedCauseId: null,
  suspendedAt: null,
})

function setup(): Database.Database {
  const db = new Database(':memory:')
  configureConnection(db)
  migrate(db, MIGRATIONS)
  db.prepare("INSERT INTO lists (id, name) VALUES (1, 'L')").run()
  for (let lead = 1; lead <= 12; lead += 1) {
    db.prepare('INSERT INTO leads (id, identity, email, domain) VALUES (?, ?, ?, ?)').run(
      lead,
      `id:${lead}`,
      `${lead}@x.io`,
      'x.io',
    )
  }
  for (let cause = 1; cause <= 3; cause += 1) {
    db.prepare(
      "INSERT INTO causes (id, text, classifier_version, severity, reason, hard_bounce, verdict, rule) VALUES (?, ?, 'v', 'permanent', 'userunknown', 1, 'remove', 'r')",
    ).run(cause, `cause ${cause}`)
  }
  return db
}

let nextImportId = 1

function insertSnapshot(db: Database.Database, model: Model, seq: number, leads: Map<number, string>): void {
  db.transaction(() => {
    openGap(db, 1, seq)
    const id = nextImportId++
    db.prepare(
      "INSERT INTO imports (id, list_id, seq, file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at) VALUES (?, 1, ?, 'f', ?, 0, '2026-01-01', 'user', 'now')",
    ).run(id, seq, `sha${id}`)
    const writer = createSnapshotWriter(db, 1, seq)
    for (const [lead, code] of leads) expect(writer.add(lead, state(code))).toBe(true)
    writer.finish()
    // As an import does: its own changes, and those of the snapshot it was inserted before.
    createTransitionCounter(db).recount(1, [seq, seq + 1])
  })()
  model.splice(seq - 1, 0, leads)
}

function deleteSnapshot(db: Database.Database, model: Model, seq: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM imports WHERE list_id = 1 AND seq = ?').run(seq)
    closeGap(db, 1, seq)
    createTransitionCounter(db).recount(1)
  })()
  model.splice(seq - 1, 1)
}

function readSnapshot(db: Database.Database, seq: number): Map<number, string> {
  const rows = db
    .prepare<[number, number], { lead_id: number; email_invalid: number; invalid_cause_id: number | null }>(
      'SELECT lead_id, email_invalid, invalid_cause_id FROM spans WHERE list_id = 1 AND from_seq <= ? AND to_seq >= ? ORDER BY lead_id',
    )
    .all(seq, seq)
  return new Map(
    rows.map((r) => [
      r.lead_id,
      encode({ ...state('-'), emailInvalid: r.email_invalid === 1, invalidCauseId: r.invalid_cause_id }),
    ]),
  )
}

function expectMatches(db: Database.Database, model: Model): void {
  model.forEach((expected, index) => {
    const sorted = new Map([...expected].sort(([a], [b]) => a - b))
    expect(readSnapshot(db, index + 1), `snapshot ${index + 1}`).toEqual(sorted)
  })
  const seqs = db.prepare('SELECT seq FROM imports ORDER BY seq').all() as { seq: number }[]
  expect(seqs.map((r) => r.seq)).toEqual(model.map((_, i) => i + 1))
  expect(storedTransitions(db)).toEqual(modelTransitions(model))
}

/** Per seq from 2: [newly invalid, recovered], as stored in the tallies. */
function storedTransitions(db: Database.Database): [number, number][] {
  const rows = db
    .prepare<[], { seq: number; dimension: string; n: number }>(
      `SELECT i.seq, c.dimension, sum(c.rows) AS n FROM imports i JOIN import_counts c ON c.import_id = i.id
       WHERE c.dimension IN ('newly-invalid', 'recovered') GROUP BY i.seq, c.dimension`,
    )
    .all()
  const seqs = (db.prepare('SELECT max(seq) AS n FROM imports').get() as { n: number | null }).n ?? 0
  const result: [number, number][] = []
  for (let seq = 2; seq <= seqs; seq += 1) {
    const of = (dimension: string): number => rows.find((r) => r.seq === seq && r.dimension === dimension)?.n ?? 0
    result.push([of('newly-invalid'), of('recovered')])
  }
  return result
}

/** The same, from the model: invalid now and not before (absent = not invalid); invalid before and present, valid now. */
function modelTransitions(model: Model): [number, number][] {
  return model.slice(1).map((now, index) => {
    const before = model[index] ?? new Map<number, string>()
    let newly = 0
    let recovered = 0
    for (const [lead, code] of now) {
      const was = before.get(lead)?.startsWith('I') ?? false
      if (code.startsWith('I') && !was) newly += 1
      if (!code.startsWith('I') && was) recovered += 1
    }
    return [newly, recovered]
  })
}

const spanCount = (db: Database.Database): number =>
  (db.prepare('SELECT count(*) AS n FROM spans').get() as { n: number }).n

describe('span storage', () => {
  it('extends spans for unchanged leads, so a repeated snapshot adds no rows', () => {
    const db = setup()
    const model: Model = []
    const week = new Map([
      [1, '-'],
      [2, 'I1'],
      [3, '-'],
    ])
    insertSnapshot(db, model, 1, week)
    insertSnapshot(db, model, 2, new Map(week))
    expect(spanCount(db)).toBe(3)
    insertSnapshot(db, model, 3, new Map([...week, [2, 'I2']]))
    expect(spanCount(db)).toBe(4)
    expectMatches(db, model)
  })

  it('handles a lead that bounces, recovers and bounces again, and leads that leave and return', () => {
    const db = setup()
    const model: Model = []
    insertSnapshot(
      db,
      model,
      1,
      new Map([
        [1, 'I1'],
        [2, '-'],
      ]),
    )
    insertSnapshot(db, model, 2, new Map([[1, '-']]))
    insertSnapshot(
      db,
      model,
      3,
      new Map([
        [1, 'I1'],
        [2, '-'],
      ]),
    )
    expectMatches(db, model)
  })

  it('inserts a snapshot between two others, cutting and joining spans as needed', () => {
    const db = setup()
    const model: Model = []
    insertSnapshot(
      db,
      model,
      1,
      new Map([
        [1, '-'],
        [2, 'I1'],
        [3, '-'],
        [4, 'I2'],
        [5, '-'],
      ]),
    )
    insertSnapshot(
      db,
      model,
      2,
      new Map([
        [1, '-'],
        [2, 'I1'],
        [3, '-'],
        [4, 'I2'],
        [6, '-'],
      ]),
    )
    // Lead 1 unchanged, 2 changes only here, 3 absent only here, 4 joins both sides, 5 and 6 extend one side.
    insertSnapshot(
      db,
      model,
      2,
      new Map([
        [1, '-'],
        [2, 'I3'],
        [4, 'I2'],
        [5, '-'],
        [6, '-'],
        [7, 'I1'],
      ]),
    )
    expectMatches(db, model)
  })

  it('deletes a snapshot from the start, middle and end and keeps every other one intact', () => {
    const db = setup()
    const model: Model = []
    for (let seq = 1; seq <= 5; seq += 1) {
      insertSnapshot(
        db,
        model,
        seq,
        new Map([
          [1, seq % 2 ? 'I1' : '-'],
          [2, '-'],
          [seq + 2, 'I2'],
        ]),
      )
    }
    deleteSnapshot(db, model, 3)
    expectMatches(db, model)
    deleteSnapshot(db, model, 1)
    expectMatches(db, model)
    deleteSnapshot(db, model, model.length)
    expectMatches(db, model)
  })

  it('agrees with the model over a long random history of inserts and deletes', () => {
    const db = setup()
    const model: Model = []
    let seed = 42
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 2 ** 32
    }
    const codes = ['-', 'I1', 'I2', 'I3']
    for (let step = 0; step < 60; step += 1) {
      if (model.length > 2 && random() < 0.25) {
        deleteSnapshot(db, model, 1 + Math.floor(random() * model.length))
      } else {
        const leads = new Map<number, string>()
        for (let lead = 1; lead <= 12; lead += 1) {
          if (random() < 0.7) leads.set(lead, codes[Math.floor(random() * codes.length)] ?? '-')
        }
        insertSnapshot(db, model, 1 + Math.floor(random() * (model.length + 1)), leads)
      }
      expectMatches(db, model)
    }
  })

  it('refuses the same lead twice in one snapshot', () => {
    const db = setup()
    db.prepare(
      "INSERT INTO imports (id, list_id, seq, file_name, file_sha256, file_size, snapshot_date, snapshot_date_source, imported_at) VALUES (99, 1, 1, 'f', 'x', 0, '2026-01-01', 'user', 'now')",
    ).run()
    const writer = createSnapshotWriter(db, 1, 1)
    expect(writer.add(1, state('-'))).toBe(true)
    expect(writer.add(1, state('I1'))).toBe(false)
  })
})
