import { describe, expect, it } from 'vitest'
import { parseRoute, routeHash } from '../app/route-store.ts'

describe('analytics routes', () => {
  it('opens the workspace dashboard at #/analytics and a flow’s at #/analytics/<flowId>', () => {
    expect(parseRoute('#/analytics')).toEqual({ page: 'analytics' })
    expect(parseRoute('#/analytics/%E5%94%AE%E5%90%8E')).toEqual({
      page: 'analytics',
      flowId: '售后',
    })
  })

  it('writes the same hashes back', () => {
    expect(routeHash({ page: 'analytics' })).toBe('#/analytics')
    expect(routeHash({ page: 'analytics', flowId: '售后' })).toBe('#/analytics/%E5%94%AE%E5%90%8E')
  })
})
