import { describe, expect, it } from 'vitest'
import { wallClockAt } from './wall-clock.ts'

describe('wallClockAt', () => {
  it('reads date, time and ISO weekday in the given time zone', () => {
    // 2026-09-28 01:30 UTC is Monday 09:30 in Shanghai (UTC+8).
    expect(wallClockAt(Date.parse('2026-09-28T01:30:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 9,
      day: 28,
      hour: 9,
      minute: 30,
      weekday: 1,
    })
  })

  it('crosses midnight into the previous day west of UTC, Sunday as 7', () => {
    const moment = wallClockAt(Date.parse('2026-09-28T02:15:00Z'), 'America/New_York')

    expect(moment).toMatchObject({ day: 27, hour: 22, minute: 15, weekday: 7 })
  })

  it('shows midnight as hour 0, not 24', () => {
    expect(wallClockAt(Date.parse('2026-01-01T16:00:00Z'), 'Asia/Shanghai').hour).toBe(0)
  })
})
