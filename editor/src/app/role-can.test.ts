import { describe, expect, it } from 'vitest'
import { roleCan } from './session-store.ts'

describe('roleCan', () => {
  it('shows the users page to admins only', () => {
    const roles = ['admin', 'designer', 'agent', 'analyst'] as const

    expect(roles.filter((role) => roleCan(role, 'users.manage'))).toEqual(['admin'])
  })

  it('lets analysts read flows but not change them', () => {
    expect(roleCan('analyst', 'flows.view')).toBe(true)
    expect(roleCan('analyst', 'flows.edit')).toBe(false)
  })

  it('shows nothing to a caller whose role is not known yet', () => {
    expect(roleCan(undefined, 'flows.view')).toBe(false)
  })
})
