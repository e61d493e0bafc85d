import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ProviderStore } from '../../runtime/providers/index.ts'
import { createProfileSealer, openKeyring, SecretStore } from '../../runtime/security/index.ts'
import { rotateMasterKey } from '../../runtime/security/rotate-key.ts'
import { ConversationStore, type Database, openDatabase } from '../../runtime/storage/index.ts'
import { verifyAuditCli, writeAuditRows } from '../support/audit-chain.ts'

const run = promisify(execFile)

/** A data folder whose database holds a secret, a provider key and a sealed customer profile. */
async function seed(dataDir: string, fromEnv?: string): Promise<void> {
  const database = openDatabase(join(dataDir, 'switchboard.db'))
  const { box } = openKeyring({ database, dataDir, fromEnv })
  await new SecretStore(database, box).put('crmToken', { value: 'crm-secret-1' })
  await new ProviderStore(database, box).create('openai', {
    baseUrl: 'http://127.0.0.1:9/v1',
    apiKey: 'sk-provider-1',
    chatModel: 'm',
    embeddingModel: null,
  })
  database.sqlite
    .prepare(
      "INSERT INTO customers (id, profile, created_at, updated_at) VALUES ('c1', ?, 'x', 'x')",
    )
    .run(
      JSON.stringify(
        createProfileSealer({ box, sensitiveFields: ['phone'] }).seal(
          { phone: '13812345678', tier: 'gold' },
          'customer:c1:profile',
        ),
      ),
    )
  database.close()
}

/** What the stores read back with the keyring a start would open. */
async function readBack(dataDir: string, fromEnv?: string) {
  const database: Database = openDatabase(join(dataDir, 'switchboard.db'))
  try {
    const { box, currentKeyId } = openKeyring({ database, dataDir, fromEnv })
    const providers = new ProviderStore(database, box)
    const conversations = new ConversationStore(
      database,
      createProfileSealer({ box, sensitiveFields: [] }),
    )
    return {
      currentKeyId,
      secret: await new SecretStore(database, box).reveal('crmToken'),
      providerKey: providers.openApiKey(await providers.get('openai')),
      profile: await conversations.getCustomerProfile('c1'),
    }
  } finally {
    database.close()
  }
}

describe('master key rotation', () => {
  let dataDir = ''
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-rotate-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('re-seals every secret under a new key file and keeps the old key as master-key.previous', async () => {
    await seed(dataDir)
    const oldKey = readFileSync(join(dataDir, 'master-key'), 'utf8')
    const database = openDatabase(join(dataDir, 'switchboard.db'))

    const result = rotateMasterKey({ database, dataDir, fromEnv: undefined })
    database.close()

    expect(result).toMatchObject({
      oldKeyId: 1,
      newKeyId: 2,
      resealed: { providerKeys: 1, secrets: 1, customers: 1 },
    })
    expect(readFileSync(join(dataDir, 'master-key.previous'), 'utf8')).toBe(oldKey)
    expect(readFileSync(join(dataDir, 'master-key'), 'utf8')).not.toBe(oldKey)
    expect(statSync(join(dataDir, 'master-key')).mode & 0o777).toBe(0o600)
    expect(await readBack(dataDir)).toEqual({
      currentKeyId: 2,
      secret: 'crm-secret-1',
      providerKey: 'sk-provider-1',
      profile: { phone: '13812345678', tier: 'gold' },
    })
  })

  it('opens the secrets without the previous key once rotated: nothing is left under it', async () => {
    await seed(dataDir)
    const database = openDatabase(join(dataDir, 'switchboard.db'))
    rotateMasterKey({ database, dataDir, fromEnv: undefined })
    database.close()
    rmSync(join(dataDir, 'master-key.previous'))

    expect((await readBack(dataDir)).secret).toBe('crm-secret-1')
  })

  it('with SWITCHBOARD_MASTER_KEY, rotates to SWITCHBOARD_NEW_MASTER_KEY and then refuses the old key', async () => {
    const oldKey = randomBytes(32).toString('hex')
    const newKey = randomBytes(32).toString('hex')
    await seed(dataDir, oldKey)
    const database = openDatabase(join(dataDir, 'switchboard.db'))

    rotateMasterKey({ database, dataDir, fromEnv: oldKey, newKeyText: newKey })
    database.close()

    await expect(readBack(dataDir, oldKey)).rejects.toThrow(/retired by a key rotation/)
    expect((await readBack(dataDir, newKey)).secret).toBe('crm-secret-1')
  })

  it('runs as `npm run rotate-key` and is written to the audit log, which still verifies', async () => {
    await seed(dataDir)
    const { SWITCHBOARD_MASTER_KEY: _ignored, ...inherited } = process.env
    const env = { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }

    const rotated = await run('npx', ['tsx', 'runtime/security/rotate-key-main.ts'], { env })
    const verified = await run('npx', ['tsx', 'runtime/audit/verify-main.ts'], { env })

    expect(rotated.stdout).toMatch(
      /key 1 → key 2.*\n.*1 provider keys, 1 secrets, 1 customer profiles/,
    )
    expect(verified.stdout).toMatch(/Audit log intact: 1 rows/)
  })

  it('keeps the audit log verifiable with the new key alone, and still finds an edit to a row the old key signed', async () => {
    await seed(dataDir)
    writeAuditRows(dataDir, ['before-1', 'before-2'])
    const { SWITCHBOARD_MASTER_KEY: _ignored, ...inherited } = process.env
    await run('npx', ['tsx', 'runtime/security/rotate-key-main.ts'], {
      env: { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    })
    writeAuditRows(dataDir, ['after'])
    rmSync(join(dataDir, 'master-key.previous'))

    const clean = await verifyAuditCli(dataDir)
    const database = openDatabase(join(dataDir, 'switchboard.db'))
    database.sqlite.prepare("UPDATE audit_log SET target = 'changed' WHERE seq = 1").run()
    database.close()
    const edited = await verifyAuditCli(dataDir)

    expect(clean.code).toBe(0)
    expect(clean.stdout).toMatch(/Audit log intact: 4 rows/)
    expect(edited.code).toBe(1)
    expect(edited.stdout).toMatch(
      /row 3: rows before row 3 were changed after row 3 \(master_key.rotate\) sealed them/,
    )
  }, 30_000)
})
