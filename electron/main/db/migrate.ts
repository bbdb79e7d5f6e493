import type { Database } from 'better-sqlite3'
import type { Migration } from './migrations/migration'

export class NewerDatabaseError extends Error {
  override name = 'NewerDatabaseError'
}

function assertAscending(migrations: readonly Migration[]): void {
  migrations.reduce((previous, migration) => {
    if (migration.version <= previous) {
      throw new Error(`Migration ${migration.name} (version ${migration.version}) is out of order`)
    }
    return migration.version
  }, 0)
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Refuses a database written by a newer app before anything (even the journal mode) is changed. */
export function assertNotNewer(db: Database, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0
  const current = schemaVersion(db)
  if (current > latest) {
    throw new NewerDatabaseError(
      `This database was written by a newer version of Bounce Auditor (schema ${current}; this app knows up to ${latest}). Update the app to open it.`,
    )
  }
}

/**
 * Applies every pending migration in one transaction, so a failure leaves the file exactly as
 * it was. A database written by a newer app is refused rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[], target?: number): number {
  assertAscending(migrations)
  const latest = migrations.at(-1)?.version ?? 0
  const goal = target ?? latest
  assertNotNewer(db, migrations)
  const current = schemaVersion(db)
  const pending = migrations.filter((m) => m.version > current && m.version <= goal)
  if (pending.length === 0) return current
  // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched before and after.
  const rebuild = pending.some((m) => m.rebuildsReferencedTable) && db.pragma('foreign_keys', { simple: true }) === 1
  if (rebuild) db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      for (const migration of pending) migration.up(db)
      if (rebuild && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
        throw new Error('A migration left rows pointing at rows that are gone; the database was left as it was.')
      }
      db.pragma(`user_version = ${goal}`)
    })()
  } finally {
    if (rebuild) db.pragma('foreign_keys = ON')
  }
  return goal
}
