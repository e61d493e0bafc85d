import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'

describe('loadConfig: outbound allow-list', () => {
  it('is empty by default', () => {
    expect(loadConfig({}).httpAllowList).toEqual({ hosts: [], cidrs: [] })
  })

  it('reads comma-separated hosts and ranges, ignoring blanks and spaces', () => {
    const config = loadConfig({
      HTTP_ALLOWED_HOSTS: 'crm.corp.local, *.erp.local,',
      HTTP_ALLOWED_CIDRS: '10.20.0.0/16 , 192.168.1.15',
    })

    expect(config.httpAllowList).toEqual({
      hosts: ['crm.corp.local', '*.erp.local'],
      cidrs: ['10.20.0.0/16', '192.168.1.15'],
    })
  })

  it('refuses a malformed range, naming the variable', () => {
    expect(() => loadConfig({ HTTP_ALLOWED_CIDRS: '10.0.0.0/33' })).toThrow(
      /HTTP_ALLOWED_CIDRS: Bad prefix length in "10.0.0.0\/33"/,
    )
    expect(() => loadConfig({ HTTP_ALLOWED_CIDRS: 'intranet' })).toThrow(/HTTP_ALLOWED_CIDRS/)
  })
})
