import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../shared/index.ts'
import { findDateTimes } from './date-time.ts'
import { formatDate, formatTime } from './zoned-time.ts'

// Thursday 2026-01-01, 10:00 in Shanghai (02:00 UTC).
const clock = fixedClock('2026-01-01T02:00:00Z', 'Asia/Shanghai')

function first(text: string, at = clock) {
  const mention = findDateTimes(text, at)[0]
  return {
    date: mention?.date ? formatDate(mention.date) : undefined,
    time: mention?.time ? formatTime(mention.time) : undefined,
  }
}

describe('findDateTimes', () => {
  describe('Chinese', () => {
    it.each([
      ['明天下午三点', '2026-01-02', '15:00'],
      ['后天上午10点', '2026-01-03', '10:00'],
      ['下周一', '2026-01-05', undefined],
      ['这周六下午2点半', '2026-01-03', '14:30'],
      ['周四', '2026-01-01', undefined],
      ['周三', '2026-01-07', undefined],
      ['大后天晚上八点一刻', '2026-01-04', '20:15'],
      ['今晚8点', '2026-01-01', '20:00'],
      ['明天中午12点', '2026-01-02', '12:00'],
      ['三天后', '2026-01-04', undefined],
      ['3月15日', '2026-03-15', undefined],
      ['二〇二六年十二月二十五号', '2026-12-25', undefined],
      ['5号上午九点', '2026-01-05', '09:00'],
      ['下午3:30', undefined, '15:30'],
      ['昨天', '2025-12-31', undefined],
    ])('reads %s', (text, date, time) => {
      expect(first(`我想约${text}的时间`)).toEqual({ date, time })
    })

    it('does not read 一点 meaning "a bit" as one o\'clock', () => {
      expect(findDateTimes('能不能快一点，便宜一点', clock)).toEqual([])
    })

    it("reads 一点 as one o'clock with a part of the day, minutes or a date", () => {
      expect(first('凌晨一点')).toEqual({ date: undefined, time: '01:00' })
      expect(first('一点半')).toEqual({ date: undefined, time: '01:30' })
      expect(first('明天一点')).toEqual({ date: '2026-01-02', time: '01:00' })
    })

    it('ignores an impossible date', () => {
      expect(findDateTimes('2月30日', clock)).toEqual([])
    })
  })

  describe('English', () => {
    it.each([
      ['tomorrow at 3pm', '2026-01-02', '15:00'],
      ['next Monday', '2026-01-05', undefined],
      ['this Friday', '2026-01-02', undefined],
      ['on Sat at 10:30 am', '2026-01-03', '10:30'],
      ['in 2 days', '2026-01-03', undefined],
      ['in two weeks', '2026-01-15', undefined],
      ['in 3 hours', '2026-01-01', '13:00'],
      ['January 5th at noon', '2026-01-05', '12:00'],
      ['5 March 2027', '2027-03-05', undefined],
      ["tonight at 8 o'clock", '2026-01-01', '20:00'],
      ['tomorrow evening at 7 oclock', '2026-01-02', '19:00'],
      ['2026-02-14 18:00', '2026-02-14', '18:00'],
    ])('reads %s', (text, date, time) => {
      expect(first(`Can we do ${text}?`)).toEqual({ date, time })
    })

    it('does not read everyday words as weekdays', () => {
      expect(findDateTimes('I sat down and it was a sunny wed-ding', clock)).toEqual([])
    })
  })

  it('resolves in the clock time zone, where it may already be the next day', () => {
    // 2026-01-01 02:00 UTC is still 2025-12-31 in New York.
    const newYork = fixedClock('2026-01-01T02:00:00Z', 'America/New_York')

    expect(first('tomorrow', newYork).date).toBe('2026-01-01')
  })
})
