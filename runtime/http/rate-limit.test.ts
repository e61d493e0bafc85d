import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit.ts'

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    const nowMs = 0
    const limiter = new RateLimiter({ burst: 2, perMinute: 6 }, () => nowMs)

    const taken = [limiter.take('ip:1'), limiter.take('ip:1'), limiter.take('ip:1')]

    expect(taken).toEqual([
      { isAllowed: true },
      { isAllowed: true },
      { isAllowed: false, retryAfterSeconds: 10 },
    ])
  })

  it('refills over time, never above the burst', () => {
    let nowMs = 0
    const limiter = new RateLimiter({ burst: 2, perMinute: 6 }, () => nowMs)
    limiter.take('ip:1')
    limiter.take('ip:1')

    nowMs = 10 * 60_000

    expect([limiter.take('ip:1'), limiter.take('ip:1'), limiter.take('ip:1').isAllowed]).toEqual([
      { isAllowed: true },
      { isAllowed: true },
      false,
    ])
  })

  it('counts each key on its own', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1 }, () => 0)
    limiter.take('ip:1')

    expect(limiter.take('ip:2')).toEqual({ isAllowed: true })
  })
})

describe('RateLimiter.check', () => {
  it('tells whether a token is left without taking one', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1 }, () => 0)

    expect([limiter.check('ip:1'), limiter.check('ip:1')]).toEqual([
      { isAllowed: true },
      { isAllowed: true },
    ])
    limiter.take('ip:1')
    expect(limiter.check('ip:1')).toEqual({ isAllowed: false, retryAfterSeconds: 60 })
  })
})
