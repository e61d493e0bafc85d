import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAccounts } from '../../runtime/auth/index.ts'
import type { Clock } from '../../shared/index.ts'
import { createTestApp, type TestApp, testUserPassword } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'

let clock: Clock & { advance(ms: number): void }
let t: TestApp

beforeEach(() => {
  let time = Date.parse('2026-03-01T08:00:00Z')
  clock = {
    now: () => time,
    timeZone: 'Asia/Shanghai',
    advance: (ms) => {
      time += ms
    },
  }
  t = createTestApp({ clock })
})

afterEach(() => t.close())

const minutes = (n: number) => n * 60_000

async function signIn(login: string, password: string, cookie?: string) {
  return t.app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ login, password }),
  })
}

/** The session cookie a sign-in response set, as `sb_session=…` for the next request. */
function sessionCookie(response: Response): string {
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (!cookie?.startsWith('sb_session=')) throw new Error(`no session cookie: ${cookie}`)
  return cookie
}

async function signedIn(login = 'li.lei', role: 'designer' | 'admin' = 'designer') {
  await t.accounts.createUser({ username: login, role, password: testUserPassword })
  const response = await signIn(login, testUserPassword)
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return { cookie: sessionCookie(response), csrfToken }
}

describe('POST /api/auth/sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie that expires, and returns the user', async () => {
    await t.accounts.createUser({
      username: 'li.lei',
      role: 'designer',
      password: testUserPassword,
    })

    const response = await signIn('li.lei', testUserPassword)

    expect(response.status).toBe(200)
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^sb_session=[\w-]{43};/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).toMatch(/Path=\/api/)
    expect(setCookie).toMatch(/Expires=Sun, 01 Mar 2026 20:00:00 GMT/)
    const body = (await response.json()) as { user: { role: string }; csrfToken: string }
    expect(body.user.role).toBe('designer')
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/)
  })

  it('accepts the e-mail instead of the user name, in any letter case', async () => {
    await t.accounts.createUser({
      username: 'li.lei',
      email: 'li.lei@example.com',
      role: 'analyst',
      password: testUserPassword,
    })

    const response = await signIn(' Li.Lei@Example.COM ', testUserPassword)

    expect(response.status).toBe(200)
  })

  it('answers the same invalid_credentials for a wrong password and an unknown user', async () => {
    await t.accounts.createUser({
      username: 'li.lei',
      role: 'designer',
      password: testUserPassword,
    })

    const wrongPassword = await signIn('li.lei', 'not-the-password')
    const unknownUser = await signIn('han.meimei', 'not-the-password')

    const first = await expectError(wrongPassword, 401, 'invalid_credentials')
    const second = await expectError(unknownUser, 401, 'invalid_credentials')
    expect(first).toEqual(second)
    expect(wrongPassword.headers.get('set-cookie')).toBeNull()
  })

  it('refuses a disabled user with the same answer', async () => {
    const { user } = await t.accounts.createUser({
      username: 'li.lei',
      role: 'designer',
      password: testUserPassword,
    })
    await t.request('PUT', `/api/users/${user.id}`, { isDisabled: true })

    await expectError(await signIn('li.lei', testUserPassword), 401, 'invalid_credentials')
  })

  it('keeps no password, hash or token in what it returns', async () => {
    await t.accounts.createUser({
      username: 'li.lei',
      role: 'designer',
      password: testUserPassword,
    })

    const text = await (await signIn('li.lei', testUserPassword)).text()

    expect(text).not.toContain(testUserPassword)
    expect(text).not.toContain('argon2')
  })
})

describe('login CSRF', () => {
  it('refuses a sign-in that is not sent as JSON, as a cross-site form would send it', async () => {
    await t.accounts.createUser({
      username: 'li.lei',
      role: 'designer',
      password: testUserPassword,
    })

    const response = await t.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ login: 'li.lei', password: testUserPassword }),
    })

    await expectError(response, 403, 'forbidden')
    expect(response.headers.get('set-cookie')).toBeNull()
  })
})

describe('session fixation', () => {
  it('issues a new session token at sign-in and ends the one the browser brought', async () => {
    const attacker = await signedIn('attacker')
    await t.accounts.createUser({ username: 'victim', role: 'admin', password: testUserPassword })

    const response = await signIn('victim', testUserPassword, attacker.cookie)

    const victimCookie = sessionCookie(response)
    expect(victimCookie).not.toBe(attacker.cookie)
    const planted = await t.app.request('/api/auth/me', { headers: { cookie: attacker.cookie } })
    await expectError(planted, 401, 'unauthorized')
  })

  it('never accepts a session token the server did not issue', async () => {
    const response = await t.app.request('/api/auth/me', {
      headers: { cookie: 'sb_session=chosen-by-the-attacker' },
    })

    await expectError(response, 401, 'unauthorized')
  })
})

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated write without the X-CSRF-Token header', async () => {
    const { cookie } = await signedIn()

    const response = await t.app.request('/api/flows/none', {
      method: 'DELETE',
      headers: { cookie },
    })

    await expectError(response, 403, 'csrf_failed')
  })

  it('refuses a cookie-authenticated write with another session’s token', async () => {
    const mine = await signedIn('li.lei')
    const theirs = await signedIn('han.meimei')

    const response = await t.app.request('/api/knowledge-bases', {
      method: 'POST',
      headers: {
        cookie: mine.cookie,
        'x-csrf-token': theirs.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: '售后' }),
    })

    await expectError(response, 403, 'csrf_failed')
    const list = (await (await t.request('GET', '/api/knowledge-bases')).json()) as {
      knowledgeBases: unknown[]
    }
    expect(list.knowledgeBases).toEqual([])
  })

  it('lets the write through with the session’s token', async () => {
    const { cookie, csrfToken } = await signedIn()

    const response = await t.app.request('/api/knowledge-bases', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '售后' }),
    })

    expect(response.status).toBe(201)
  })

  it('needs no token for reads, and GET /api/auth/me hands it out', async () => {
    const { cookie, csrfToken } = await signedIn()

    const response = await t.app.request('/api/auth/me', { headers: { cookie } })

    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ kind: 'user', role: 'designer', csrfToken })
  })
})

