import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../shared/index.ts'
import { createTestApp, type TestApp, testUserPassword } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'

// A stolen session must not be a way to guess the account's password through
// POST /api/auth/password: wrong current passwords count against the sign-in lock-out.

let clock: Clock & { advance(ms: number): void }
let t: TestApp
let session: Record<string, string>

const newPassword = 'a-brand-new-password'

async function signIn(password: string) {
  return t.app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'li.lei', password }),
  })
}

async function changePassword(currentPassword: string) {
  return t.app.request('/api/auth/password', {
    method: 'POST',
    headers: { ...session, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword, newPassword }),
  })
}

beforeEach(async () => {
  let time = Date.parse('2026-03-01T08:00:00Z')
  clock = {
    now: () => time,
    timeZone: 'Asia/Shanghai',
    advance: (ms) => {
      time += ms
    },
  }
  t = createTestApp({ clock })
  await t.accounts.createUser({ username: 'li.lei', role: 'designer', password: testUserPassword })
  const response = await signIn(testUserPassword)
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  session = { cookie, 'x-csrf-token': csrfToken }
})

afterEach(() => t.close())

describe('POST /api/auth/password lock-out', () => {
  it('locks after five wrong current passwords: 429 account_locked with Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      await expectError(await changePassword(`wrong-${i}`), 401, 'invalid_credentials')
    }

    const response = await changePassword('wrong-again')

    const error = await expectError(response, 429, 'account_locked')
    expect(error.details).toEqual({ retryAfterSeconds: 30 })
    expect(response.headers.get('retry-after')).toBe('30')
  })

  it('refuses the right current password while locked, and changes nothing', async () => {
    for (let i = 0; i < 5; i++) await changePassword(`wrong-${i}`)

    const locked = await changePassword(testUserPassword)
    clock.advance(30_000)
    const oldPassword = await signIn(testUserPassword)
    const newOne = await signIn(newPassword)

    await expectError(locked, 429, 'account_locked')
    expect(oldPassword.status).toBe(200)
    await expectError(newOne, 401, 'invalid_credentials')
  })

  it('shares the lock with sign-in under the user name', async () => {
    for (let i = 0; i < 5; i++) await changePassword(`wrong-${i}`)

    const response = await signIn(testUserPassword)

    await expectError(response, 429, 'account_locked')
  })

  it('is refused while sign-in failures have locked the user name', async () => {
    for (let i = 0; i < 5; i++) await signIn(`wrong-${i}`)

    await expectError(await changePassword(testUserPassword), 429, 'account_locked')
  })

  it('clears the count when the right current password comes before the lock', async () => {
    for (let i = 0; i < 4; i++) await changePassword(`wrong-${i}`)

    const changed = await changePassword(testUserPassword)
    const nextWrong = await changePassword('wrong-after')

    expect(changed.status).toBe(204)
    await expectError(nextWrong, 401, 'invalid_credentials')
  })

  it('keeps the session open while locked: the lock is on the password, not the session', async () => {
    for (let i = 0; i < 6; i++) await changePassword(`wrong-${i}`)

    const me = await t.app.request('/api/auth/me', { headers: session })

    expect(me.status).toBe(200)
  })
})

describe('POST /api/auth/sign-in lock-out', () => {
  it('sends Retry-After with account_locked', async () => {
    for (let i = 0; i < 5; i++) await signIn(`wrong-${i}`)

    const response = await signIn(testUserPassword)

    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('30')
  })
})
