import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Database, openDatabase } from '../../runtime/storage/index.ts'

/**
 * A real SQLite file in a fresh temp folder, with the real migrations applied; a copy of
 * `copyOf` (a checkpointed database file, see `snapshotTestDatabase`) when given.
 */
export function openTestDatabase(copyOf?: string): {
  database: Database
  dir: string
  file: string
  remove(): void
} {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-test-'))
  const file = join(dir, 'switchboard.db')
  if (copyOf !== undefined) copyFileSync(copyOf, file)
  const database = openDatabase(file)
  return {
    database,
    dir,
    file,
    remove() {
      database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Copies a live test database to `file` (WAL folded in first), for `openTestDatabase(file)`. */
export function snapshotTestDatabase(database: Database, file: string): void {
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  copyFileSync(database.sqlite.name, file)
}
