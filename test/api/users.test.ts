import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditQuerySchema } from '../../runtime/audit/index.ts'
import type { User } from '../../shared/index.ts'
import { createTestApp, type TestApp, testUserPassword } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'

let t: TestApp

beforeEach(() => {
  t = createTestApp()
})

afterEach(() => t.close())

async function signIn(login: string, password: string) {
  const response = await t.app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  const body = (await response.json()) as { csrfToken?: string; user?: User }
  return { response, user: body.user, headers: { cookie, 'x-csrf-token': body.csrfToken ?? '' } }
}

describe('POST /api/users', () => {
  it('creates a user with a one-time password shown once, to be changed at first sign-in', async () => {
    const response = await t.request('POST', '/api/users', {
      username: 'wang.fang',
      email: 'wang.fang@example.com',
      role: 'agent',
    })

    expect(response.status).toBe(201)
    const { user, oneTimePassword } = (await response.json()) as {
      user: User
      oneTimePassword: string
    }
    expect(user).toMatchObject({ username: 'wang.fang', role: 'agent', mustChangePassword: true })
    expect(oneTimePassword).toHaveLength(24)
    const list = await (await t.request('GET', '/api/users')).text()
    expect(list).not.toContain(oneTimePassword)
    expect(list).not.toContain('argon2')
  })

  it('refuses a second user with the same name or e-mail (409 user_exists)', async () => {
    await t.request('POST', '/api/users', { username: 'wang.fang', role: 'agent' })

    const again = await t.request('POST', '/api/users', { username: 'Wang.Fang', role: 'analyst' })

    const error = await expectError(again, 409, 'user_exists')
    expect(error.details).toEqual({ field: 'username', value: 'wang.fang' })
  })

  it('lists every problem of a bad body and stores nothing', async () => {
    const response = await t.request('POST', '/api/users', {
      username: '张',
      email: 'not-an-email',
      role: 'owner',
      password: 'short',
    })

    const error = await expectError(response, 422, 'invalid_request')
    const paths = (error.details as { problems: { path: string[] }[] }).problems.map((p) =>
      p.path.join('.'),
    )
    expect(paths.sort()).toEqual(['email', 'password', 'role', 'username'])
    expect(await (await t.request('GET', '/api/users')).json()).toEqual({ users: [] })
  })
})

describe('one-time passwords', () => {
  it('allow nothing but changing the password, then everything the role allows', async () => {
    const created = (await (
      await t.request('POST', '/api/users', { username: 'wang.fang', role: 'designer' })
    ).json()) as { oneTimePassword: string }
    const { headers } = await signIn('wang.fang', created.oneTimePassword)

    const before = await t.app.request('/api/flows', { headers })
    const changed = await t.app.request('/api/auth/password', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        currentPassword: created.oneTimePassword,
        newPassword: 'a-new-long-password',
      }),
    })
    const after = await t.app.request('/api/flows', { headers })

    await expectError(before, 403, 'password_change_required')
    expect(changed.status).toBe(204)
    expect(after.status).toBe(200)
  })

  it('are what an admin reset gives, ending the user’s sessions', async () => {
    const { user } = await t.accounts.createUser({
      username: 'wang.fang',
      role: 'analyst',
      password: testUserPassword,
    })
    const { headers } = await signIn('wang.fang', testUserPassword)

    const reset = await t.request('POST', `/api/users/${user.id}/password`)

    const { oneTimePassword } = (await reset.json()) as { oneTimePassword: string }
    await expectError(await t.app.request('/api/auth/me', { headers }), 401, 'unauthorized')
    expect((await signIn('wang.fang', testUserPassword)).response.status).toBe(401)
    expect((await signIn('wang.fang', oneTimePassword)).response.status).toBe(200)
  })
})

