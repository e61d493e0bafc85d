import { describe, expect, it } from 'vitest'
import { defaultThrottlePolicy, lockDurationMs } from './sign-in-throttle.ts'

describe('lockDurationMs', () => {
  it('does not lock before the fifth failure', () => {
    expect([1, 2, 3, 4].map((n) => lockDurationMs(n, defaultThrottlePolicy))).toEqual([0, 0, 0, 0])
  })

  it('locks 30 s at the fifth failure and doubles with each further one', () => {
    const locks = [5, 6, 7, 8].map((n) => lockDurationMs(n, defaultThrottlePolicy) / 1000)

    expect(locks).toEqual([30, 60, 120, 240])
  })

  it('never locks longer than 15 minutes, however many failures', () => {
    expect(lockDurationMs(10_000, defaultThrottlePolicy)).toBe(15 * 60_000)
  })
})