describe('lock-out after repeated failures', () => {
  it('locks after five failures, even for the right password, and says when to retry', async () => {
    await t.accounts.createUser({
      username: 'li.lei',
      role: 'designer',
      password: testUserPassword,
    })
    for (let i = 0; i < 5; i++) await signIn('li.lei', `wrong-${i}`)

    const response = await signIn('li.lei', testUserPassword)

    const error = await expectError(response, 429, 'account_locked')
    expect(error.details).toEqual({ retryAfterSeconds: 30 })
  })

  it('doubles the lock with every further failure', async () => {
    for (let i = 0; i < 5; i++) await signIn('li.lei', 'wrong')
    clock.advance(30_000)
    await signIn('li.lei', 'wrong')

    const error = await expectError(await signIn('li.lei', 'wrong'), 429, 'account_locked')

    expect(error.details).toEqual({ retryAfterSeconds: 60 })
  })

  it('lets the right password in once the lock has passed, and forgets the failures', async () => {
    await t.accounts.createUser({
      username: 'li.lei',
      role: 'designer',
      password: testUserPassword,
    })
    for (let i = 0; i < 5; i++) await signIn('li.lei', 'wrong')
    clock.advance(30_000)

    expect((await signIn('li.lei', testUserPassword)).status).toBe(200)
    await signIn('li.lei', 'wrong')
    expect((await signIn('li.lei', testUserPassword)).status).toBe(200)
  })

  it('locks parallel guesses too: they cannot all slip past the lock during the slow hash check', async () => {
    await t.accounts.createUser({
      username: 'li.lei',
      role: 'designer',
      password: testUserPassword,
    })

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn('li.lei', `wrong-${i}`)),
    )

    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(15)
    await expectError(await signIn('li.lei', testUserPassword), 429, 'account_locked')
  })

  it('locks names that have no account the same way, so a lock reveals nothing', async () => {
    for (let i = 0; i < 5; i++) await signIn('nobody', 'wrong')

    await expectError(await signIn('nobody', 'wrong'), 429, 'account_locked')
  })

  it('locks one login only, not the others', async () => {
    await t.accounts.createUser({
      username: 'li.lei',
      role: 'designer',
      password: testUserPassword,
    })
    for (let i = 0; i < 6; i++) await signIn('attacked', 'wrong')

    expect((await signIn('li.lei', testUserPassword)).status).toBe(200)
  })
})

describe('GET /api/auth/session', () => {
  it('answers { me: null } without a session, without a 401 in the browser console', async () => {
    const response = await t.app.request('/api/auth/session')

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ me: null })
  })

  it('describes the signed-in user with the CSRF token', async () => {
    const { cookie, csrfToken } = await signedIn()

    const response = await t.app.request('/api/auth/session', { headers: { cookie } })

    expect(await response.json()).toMatchObject({
      me: { kind: 'user', role: 'designer', csrfToken },
    })
  })
})

describe('session expiry and sign-out', () => {
  it('ends a session after two idle hours', async () => {
    const { cookie } = await signedIn()
    clock.advance(minutes(119))
    expect((await t.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200)
    clock.advance(minutes(119))
    expect((await t.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200)

    clock.advance(minutes(121))

    await expectError(
      await t.app.request('/api/auth/me', { headers: { cookie } }),
      401,
      'unauthorized',
    )
  })

  it('ends a session twelve hours after sign-in however busy it is', async () => {
    const { cookie } = await signedIn()
    for (let i = 0; i < 12; i++) {
      clock.advance(minutes(59))
      expect((await t.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200)
    }

    clock.advance(minutes(13))

    await expectError(
      await t.app.request('/api/auth/me', { headers: { cookie } }),
      401,
      'unauthorized',
    )
  })

  it('ends the session at sign-out and clears the cookie', async () => {
    const { cookie } = await signedIn()

    const response = await t.app.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie },
    })

    expect(response.status).toBe(204)
    expect(response.headers.get('set-cookie')).toMatch(/^sb_session=;.*Max-Age=0/)
    await expectError(
      await t.app.request('/api/auth/me', { headers: { cookie } }),
      401,
      'unauthorized',
    )
  })

  it('keeps sessions across a restart: they live in the database', async () => {
    const { cookie } = await signedIn()
    const restarted = createAccounts({ database: t.database, now: clock.now })

    const principal = await restarted.principalForSession(cookie.slice('sb_session='.length))

    expect(principal).toMatchObject({ kind: 'user', role: 'designer' })
  })

  it('stores only a hash of the session token', async () => {
    const { cookie } = await signedIn()
    const token = cookie.slice('sb_session='.length)

    const rows = t.database.sqlite.prepare('SELECT id FROM auth_sessions').all()

    expect(JSON.stringify(rows)).not.toContain(token)
  })
})
