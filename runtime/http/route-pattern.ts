import type { Context } from 'hono'

/**
 * The route that answers this request, written as openapi.ts and access.ts write it
 * (`{ method: 'POST', pattern: '/api/flows/{id}/publish' }`); undefined when no route matched
 * (only middleware and the catch-all did).
 */
export function matchedRoute(c: Context): { method: string; pattern: string } | undefined {
  const route = c.req.matchedRoutes.find((r) => r.method !== 'ALL')
  return route && { method: route.method, pattern: route.path.replace(/:(\w+)/g, '{$1}') }
}
