import type { Database } from 'better-sqlite3'

export interface Migration {
  /** Steps of 10, so a fix can slot in between two shipped migrations. */
  version: number
  name: string
  /**
   * Rebuilds a table other tables reference (SQLite cannot change a column's constraints in
   * place): foreign keys are switched off around the migrations' transaction and checked before
   * it commits, as SQLite's documented procedure for altering a table asks.
   */
  rebuildsReferencedTable?: boolean
  up(db: Database): void
}
