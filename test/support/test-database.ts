import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Database, openDatabase } from '../../runtime/storage/index.ts'

/** A real SQLite file in a fresh temp folder, with the real migrations applied. */
export function openTestDatabase(): {
  database: Database
  dir: string
  file: string
  remove(): void
} {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-test-'))
  const file = join(dir, 'switchboard.db')
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
