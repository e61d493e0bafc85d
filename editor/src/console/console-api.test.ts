import { describe, expect, it } from 'vitest'
import { formatWait } from './console-api.ts'

describe('formatWait', () => {
  it('shows minutes and seconds, and hours past an hour', () => {
    expect(formatWait(65_000)).toBe('1:05')
    expect(formatWait(3_725_000)).toBe('1:02:05')
    expect(formatWait(-5)).toBe('0:00')
  })
})
