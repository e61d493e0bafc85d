import type { Context } from 'hono'
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import type { Me } from '../../../shared/index.ts'
import {
  type Accounts,
  csrfTokenFor,
  ForbiddenError,
  normalizeLogin,
  passwordSchema,
} from '../../auth/index.ts'
import type { AuditVariables } from '../audit-context.ts'
import { type AuthVariables, sessionCookieName } from '../auth.ts'
import { readJsonBody } from '../read-body.ts'

export const signInBodySchema = z.object({
  /** User name or e-mail. */
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
})

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
})

const maxBodyBytes = 4 * 1024

/** Sign-in, sign-out, who-am-I and the own password (/api/auth). */
export function authRoutes(accounts: Accounts) {
  const app = new Hono<{ Variables: AuthVariables & AuditVariables }>()

  app.post('/sign-in', async (c) => {
    // A cross-site form can post text/plain, never JSON without a CORS preflight: so another
    // site cannot sign a visitor in to an account of its choosing (login CSRF).
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
      throw new ForbiddenError('Sign in with Content-Type: application/json')
    }
    const body = await readJsonBody(c, signInBodySchema, maxBodyBytes)
    // Failed attempts are audited too, under the login tried (never the password).
    c.set('audit', { action: 'auth.sign_in', target: `login:${normalizeLogin(body.login)}` })
    const { token, expiresAt, user } = await accounts.signIn(body.login, body.password)
    c.set('audit', { action: 'auth.sign_in', target: `user:${user.id}`, after: user })
    // A session cookie sent along is dropped: signing in always starts a new session (fixation).
    const planted = getCookie(c, sessionCookieName)
    if (planted !== undefined) accounts.sessions.end(planted)
    setCookie(c, sessionCookieName, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c),
      path: '/api',
      expires: new Date(expiresAt),
    })
    return c.json({ user, csrfToken: csrfTokenFor(token), expiresAt })
  })

  app.post('/sign-out', (c) => {
    const token = getCookie(c, sessionCookieName)
    if (token !== undefined) accounts.sessions.end(token)
    deleteCookie(c, sessionCookieName, { path: '/api', secure: isHttps(c) })
    return c.body(null, 204)
  })

  const describe = (c: Context<{ Variables: AuthVariables & AuditVariables }>): Me => {
    const principal = c.get('principal')
    const token = getCookie(c, sessionCookieName)
    return {
      ...principal,
      ...(principal.kind === 'user' && token !== undefined
        ? { csrfToken: csrfTokenFor(token) }
        : {}),
    }
  }

  app.get('/me', (c) => c.json(describe(c)))

  // Public, so that a browser without a session gets an answer, not a 401 in its console.
  app.get('/session', (c) => c.json({ me: c.get('principal') ? describe(c) : null }))

  app.post('/password', async (c) => {
    const principal = c.get('principal')
    if (principal.kind !== 'user') throw new ForbiddenError('Only users have a password')
    const body = await readJsonBody(c, changePasswordBodySchema, maxBodyBytes)
    c.set('audit', { action: 'auth.change_password', target: `user:${principal.id}` })
    await accounts.changePassword(
      principal.id,
      body.currentPassword,
      body.newPassword,
      getCookie(c, sessionCookieName),
    )
    return c.body(null, 204)
  })

  return app
}

/** Secure cookies whenever the browser reached us over HTTPS, directly or through a proxy. */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
}
