import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { ConversationNotFoundError, UnauthorizedError } from '../../shared/index.ts'
import {
  type Accounts,
  adminTokenPrincipal,
  apiKeyPrefix,
  CsrfError,
  csrfTokenFor,
  ForbiddenError,
  PasswordChangeRequiredError,
  type Principal,
} from '../auth/index.ts'
import { type Caller, routeAccess } from './access.ts'
import { matchedRoute } from './route-pattern.ts'
import { type AccessWatch, defaultAccessRecheckMs } from './stream-access.ts'

export type { Role } from '../../shared/index.ts'
export type { Principal } from '../auth/index.ts'

/**
 * `principal` is always set on non-public routes; on public ones only if the caller is known.
 * `access` (non-public routes) lets a stream re-check the caller while it stays open.
 */
export type AuthVariables = { principal: Principal; access: AccessWatch }

export const sessionCookieName = 'sb_session'
export const csrfHeaderName = 'x-csrf-token'

/** What a user with a one-time password may still do. */
const passwordChangeRoutes = new Set([
  'GET /api/auth/me',
  'POST /api/auth/password',
  'POST /api/auth/sign-out',
])

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

const digest = (text: string) => createHash('sha256').update(text).digest()

// Compare digests so the time taken says nothing about how much of a secret matched.
const isSameSecret = (given: string, expected: string) =>
  timingSafeEqual(digest(given), digest(expected))

export interface AuthOptions {
  adminToken: string
  accounts: Accounts
  /** The flow of a conversation (throws conversation_not_found), to hold API keys to theirs. */
  conversationFlowId: (conversationId: string) => Promise<string>
  /** How often open streams re-check their caller (`c.get('access')`); 5 s by default. */
  accessRecheckMs?: number
}

/**
 * The one middleware on every /api route: finds who calls (admin token or API key as a bearer
 * token, or the session cookie of a signed-in user), then lets the call through only if the
 * route's row in `routeAccess` (access.ts) allows that caller. 401 = not signed in, 403 = not
 * allowed; a route without a row is refused to everyone.
 */
export function authenticate(
  options: AuthOptions,
): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const route = matchedRoute(c)
    const key = route && `${route.method} ${route.pattern}`
    const rule = key === undefined ? undefined : routeAccess[key]
    if (rule === 'public') {
      // Public routes still learn who calls when they can (the editor's session check).
      const principal = await identify(c, options).catch(() => undefined)
      if (principal) c.set('principal', principal)
      return next()
    }

    const principal = await identify(c, options)
    c.set('principal', principal)
    // No such route: the catch-all answers 404, but only to a caller who is signed in.
    if (route === undefined || key === undefined) return next()
    if (rule === undefined) {
      throw new ForbiddenError(`No access rule for ${key}: add one to runtime/http/access.ts`)
    }
    if (principal.mustChangePassword && !passwordChangeRoutes.has(key)) {
      throw new PasswordChangeRequiredError()
    }
    if (!rule.includes(callerOf(principal))) {
      throw new ForbiddenError(
        principal.kind === 'api_key'
          ? 'API keys may only use the conversation API'
          : `The ${principal.role} role may not ${key}`,
      )
    }
    // The middleware runs under '/api/*', so the route's :id is read from the path itself.
    const conversationId = /^\/api\/conversations\/([^/]+)/.exec(c.req.path)?.[1]
    if (principal.kind === 'api_key' && route.pattern.startsWith('/api/conversations/{id}')) {
      if (conversationId === undefined) throw new ForbiddenError()
      const flowId = await options.conversationFlowId(conversationId)
      // 404, not 403: a key learns nothing about conversations of other flows.
      if (!principal.flowIds?.includes(flowId)) throw new ConversationNotFoundError(conversationId)
    }
    c.set('access', {
      everyMs: options.accessRecheckMs ?? defaultAccessRecheckMs,
      isStillAllowed: async () => {
        // The same credential, looked up again: revoked, disabled, signed out and expired all
        // fail here; a role changed since must still be allowed on this route.
        const now = await identify(c, options, { isRecheck: true }).catch(() => undefined)
        if (!now || now.kind !== principal.kind || now.id !== principal.id) return false
        return !now.mustChangePassword && rule.includes(callerOf(now))
      },
    })
    await next()
  }
}

const callerOf = (principal: Principal): Caller =>
  principal.kind === 'api_key' ? 'api_key' : principal.role

/** `isRecheck`: an open stream asking again; it neither counts as activity nor needs CSRF. */
async function identify(
  c: Context,
  options: AuthOptions,
  { isRecheck = false }: { isRecheck?: boolean } = {},
): Promise<Principal> {
  const header = c.req.header('authorization')
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const token = match?.[1]
    if (!token) throw new UnauthorizedError()
    if (token.startsWith(apiKeyPrefix)) {
      const apiKey = options.accounts.apiKeys.authenticate(token)
      if (!apiKey) throw new UnauthorizedError('Unknown or revoked API key')
      return {
        kind: 'api_key',
        id: apiKey.id,
        name: apiKey.name,
        role: 'analyst',
        flowIds: apiKey.flowIds,
      }
    }
    if (!isSameSecret(token, options.adminToken)) throw new UnauthorizedError()
    return adminTokenPrincipal
  }
  const sessionToken = getCookie(c, sessionCookieName)
  if (sessionToken === undefined) throw new UnauthorizedError('Sign in, or send a bearer token')
  const principal = await options.accounts.principalForSession(sessionToken, {
    isTouching: !isRecheck,
  })
  if (!principal) throw new UnauthorizedError('Your session has ended: sign in again')
  if (!isRecheck && !safeMethods.has(c.req.method)) {
    const given = c.req.header(csrfHeaderName) ?? ''
    if (!isSameSecret(given, csrfTokenFor(sessionToken))) throw new CsrfError()
  }
  return principal
}

/** Holds API keys to their flows where a route learns the flow from the body (start a chat). */
export function assertMayUseFlow(principal: Principal, flowId: string): void {
  if (principal.kind === 'api_key' && !principal.flowIds?.includes(flowId)) {
    throw new ForbiddenError(`This API key may not use flow ${flowId}`)
  }
}
