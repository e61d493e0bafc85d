import { z } from 'zod'
import { defineNode, type JsonObject } from '../../../shared/index.ts'
import {
  checkOpeningHours,
  formatWallClock,
  holidaySchema,
  isKnownTimeZone,
  type WeeklyHours,
  weeklyHoursSchema,
} from './opening-hours.ts'

const config = z
  .object({
    /** Blank: the zone of the deployment's clock (`ctx.clock.timeZone`). */
    timeZone: z
      .string()
      .trim()
      .max(64)
      .default('Asia/Shanghai')
      .refine(
        (zone) => zone === '' || isKnownTimeZone(zone),
        'an IANA time zone such as Asia/Shanghai, or blank for the server clock',
      ),
    weeklyHours: z
      .array(weeklyHoursSchema)
      .max(50)
      .default((): WeeklyHours[] => [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '09:00', close: '21:00' },
      ])
      .meta({ ui: 'table' }),
    holidays: z.array(holidaySchema).max(400).default([]).meta({ ui: 'table' }),
  })
  .superRefine((cfg, check) => {
    const seen = new Set<string>()
    cfg.holidays.forEach((holiday, index) => {
      if (seen.has(holiday.date)) {
        const message = `${holiday.date} appears twice`
        check.addIssue({ code: 'custom', path: ['holidays', index, 'date'], message })
      }
      seen.add(holiday.date)
    })
  })

/**
 * Routes a conversation by the business's opening hours, e.g. to a human agent while the
 * service desk is staffed and to a "leave a message" branch otherwise.
 */
export default defineNode({
  type: 'business-hours',
  version: 1,
  category: 'logic',
  titles: { 'zh-CN': '营业时间', en: 'Business hours' },
  descriptions: {
    'zh-CN':
      '按每周营业时间和节假日判断现在是否营业：营业走 open，否则走 closed，并给出下次营业时间。',
    en: 'Checks weekly opening hours and holidays: takes open, or closed with the next opening time.',
  },
  config,
  outputs: () => ['open', 'closed', 'error'],
  run(ctx, cfg) {
    const timeZone = cfg.timeZone === '' ? ctx.clock.timeZone : cfg.timeZone
    // Throws RangeError for a clock zone the runtime does not know: the step takes `error`.
    const { isOpen, nextOpenAtMs, holiday } = checkOpeningHours(ctx.clock.now(), timeZone, cfg)
    if (holiday) {
      ctx.trace.note('a holiday row decided today’s hours', {
        date: holiday.date,
        name: holiday.name,
      })
    }
    if (!isOpen && nextOpenAtMs === null) ctx.trace.note('no opening hours within the next year')
    const output: JsonObject = {
      isOpen,
      nextOpenAt: nextOpenAtMs === null ? null : new Date(nextOpenAtMs).toISOString(),
      nextOpenLocal: nextOpenAtMs === null ? null : formatWallClock(nextOpenAtMs, timeZone),
      timeZone,
      holiday: holiday ? { date: holiday.date, name: holiday.name } : null,
    }
    return { port: isOpen ? 'open' : 'closed', output }
  },
})
