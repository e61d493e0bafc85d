import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { UnauthorizedError } from '../../shared/index.ts'

export type Role = 'admin' | 'designer' | 'agent' | 'analyst'

export interface Principal {
  kind: 'admin_token'
  role: Role
}

export type AuthVariables = { principal: Principal }

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * The one authentication middleware for every /api route but health. Today it knows the admin
 * token; users, roles and API keys (issue #8) plug in here and set a principal with its role.
 */
export function requireBearer(adminToken: string): MiddlewareHandler<{ Variables: AuthVariables }> {
  const expected = digest(adminToken)
  return async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    // Compare digests so the time taken says nothing about how much of the token matched.
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      throw new UnauthorizedError()
    }
    c.set('principal', { kind: 'admin_token', role: 'admin' })
    await next()
  }
}
