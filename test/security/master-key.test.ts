import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../runtime/config.ts'
import { startServer } from '../../runtime/server.ts'

const keyA = randomBytes(32).toString('base64')
const keyB = randomBytes(32).toString('base64')

function configFor(dataDir: string, masterKey?: string) {
  return loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    LOAD_EXAMPLES: 'false',
    ...(masterKey ? { SWITCHBOARD_MASTER_KEY: masterKey } : {}),
  })
}

/** Starts the server, stores one secret through the API, and stops. */
async function startAndStoreSecret(dataDir: string, masterKey?: string): Promise<void> {
  const server = await startServer(configFor(dataDir, masterKey), {})
  const response = await fetch(`${server.url}/api/secrets/crmToken`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ value: 'crm-live-secret-value' }),
  })
  expect(response.status).toBe(201)
  await server.close()
}

/** Every file of the data folder with its bytes, to prove a refused start changed nothing. */
function snapshot(dataDir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dataDir).map((name) => [
      name,
      readFileSync(join(dataDir, name)).toString('base64'),
    ]),
  )
}

describe('master key at start', () => {
  let dataDir = ''
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-key-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('creates DATA_DIR/master-key readable by its owner only at first start', async () => {
    const server = await startServer(configFor(dataDir), {})
    await server.close()

    expect(statSync(join(dataDir, 'master-key')).mode & 0o777).toBe(0o600)
  })

  it('refuses to start with another key than the secrets were sealed with, changing nothing', async () => {
    await startAndStoreSecret(dataDir, keyA)
    const before = snapshot(dataDir)

    const start = startServer(configFor(dataDir, keyB), {})

    await expect(start).rejects.toThrow(
      /SWITCHBOARD_MASTER_KEY is not the master key this database's secrets are sealed with.*nothing was changed/,
    )
    expect(snapshot(dataDir)).toEqual(before)
  })

  it('starts again with the right key after a refused start, the secret intact', async () => {
    await startAndStoreSecret(dataDir, keyA)
    await expect(startServer(configFor(dataDir, keyB), {})).rejects.toThrow()

    const server = await startServer(configFor(dataDir, keyA), {})
    const listed = await fetch(`${server.url}/api/secrets`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    })
    await server.close()

    expect(((await listed.json()) as { secrets: { name: string }[] }).secrets).toEqual([
      expect.objectContaining({ name: 'crmToken' }),
    ])
  })

  it('refuses to start when the key file is gone but secrets exist, and makes no new key', async () => {
    await startAndStoreSecret(dataDir)
    rmSync(join(dataDir, 'master-key'))

    await expect(startServer(configFor(dataDir), {})).rejects.toThrow(
      /master-key is missing.*Restore the key file/,
    )
    expect(readdirSync(dataDir)).not.toContain('master-key')
  })

  it('refuses the key file of another installation', async () => {
    await startAndStoreSecret(dataDir)
    const other = mkdtempSync(join(tmpdir(), 'switchboard-key-'))
    const otherServer = await startServer(configFor(other), {})
    await otherServer.close()
    const before = snapshot(dataDir)

    const start = startServer(
      configFor(dataDir, readFileSync(join(other, 'master-key'), 'utf8')),
      {},
    )

    await expect(start).rejects.toThrow(/is not the master key/)
    expect(snapshot(dataDir)).toEqual(before)
    rmSync(other, { recursive: true, force: true })
  })
})
