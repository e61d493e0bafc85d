import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { AuditLog } from '../../runtime/audit/index.ts'
import { openDatabase } from '../../runtime/storage/index.ts'

const run = promisify(execFile)

describe('npm run audit:verify', () => {
  let dataDir = ''
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('exits 1 and names the row when a row was edited', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-audit-'))
    const database = openDatabase(join(dataDir, 'switchboard.db'))
    const log = new AuditLog(database)
    for (const target of ['a', 'b', 'c']) {
      log.append({
        actor: { kind: 'user', id: 'u1', name: 'li.na', role: 'admin' },
        action: 'secret.update',
        target,
        method: 'PUT',
        path: `/api/secrets/${target}`,
        params: {},
        status: 200,
        ip: '10.0.0.8',
        beforeDigest: null,
        afterDigest: null,
      })
    }
    database.sqlite.prepare('UPDATE audit_log SET status = 403 WHERE seq = 2').run()
    database.close()

    const verified = run('npx', ['tsx', 'runtime/audit/verify-main.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    })

    await expect(verified).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        /Audit log TAMPERED: 1 problem\(s\)\n {2}row 2: row 2 was changed/,
      ),
    })
  })
})
