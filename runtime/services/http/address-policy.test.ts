import { describe, expect, it } from 'vitest'
import { OutboundBlockedError } from '../../../shared/index.ts'
import { createAddressPolicy, normalizeAddress } from './address-policy.ts'

function refusal(check: () => void): string | undefined {
  try {
    check()
    return undefined
  } catch (error) {
    if (error instanceof OutboundBlockedError) return error.message
    throw error
  }
}

describe('address policy (SSRF guard)', () => {
  const policy = createAddressPolicy()

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.10.10', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['64:ff9b::a00:1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s as a %s address', (address, kind) => {
    expect(refusal(() => policy.check('example.test', address))).toContain(kind)
  })

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'lets the public address %s through',
    (address) => {
      expect(refusal(() => policy.check('example.test', address))).toBeUndefined()
    },
  )

  it('refuses something that is not an IP address at all', () => {
    expect(refusal(() => policy.check('example.test', 'not-an-ip'))).toContain('not an IP')
  })

  it('lets allow-listed ranges and single addresses through, nothing else', () => {
    const allowing = createAddressPolicy({ cidrs: ['10.1.0.0/16', '127.0.0.1', 'fd00::/8'] })

    expect(refusal(() => allowing.check('crm', '10.1.2.3'))).toBeUndefined()
    expect(refusal(() => allowing.check('crm', '127.0.0.1'))).toBeUndefined()
    expect(refusal(() => allowing.check('crm', '::ffff:127.0.0.1'))).toBeUndefined()
    expect(refusal(() => allowing.check('crm', 'fd00::5'))).toBeUndefined()
    expect(refusal(() => allowing.check('crm', '10.2.0.1'))).toContain('private')
    expect(refusal(() => allowing.check('crm', '127.0.0.2'))).toContain('loopback')
  })

  it('lets allow-listed host names through whatever they resolve to, wildcards included', () => {
    const allowing = createAddressPolicy({ hosts: ['crm.corp.local', '*.erp.local'] })

    expect(refusal(() => allowing.check('CRM.corp.local', '10.0.0.7'))).toBeUndefined()
    expect(refusal(() => allowing.check('a.erp.local', '10.0.0.8'))).toBeUndefined()
    expect(refusal(() => allowing.check('erp.local.evil.test', '10.0.0.8'))).toContain('private')
    expect(refusal(() => allowing.check('evilerp.local', '10.0.0.8'))).toContain('private')
  })

  it('refuses a bad allow-list entry at once', () => {
    expect(() => createAddressPolicy({ cidrs: ['10.0.0.0/40'] })).toThrow('prefix')
    expect(() => createAddressPolicy({ cidrs: ['intranet'] })).toThrow('Not an IP')
  })

  it('reads IPv4 carried in IPv6 as that IPv4 address', () => {
    expect(normalizeAddress('[::ffff:10.0.0.1]')).toEqual({ address: '10.0.0.1', family: 'ipv4' })
    expect(normalizeAddress('2001:db8::1')).toEqual({ address: '2001:db8::1', family: 'ipv6' })
  })
})