describe('PUT /api/users/{id}', () => {
  it('changes the role at once, for sessions already open', async () => {
    const { user } = await t.accounts.createUser({
      username: 'wang.fang',
      role: 'designer',
      password: testUserPassword,
    })
    const { headers } = await signIn('wang.fang', testUserPassword)
    expect((await t.app.request('/api/flows/echo/versions', { headers })).status).toBe(404)

    await t.request('PUT', `/api/users/${user.id}`, { role: 'agent' })

    await expectError(
      await t.app.request('/api/flows/echo/versions', { headers }),
      403,
      'forbidden',
    )
  })

  it('disabling a user ends their sessions', async () => {
    const { user } = await t.accounts.createUser({
      username: 'wang.fang',
      role: 'designer',
      password: testUserPassword,
    })
    const { headers } = await signIn('wang.fang', testUserPassword)

    const response = await t.request('PUT', `/api/users/${user.id}`, { isDisabled: true })

    expect(((await response.json()) as User).isDisabled).toBe(true)
    await expectError(await t.app.request('/api/auth/me', { headers }), 401, 'unauthorized')
  })

  it('will not demote or disable the last active admin (409 last_admin)', async () => {
    const { user } = await t.accounts.createUser({
      username: 'boss',
      role: 'admin',
      password: testUserPassword,
    })

    const demoted = await t.request('PUT', `/api/users/${user.id}`, { role: 'designer' })
    const disabled = await t.request('PUT', `/api/users/${user.id}`, { isDisabled: true })

    await expectError(demoted, 409, 'last_admin')
    await expectError(disabled, 409, 'last_admin')
    expect(((await (await t.request('GET', `/api/users/${user.id}`)).json()) as User).role).toBe(
      'admin',
    )
  })

  it('answers 404 user_not_found for an unknown id', async () => {
    await expectError(
      await t.request('PUT', '/api/users/nobody', { role: 'agent' }),
      404,
      'user_not_found',
    )
  })
})

describe('POST /api/auth/password', () => {
  it('refuses a wrong current password and keeps the old one', async () => {
    await t.accounts.createUser({
      username: 'wang.fang',
      role: 'agent',
      password: testUserPassword,
    })
    const { headers } = await signIn('wang.fang', testUserPassword)

    const response = await t.app.request('/api/auth/password', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        currentPassword: 'wrong-password',
        newPassword: 'a-new-long-password',
      }),
    })

    await expectError(response, 401, 'invalid_credentials')
    expect((await signIn('wang.fang', testUserPassword)).response.status).toBe(200)
  })
})

describe('the first admin', () => {
  it('is made once, with a one-time password, when there are no users', async () => {
    const first = await t.accounts.ensureFirstAdmin()
    const second = await t.accounts.ensureFirstAdmin()

    expect(first.password).toHaveLength(24)
    expect(second.password).toBeUndefined()
    const { user } = await signIn('admin', first.password ?? '')
    expect(user).toMatchObject({
      role: 'admin',
      mustChangePassword: true,
    })
  })

  it('takes the password from SWITCHBOARD_ADMIN_PASSWORD when given, with nothing to print', async () => {
    const made = await t.accounts.ensureFirstAdmin('from-the-environment')

    expect(made.password).toBeUndefined()
    const { user } = await signIn('admin', 'from-the-environment')
    expect(user?.mustChangePassword).toBe(false)
  })
})

describe('the audit log of account changes', () => {
  it('records a failed sign-in under the login tried, and never a password', async () => {
    await signIn('Wang.Fang', 'guessed-password')

    const rows = t.auditLog.list(auditQuerySchema.parse({ action: 'auth.sign_in' }))

    expect(rows.map((row) => [row.target, row.status, row.actor.kind])).toEqual([
      ['login:wang.fang', 401, 'anonymous'],
    ])
    expect(JSON.stringify(t.auditLog.list(auditQuerySchema.parse({})))).not.toContain(
      'guessed-password',
    )
  })

  it('records a role change with who made it, before and after', async () => {
    const { user } = await t.accounts.createUser({
      username: 'wang.fang',
      role: 'designer',
      password: testUserPassword,
    })

    await t.request('PUT', `/api/users/${user.id}`, { role: 'agent' })

    const [row] = t.auditLog.list(auditQuerySchema.parse({ action: 'user.update' }))
    expect(row).toMatchObject({ target: `user:${user.id}`, status: 200 })
    expect(row?.actor.kind).toBe('admin_token')
    expect(row?.beforeDigest).not.toBe(row?.afterDigest)
  })
})
