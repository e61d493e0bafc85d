import { createHash } from 'node:crypto'
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { PayloadTooLargeError } from '../../shared/index.ts'
import type { AuditLog } from '../audit/index.ts'
import { apiKeyPrefix } from '../auth/index.ts'
import type { Logger } from '../logger.ts'
import { auditRequests } from './audit-requests.ts'
import type { AuthVariables } from './auth.ts'
import { clientIp } from './client-ip.ts'
import { type RateLimit, RateLimiter, rateLimit } from './rate-limit.ts'
import { securityHeaders } from './security-headers.ts'

export interface SecurityOptions {
  /** We serve TLS ourselves (TLS_CERT/TLS_KEY): send HSTS. */
  isTls?: boolean
  /** Behind a TLS proxy: believe X-Forwarded-For and X-Forwarded-Proto (TRUST_PROXY=true). */
  trustProxy?: boolean
  /** Failed sign-in attempts per client address. */
  signInLimit?: RateLimit
  /** Conversation API calls per API key, or per client address for cookie sessions. */
  conversationLimit?: RateLimit
  /** Largest request body on any /api route; routes have their own, smaller limits. */
  maxBodyBytes: number
  now?: () => number
}

export const defaultSignInLimit: RateLimit = { burst: 10, perMinute: 10 }
export const defaultConversationLimit: RateLimit = { burst: 1200, perMinute: 6000 }

/**
 * Transport and abuse protection for the whole app, registered before authentication:
 * security headers, one body size cap, rate limits on sign-in and the conversation API, and
 * the audit middleware (which reads the principal after the request ran).
 */
export function applySecurity(
  app: Hono<{ Variables: AuthVariables }>,
  options: SecurityOptions & { auditLog?: AuditLog | undefined; log: Logger },
): void {
  const trustProxy = options.trustProxy ?? false
  app.use('*', securityHeaders({ isTls: options.isTls ?? false, trustProxy }))
  app.use('/api/*', limitBody(options.maxBodyBytes))
  const byAddress = (c: Context) => {
    const ip = clientIp(c, trustProxy)
    return ip === 'unknown' ? undefined : `ip:${ip}`
  }
  const signIn = new RateLimiter(options.signInLimit ?? defaultSignInLimit, options.now)
  app.use('/api/auth/sign-in', rateLimit(signIn, byAddress, { isFailuresOnly: true }))
  const conversations = new RateLimiter(
    options.conversationLimit ?? defaultConversationLimit,
    options.now,
  )
  // A channel's API key is counted wherever it calls from (its backend often sends every
  // customer's messages from one address); a person signed in with a cookie is counted by
  // address. Other bearer tokens are the admin token (root: it can change the limits anyway)
  // or wrong, which authentication refuses (401) before any work.
  const byCredential = (c: Context) => {
    const header = c.req.header('authorization')
    if (header === undefined) return byAddress(c)
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
    if (token === undefined || !token.startsWith(apiKeyPrefix)) return undefined
    return `key:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`
  }
  // Matches /api/conversations itself too.
  app.use('/api/conversations/*', rateLimit(conversations, byCredential))
  if (options.auditLog) {
    app.use('/api/*', auditRequests({ auditLog: options.auditLog, trustProxy, log: options.log }))
  }
}

/**
 * One cap on every request body. A body with a Content-Length is judged by the header alone;
 * only a chunked body (no length known up front) is counted as it streams, by hono's
 * bodyLimit, which wraps the request and would cost every turn an allocation-heavy copy.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const streamed = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PayloadTooLargeError(maxBytes)
    },
  })
  return async (c, next) => {
    if (c.req.header('transfer-encoding') !== undefined) return streamed(c, next)
    if (Number(c.req.header('content-length') ?? '0') > maxBytes) {
      throw new PayloadTooLargeError(maxBytes)
    }
    await next()
  }
}
