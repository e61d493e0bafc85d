import { describe, expect, it } from 'vitest'
import { queueSettingsSchema } from '../../shared/index.ts'
import { isQueueOpen, localTime } from './business-hours.ts'

const weekdays = queueSettingsSchema.parse({
  timeZone: 'Asia/Shanghai',
  hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }],
  holidays: ['2026-10-01'],
  extraWorkdays: ['2026-09-27'],
})

// 2026-09-28 is a Monday; Shanghai is UTC+8.
const at = (iso: string) => Date.parse(iso)

describe('business hours', () => {
  it('reads local date, weekday and time in the queue time zone', () => {
    expect(localTime(at('2026-09-28T01:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-09-28',
      weekday: 1,
      time: '09:30',
    })
  })

  it('is open inside the hours of a weekday and closed before and after', () => {
    expect(isQueueOpen(weekdays, at('2026-09-28T01:30:00Z'))).toBe(true)
    expect(isQueueOpen(weekdays, at('2026-09-28T00:59:00Z'))).toBe(false)
    expect(isQueueOpen(weekdays, at('2026-09-28T10:00:00Z'))).toBe(false)
  })

  it('is closed on a weekend and on a holiday, open on an extra workday', () => {
    expect(isQueueOpen(weekdays, at('2026-10-03T03:00:00Z'))).toBe(false)
    expect(isQueueOpen(weekdays, at('2026-10-01T03:00:00Z'))).toBe(false)
    expect(isQueueOpen(weekdays, at('2026-09-27T03:00:00Z'))).toBe(true)
  })

  it('is always open without hours, except on holidays', () => {
    const always = queueSettingsSchema.parse({ holidays: ['2026-10-01'] })
    expect(isQueueOpen(always, at('2026-10-03T20:00:00Z'))).toBe(true)
    expect(isQueueOpen(always, at('2026-10-01T03:00:00Z'))).toBe(false)
  })

  it('runs a range past midnight when it ends before it starts', () => {
    const night = queueSettingsSchema.parse({
      hours: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '22:00', to: '06:00' }],
    })
    expect(isQueueOpen(night, at('2026-09-28T15:00:00Z'))).toBe(true)
    expect(isQueueOpen(night, at('2026-09-28T05:00:00Z'))).toBe(false)
  })
})
