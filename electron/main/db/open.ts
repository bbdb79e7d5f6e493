import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'
import { assertNotNewer, migrate } from './migrate'

export type Db = Database.Database

export interface OpenOptions {
  /** Absolute path of an Electron-ABI `better_sqlite3.node`; omitted under plain Node. */
  nativeBinding?: string
  readonly?: boolean
}

/** Opens (creating if needed) and migrates the app database with the settings every connection needs. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  })
  try {
    assertNotNewer(db, MIGRATIONS)
    configureConnection(db)
    if (!options.readonly) migrate(db, MIGRATIONS)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

export function configureConnection(db: Db): void {
  if (!db.readonly) db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  // An importer holds the write lock for a while; readers and a second writer wait instead of failing.
  db.pragma('busy_timeout = 5000')
  db.pragma('synchronous = NORMAL')
}
