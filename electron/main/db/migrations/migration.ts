import type { Database } from 'better-sqlite3'

export interface Migration {
  /** Steps of 10, so a fix can slot in between two shipped migrations. */
  version: number
  name: string
  up(db: Database): void
}
