import { describe, expect, it } from 'vitest'
import { parseRoute, type Route, routeHash } from './route-store.ts'

describe('routes in the URL hash', () => {
  const routes: Route[] = [
    { page: 'flows' },
    { page: 'editor', flowId: 'order service' },
    { page: 'knowledge' },
    { page: 'knowledge-base', knowledgeBaseId: 'kb_1' },
    { page: 'settings' },
  ]

  it.each(routes)('round-trips %o through its hash', (route) => {
    expect(parseRoute(routeHash(route))).toEqual(route)
  })

  it('shows the flow list for an unknown or empty hash', () => {
    expect(parseRoute('')).toEqual({ page: 'flows' })
    expect(parseRoute('#/nowhere')).toEqual({ page: 'flows' })
    expect(parseRoute('#/knowledge/')).toEqual({ page: 'flows' })
  })
})
