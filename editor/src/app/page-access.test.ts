import { describe, expect, it } from 'vitest'
import { allowedRoute } from './page-access.ts'

describe('page access', () => {
  it('shows a page to a role that may see it', () => {
    expect(allowedRoute({ page: 'users' }, 'admin')).toEqual({ page: 'users' })
  })

  it('opens the agent console as an agent’s start page', () => {
    expect(allowedRoute({ page: 'flows' }, 'agent')).toEqual({ page: 'console' })
  })

  it('refuses a page the role may not see instead of loading it', () => {
    expect(allowedRoute({ page: 'users' }, 'analyst')).toBeUndefined()
    expect(allowedRoute({ page: 'audit' }, 'designer')).toBeUndefined()
    expect(allowedRoute({ page: 'console' }, 'analyst')).toBeUndefined()
  })
})
