import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startServerProcess } from '../support/server-process.ts'

// The bundled server (npm start), as a process: argon2 is a native module outside the bundle.

const adminToken = 'first-start-admin-token-0123'
let dataDir: string

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-first-start-'))
})

afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const oneTimePasswordLine = /Admin user "admin", one-time password[^\n]*\n\s+(\S+)/

async function signIn(url: string, password: string) {
  return fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password }),
  })
}

describe('the first start', () => {
  it('creates the admin user and prints its one-time password once, never again', async () => {
    const env = { DATA_DIR: dataDir, LOAD_EXAMPLES: 'false', SWITCHBOARD_ADMIN_TOKEN: adminToken }
    const first = await startServerProcess(env)
    const password = oneTimePasswordLine.exec(first.output())?.[1] ?? ''
    const signedIn = await signIn(first.url, password)
    await first.stop()

    const second = await startServerProcess(env)
    const me = await fetch(`${second.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${adminToken}` },
    })
    await second.stop()

    expect(password).toHaveLength(24)
    expect(signedIn.status).toBe(200)
    expect(
      ((await signedIn.json()) as { user: { mustChangePassword: boolean } }).user,
    ).toMatchObject({ mustChangePassword: true })
    expect(second.output()).not.toMatch(/one-time password/)
    expect(await me.json()).toMatchObject({ kind: 'admin_token', role: 'admin' })
  }, 60_000)

  it('takes the admin password from SWITCHBOARD_ADMIN_PASSWORD and prints none', async () => {
    const server = await startServerProcess({
      DATA_DIR: dataDir,
      LOAD_EXAMPLES: 'false',
      SWITCHBOARD_ADMIN_TOKEN: adminToken,
      SWITCHBOARD_ADMIN_PASSWORD: 'from-the-environment',
    })
    const signedIn = await signIn(server.url, 'from-the-environment')
    await server.stop()

    expect(server.output()).not.toMatch(/one-time password/)
    expect(signedIn.status).toBe(200)
  }, 60_000)
})
