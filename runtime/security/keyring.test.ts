import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { fingerprintOf, openKeyring } from './keyring.ts'

describe('openKeyring after an interrupted rotation', () => {
  let db: ReturnType<typeof openTestDatabase>
  beforeEach(() => {
    db = openTestDatabase()
    openKeyring({ database: db.database, dataDir: db.dir, fromEnv: undefined })
  })
  afterEach(() => db.remove())

  it('drops a next key that never committed', () => {
    writeFileSync(join(db.dir, 'master-key.next'), randomBytes(32).toString('base64'))

    const keyring = openKeyring({ database: db.database, dataDir: db.dir, fromEnv: undefined })

    expect(keyring.currentKeyId).toBe(1)
    expect(existsSync(join(db.dir, 'master-key.next'))).toBe(false)
  })

  it('finishes the renames when the rotation committed', () => {
    const oldKey = readFileSync(join(db.dir, 'master-key'), 'utf8')
    const newKey = randomBytes(32)
    writeFileSync(join(db.dir, 'master-key.next'), newKey.toString('base64'))
    db.database.sqlite.prepare("UPDATE master_keys SET retired_at = 'then'").run()
    db.database.sqlite
      .prepare("INSERT INTO master_keys (id, fingerprint, created_at) VALUES (2, ?, 'now')")
      .run(fingerprintOf(newKey))

    const keyring = openKeyring({ database: db.database, dataDir: db.dir, fromEnv: undefined })

    expect(keyring.currentKeyId).toBe(2)
    expect(readFileSync(join(db.dir, 'master-key.previous'), 'utf8')).toBe(oldKey)
    expect(existsSync(join(db.dir, 'master-key.next'))).toBe(false)
  })
})
