import { describe, expect, it } from 'vitest'
import { fixedClock, testContext } from '../../../shared/index.ts'
import businessHours from './index.ts'

const weekdaysOnly = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '18:00' }

// 2026-01-01 is a Thursday; Shanghai is UTC+8 all year.
function shanghaiAt(isoTime: string) {
  return testContext({ clock: fixedClock(isoTime, 'Asia/Shanghai') })
}

describe('business-hours node', () => {
  describe('weekly hours', () => {
    it('takes open during the opening hours', async () => {
      const config = businessHours.config.parse({})

      const result = await businessHours.run(shanghaiAt('2026-01-01T02:00:00Z'), config)

      expect(result).toMatchObject({ port: 'open', output: { isOpen: true, nextOpenAt: null } })
    })

    it('takes closed before opening and gives the opening time of the same day', async () => {
      const config = businessHours.config.parse({})

      const result = await businessHours.run(shanghaiAt('2026-01-01T00:30:00Z'), config)

      expect(result).toMatchObject({
        port: 'closed',
        output: { isOpen: false, nextOpenAt: '2026-01-01T01:00:00.000Z' },
      })
    })

    it('counts the closing minute as closed and gives the next day’s opening', async () => {
      const config = businessHours.config.parse({})

      const result = await businessHours.run(shanghaiAt('2026-01-01T13:00:00Z'), config)

      expect(result).toMatchObject({
        port: 'closed',
        output: { nextOpenAt: '2026-01-02T01:00:00.000Z' },
      })
    })

    it('skips the days without hours: on Saturday it gives Monday’s opening', async () => {
      const config = businessHours.config.parse({ weeklyHours: [weekdaysOnly] })

      const result = await businessHours.run(shanghaiAt('2026-01-03T02:00:00Z'), config)

      expect(result).toMatchObject({
        port: 'closed',
        output: { nextOpenAt: '2026-01-05T01:00:00.000Z' },
      })
    })

    it('opens again after a lunch break when a day has two rows', async () => {
      const config = businessHours.config.parse({
        weeklyHours: [
          { days: ['thu'], open: '09:00', close: '12:00' },
          { days: ['thu'], open: '13:30', close: '18:00' },
        ],
      })

      const result = await businessHours.run(shanghaiAt('2026-01-01T04:30:00Z'), config)

      expect(result).toMatchObject({
        port: 'closed',
        output: { nextOpenAt: '2026-01-01T05:30:00.000Z' },
      })
    })

    it('gives the next opening as the business’s wall-clock time for messages', async () => {
      const config = businessHours.config.parse({})

      const result = await businessHours.run(shanghaiAt('2026-01-01T14:30:00Z'), config)

      expect(result).toMatchObject({
        output: { nextOpenLocal: '2026-01-02 09:00', timeZone: 'Asia/Shanghai' },
      })
    })

    it('gives no next opening and notes it in the trace when no hours are set', async () => {
      const ctx = shanghaiAt('2026-01-01T02:00:00Z')
      const config = businessHours.config.parse({ weeklyHours: [] })

      const result = await businessHours.run(ctx, config)

      expect(result).toMatchObject({ port: 'closed', output: { nextOpenAt: null } })
      expect(ctx.effects.notes).toEqual([{ message: 'no opening hours within the next year' }])
    })

    it('only routes: it sends no message and writes no variable', async () => {
      const ctx = shanghaiAt('2026-01-01T02:00:00Z')

      await businessHours.run(ctx, businessHours.config.parse({}))

      expect(ctx.effects.messages).toEqual([])
      expect(ctx.effects.variables.size).toBe(0)
    })
  })

  describe('holidays', () => {
    it('closes all day on a holiday without hours and names it in the output', async () => {
      const ctx = shanghaiAt('2026-01-01T02:00:00Z')
      const config = businessHours.config.parse({
        holidays: [{ date: '2026-01-01', name: '元旦' }],
      })

      const result = await businessHours.run(ctx, config)

      expect(result).toMatchObject({
        port: 'closed',
        output: {
          nextOpenAt: '2026-01-02T01:00:00.000Z',
          holiday: { date: '2026-01-01', name: '元旦' },
        },
      })
      expect(ctx.effects.notes[0]?.message).toBe('a holiday row decided today’s hours')
    })

    it('opens only the holiday’s own hours when it has them', async () => {
      const config = businessHours.config.parse({
        holidays: [{ date: '2026-02-16', name: '除夕', open: '09:00', close: '12:00' }],
      })

      const morning = await businessHours.run(shanghaiAt('2026-02-16T03:00:00Z'), config)
      const afternoon = await businessHours.run(shanghaiAt('2026-02-16T06:00:00Z'), config)

      expect([morning, afternoon]).toMatchObject([{ port: 'open' }, { port: 'closed' }])
    })

    it('opens on a weekend working day (调休) listed with hours', async () => {
      const config = businessHours.config.parse({
        weeklyHours: [weekdaysOnly],
        holidays: [{ date: '2026-02-28', name: '调休上班', open: '09:00', close: '18:00' }],
      })

      const result = await businessHours.run(shanghaiAt('2026-02-28T02:00:00Z'), config)

      expect(result).toMatchObject({ port: 'open' })
    })

    it('finds the first opening after a week of holidays', async () => {
      const springFestival = [17, 18, 19, 20, 21, 22, 23].map((day) => ({
        date: `2026-02-${day}`,
        name: '春节',
      }))
      const config = businessHours.config.parse({ holidays: springFestival })

      const result = await businessHours.run(shanghaiAt('2026-02-17T02:00:00Z'), config)

      expect(result).toMatchObject({ output: { nextOpenAt: '2026-02-24T01:00:00.000Z' } })
    })
  })

  describe('time zones', () => {
    it('reads the hours on the configured zone’s clock, whatever the server’s zone', async () => {
      const ctx = testContext({ clock: fixedClock('2026-01-01T02:00:00Z', 'UTC') })

      const result = await businessHours.run(ctx, businessHours.config.parse({}))

      expect(result).toMatchObject({ port: 'open' })
    })

    it('follows the clock’s zone when timeZone is blank', async () => {
      const ctx = testContext({ clock: fixedClock('2026-01-01T02:00:00Z', 'UTC') })
      const config = businessHours.config.parse({ timeZone: '' })

      const result = await businessHours.run(ctx, config)

      expect(result).toMatchObject({
        port: 'closed',
        output: { nextOpenAt: '2026-01-01T09:00:00.000Z', timeZone: 'UTC' },
      })
    })

    it('gives the right instant when daylight-saving time starts before the opening', async () => {
      // New York moves from UTC−5 to UTC−4 at 07:00 UTC on Sunday 2026-03-08.
      const ctx = testContext({ clock: fixedClock('2026-03-08T04:00:00Z', 'America/New_York') })
      const config = businessHours.config.parse({
        timeZone: 'America/New_York',
        weeklyHours: [{ days: ['sun'], open: '06:00', close: '12:00' }],
      })

      const result = await businessHours.run(ctx, config)

      expect(result).toMatchObject({ output: { nextOpenAt: '2026-03-08T10:00:00.000Z' } })
    })

    it('throws when the clock’s zone is unknown, which takes the error port', async () => {
      const ctx = testContext({ clock: { now: () => 0, timeZone: 'Mars/Olympus_Mons' } })
      const config = businessHours.config.parse({ timeZone: '' })

      await expect(async () => businessHours.run(ctx, config)).rejects.toThrow(RangeError)
    })
  })

  describe('config', () => {
    it('defaults to Shanghai time, 09:00–21:00 every day and no holidays', () => {
      expect(businessHours.config.parse({})).toEqual({
        timeZone: 'Asia/Shanghai',
        weeklyHours: [
          {
            days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
            open: '09:00',
            close: '21:00',
          },
        ],
        holidays: [],
      })
    })

    it('accepts 24:00 as a closing time', () => {
      const parsed = businessHours.config.safeParse({
        weeklyHours: [{ days: ['fri'], open: '18:00', close: '24:00' }],
      })

      expect(parsed.success).toBe(true)
    })

    it('rejects a time without two-digit hours', () => {
      const parsed = businessHours.config.safeParse({
        weeklyHours: [{ days: ['mon'], open: '9:00', close: '18:00' }],
      })

      expect(parsed.error?.issues[0]?.path).toEqual(['weeklyHours', 0, 'open'])
    })

    it('rejects a closing time that is not after the opening time', () => {
      const parsed = businessHours.config.safeParse({
        weeklyHours: [{ days: ['mon'], open: '22:00', close: '02:00' }],
      })

      expect(parsed.error?.issues[0]?.path).toEqual(['weeklyHours', 0, 'close'])
    })

    it('rejects a row without days', () => {
      const parsed = businessHours.config.safeParse({
        weeklyHours: [{ days: [], open: '09:00', close: '18:00' }],
      })

      expect(parsed.error?.issues[0]?.path).toEqual(['weeklyHours', 0, 'days'])
    })

    it('rejects a time zone the runtime does not know', () => {
      const parsed = businessHours.config.safeParse({ timeZone: 'Beijing' })

      expect(parsed.error?.issues[0]?.path).toEqual(['timeZone'])
    })

    it('rejects a date that is not on the calendar', () => {
      const parsed = businessHours.config.safeParse({ holidays: [{ date: '2026-02-30' }] })

      expect(parsed.error?.issues[0]?.path).toEqual(['holidays', 0, 'date'])
    })

    it('rejects a holiday with an opening time but no closing time', () => {
      const parsed = businessHours.config.safeParse({
        holidays: [{ date: '2026-02-16', open: '09:00' }],
      })

      expect(parsed.error?.issues[0]?.path).toEqual(['holidays', 0, 'close'])
    })

    it('rejects the same holiday date twice', () => {
      const parsed = businessHours.config.safeParse({
        holidays: [{ date: '2026-10-01' }, { date: '2026-10-01' }],
      })

      expect(parsed.error?.issues[0]?.path).toEqual(['holidays', 1, 'date'])
    })
  })

  it('has open, closed and error ports', () => {
    expect(businessHours.outputs(businessHours.config.parse({}))).toEqual([
      'open',
      'closed',
      'error',
    ])
  })
})
