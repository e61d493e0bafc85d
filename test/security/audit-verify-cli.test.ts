import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../runtime/config.ts'
import { startServer } from '../../runtime/server.ts'
import { openDatabase } from '../../runtime/storage/index.ts'
import {
  openAuditLog,
  rewriteFrom,
  verifyAuditCli as verifyCli,
  writePlainRows,
  writeAuditRows as writeRows,
} from '../support/audit-chain.ts'

describe('npm run audit:verify', () => {
  let dataDir = ''
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-audit-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('exits 0 on an untouched log and prints its head', async () => {
    writeRows(dataDir, ['a', 'b', 'c'])

    const verified = await verifyCli(dataDir)

    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(
      /Audit log intact: 3 rows \(signed with the chain key from row 1\), head 3 k1:[0-9a-f]{64}/,
    )
  })

  it('exits 1 and names the row when a row was edited', async () => {
    writeRows(dataDir, ['a', 'b', 'c'])
    const database = openDatabase(join(dataDir, 'switchboard.db'))
    database.sqlite.prepare('UPDATE audit_log SET status = 403 WHERE seq = 2').run()
    database.close()

    const verified = await verifyCli(dataDir)

    expect(verified.code).toBe(1)
    expect(verified.stdout).toMatch(
      /Audit log TAMPERED: 1 problem\(s\)\n {2}row 2: row 2 was changed/,
    )
  })

  it('exits 1 when the edited row, every later hash and the head were recomputed without the key', async () => {
    writeRows(dataDir, ['a', 'b', 'c'])
    const database = openDatabase(join(dataDir, 'switchboard.db'))
    rewriteFrom(database, 2, 'status = 403')
    database.close()

    const verified = await verifyCli(dataDir)

    expect(verified.code).toBe(1)
    expect(verified.stdout).toMatch(/Audit log TAMPERED/)
  })

  it('exits 2 with a clear message, and changes nothing, when the master key is missing', async () => {
    writeRows(dataDir, ['a'])
    rmSync(join(dataDir, 'master-key'))
    const before = readdirSync(dataDir).sort()

    const verified = await verifyCli(dataDir)

    expect(verified.code).toBe(2)
    expect(verified.stderr).toMatch(
      /^Audit verification failed: This needs the master key: set SWITCHBOARD_MASTER_KEY or restore .*master-key/,
    )
    expect(verified.stderr).not.toMatch(/\n\s+at /)
    expect(readdirSync(dataDir).sort()).toEqual(before)
  })

  it('verifies a log written before the upgrade once the server has started on it', async () => {
    const { database } = openAuditLog(dataDir)
    writePlainRows(database, ['a', 'b'])
    database.close()
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      LOAD_EXAMPLES: 'false',
      SWITCHBOARD_ADMIN_PASSWORD: 'an-admin-password',
    })

    const server = await startServer(config, {})
    await server.close()
    const verified = await verifyCli(dataDir)

    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/intact: 3 rows \(signed with the chain key from row 3\)/)
  }, 30_000)
})
