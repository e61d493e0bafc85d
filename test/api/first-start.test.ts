import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
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

/** Where the first start keeps the one-time password when stdout is a log, not a terminal. */
const passwordFile = () => join(dataDir, 'admin-password')

async function signIn(url: string, password: string) {
  return fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password }),
  })
}

describe('the first start', () => {
  it('creates the admin user, keeps its one-time password in an owner-only file and prints only the path', async () => {
    const env = { DATA_DIR: dataDir, LOAD_EXAMPLES: 'false', SWITCHBOARD_ADMIN_TOKEN: adminToken }
    const first = await startServerProcess(env)
    const password = readFileSync(passwordFile(), 'utf8').trim()
    const signedIn = await signIn(first.url, password)
    await first.stop()

    const second = await startServerProcess(env)
    const me = await fetch(`${second.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${adminToken}` },
    })
    await second.stop()

    expect(password).toHaveLength(24)
    expect(statSync(passwordFile()).mode & 0o777).toBe(0o600)
    expect(first.output()).toContain(`one-time password saved in ${passwordFile()}`)
    expect(first.output()).not.toContain(password)
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

  it('prints the generated admin token nowhere, only the file that holds it', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir, LOAD_EXAMPLES: 'false' })
    await server.stop()

    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()
    expect(server.output()).toContain(`Admin API token: saved in ${join(dataDir, 'admin-token')}`)
    expect(server.output()).not.toContain(token)
  }, 60_000)

  it('removes the one-time password file at the next start once the password was changed', async () => {
    const env = { DATA_DIR: dataDir, LOAD_EXAMPLES: 'false', SWITCHBOARD_ADMIN_TOKEN: adminToken }
    const first = await startServerProcess(env)
    const signedIn = await signIn(first.url, readFileSync(passwordFile(), 'utf8').trim())
    const cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? ''
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string }
    const changed = await fetch(`${first.url}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        currentPassword: readFileSync(passwordFile(), 'utf8').trim(),
        newPassword: 'my-own-admin-password',
      }),
    })
    await first.stop()

    const second = await startServerProcess(env)
    await second.stop()

    expect(changed.status).toBe(204)
    expect(existsSync(passwordFile())).toBe(false)
  }, 60_000)
})
