import { describe, expect, it } from 'vitest'
import { defaultCustomer, parseProfile, startBody } from './simulated-customer.ts'

describe('parseProfile', () => {
  it('takes an empty text as no profile and a JSON object as the profile', () => {
    expect(parseProfile('  ')).toEqual({ ok: true, profile: undefined })
    expect(parseProfile('{"name":"王女士","vip":true}')).toEqual({
      ok: true,
      profile: { name: '王女士', vip: true },
    })
  })

  it('says why anything else is refused', () => {
    expect(parseProfile('{name: 王女士}')).toEqual({ ok: false, reason: 'json' })
    expect(parseProfile('["王女士"]')).toEqual({ ok: false, reason: 'object' })
    expect(parseProfile('null')).toEqual({ ok: false, reason: 'object' })
  })
})

describe('startBody', () => {
  it('sends only what the operator filled in, with the locale', () => {
    expect(startBody({ ...defaultCustomer, channel: '' }, 'en')).toEqual({ locale: 'en' })
    expect(
      startBody(
        { customerId: ' c-42 ', channel: 'wechat', profileText: '{"name":"王女士"}' },
        'zh-CN',
      ),
    ).toEqual({
      locale: 'zh-CN',
      channel: 'wechat',
      customerId: 'c-42',
      profile: { name: '王女士' },
    })
  })
})
