import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { findProjectRoot } from '../project-root.ts'
import * as schema from './schema.ts'

const migrationsFolder = join(findProjectRoot(), 'runtime', 'storage', 'migrations')

export type Db = BetterSQLite3Database<typeof schema>

/** The database handle: the drizzle wrapper for queries and the raw handle for transactions. */
export class Database {
  readonly db: Db

  constructor(readonly sqlite: BetterSqlite3.Database) {
    this.db = drizzle(sqlite, { schema })
  }

  /** Runs `work` in one write transaction (BEGIN IMMEDIATE, so writers queue, not fail). */
  transaction<T>(work: () => T): T {
    return this.sqlite.transaction(work).immediate()
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close()
  }
}

/**
 * Opens (creating if needed) the SQLite file and applies pending migrations. Several processes
 * may open the same file: WAL lets readers run beside the one writer, and busy_timeout makes a
 * second writer wait instead of failing.
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new BetterSqlite3(file)
  sqlite.pragma('journal_mode = WAL')
  // NORMAL in WAL mode loses at most the last transactions on power loss, never corrupts.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 10000')
  sqlite.pragma('foreign_keys = ON')
  const database = new Database(sqlite)
  migrate(database.db, { migrationsFolder })
  return database
}
