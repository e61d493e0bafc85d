import { z } from 'zod'

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export type Weekday = (typeof weekdays)[number]

const openTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00')
const closeTimeSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time such as 21:00, or 24:00 for midnight')

function closesAfterOpening(row: { open?: string; close?: string }): boolean {
  return row.open === undefined || row.close === undefined || row.close > row.open
}
const closeAfterOpen = {
  path: ['close'],
  message: 'must be later than open; for hours past midnight add a row for the next day',
}

/** One row of the weekly table: these days, from `open` to `close`, local time. */
export const weeklyHoursSchema = z
  .object({
    days: z.array(z.enum(weekdays)).min(1, 'pick at least one day'),
    open: openTimeSchema,
    close: closeTimeSchema,
  })
  .refine(closesAfterOpening, closeAfterOpen)
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-02-17')
  .refine(isCalendarDate, 'not a day of the calendar')

/**
 * A date whose hours replace the weekly ones: closed all day without `open`/`close`
 * (春节), or open only those hours (除夕 09:00–12:00, a 调休 Saturday that is a working day).
 */
export const holidaySchema = z
  .object({
    date: dateSchema,
    name: z.string().max(100).default(''),
    open: openTimeSchema.optional(),
    close: closeTimeSchema.optional(),
  })
  .refine((row) => (row.open === undefined) === (row.close === undefined), {
    path: ['close'],
    message: 'give both open and close, or neither for a day closed all day',
  })
  .refine(closesAfterOpening, closeAfterOpen)
export type Holiday = z.infer<typeof holidaySchema>

export interface Schedule {
  weeklyHours: readonly WeeklyHours[]
  holidays: readonly Holiday[]
}

export interface OpeningCheck {
  isOpen: boolean
  /** Epoch milliseconds of the next opening; null while open, or when none comes within a year. */
  nextOpenAtMs: number | null
  /** The special day that decided today's hours, if any. */
  holiday: Holiday | undefined
}

/** A calendar day, independent of any time zone. */
interface LocalDate {
  year: number
  month: number
  day: number
}

// A long holiday (春节, 国庆) closes for a week or more; a year covers any real calendar.
const maxDaysAhead = 366

/**
 * Whether the business is open at `nowMs`, judged on the wall clock of `timeZone`, and when it
 * opens next. Throws RangeError for a time zone the runtime does not know.
 * @example checkOpeningHours(Date.parse('2026-01-01T02:00:00Z'), 'Asia/Shanghai', schedule)
 */
export function checkOpeningHours(
  nowMs: number,
  timeZone: string,
  schedule: Schedule,
): OpeningCheck {
  const now = wallClock(nowMs, timeZone)
  const holidaysByDate = new Map(schedule.holidays.map((holiday) => [holiday.date, holiday]))
  const today = hoursOn(now.date, schedule.weeklyHours, holidaysByDate)
  const isOpen = today.ranges.some(
    (range) => range.open <= now.minutes && now.minutes < range.close,
  )
  if (isOpen) return { isOpen, nextOpenAtMs: null, holiday: today.holiday }

  for (let offset = 0; offset <= maxDaysAhead; offset++) {
    const date = addDays(now.date, offset)
    const { ranges } = offset === 0 ? today : hoursOn(date, schedule.weeklyHours, holidaysByDate)
    const openings = ranges
      .map((range) => range.open)
      .filter((open) => offset > 0 || open > now.minutes)
    if (openings.length > 0) {
      const nextOpenAtMs = wallClockToEpochMs(date, Math.min(...openings), timeZone)
      return { isOpen, nextOpenAtMs, holiday: today.holiday }
    }
  }
  return { isOpen, nextOpenAtMs: null, holiday: today.holiday }
}

/** `2026-01-02 09:00` on the wall clock of `timeZone`, for messages to the customer. */
export function formatWallClock(epochMs: number, timeZone: string): string {
  const { date, minutes } = wallClock(epochMs, timeZone)
  const hours = Math.floor(minutes / 60)
  return `${isoDate(date)} ${pad(hours)}:${pad(minutes % 60)}`
}

/** Whether the runtime knows `timeZone` (an IANA name such as Asia/Shanghai). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

interface MinuteRange {
  open: number
  close: number
}

function hoursOn(
  date: LocalDate,
  weeklyHours: readonly WeeklyHours[],
  holidaysByDate: ReadonlyMap<string, Holiday>,
): { ranges: MinuteRange[]; holiday: Holiday | undefined } {
  const holiday = holidaysByDate.get(isoDate(date))
  if (holiday) {
    const ranges =
      holiday.open === undefined || holiday.close === undefined
        ? []
        : [{ open: toMinutes(holiday.open), close: toMinutes(holiday.close) }]
    return { ranges, holiday }
  }
  const weekday = weekdays[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]
  const ranges = weeklyHours
    .filter((row) => weekday !== undefined && row.days.includes(weekday))
    .map((row) => ({ open: toMinutes(row.open), close: toMinutes(row.close) }))
  return { ranges, holiday: undefined }
}

function toMinutes(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number)
  return hours * 60 + minutes
}

function addDays(date: LocalDate, days: number): LocalDate {
  // Calendar arithmetic in UTC, where every day has 24 hours; no time zone is involved.
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() }
}

function isCalendarDate(text: string): boolean {
  const [year = 0, month = 0, day = 0] = text.split('-').map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function isoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

// Building a DateTimeFormat costs far more than using one; a deployment uses a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The date and time a wall clock in `timeZone` shows at `epochMs`. */
function wallClock(
  epochMs: number,
  timeZone: string,
): { date: LocalDate; minutes: number; seconds: number } {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const { year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0 } = parts
  return { date: { year, month, day }, minutes: hour * 60 + minute, seconds: second }
}

/** How far the wall clock of `timeZone` is ahead of UTC at `epochMs` (UTC+8 → 8 hours). */
function offsetMs(epochMs: number, timeZone: string): number {
  const { date, minutes, seconds } = wallClock(epochMs, timeZone)
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minutes, seconds)
  return wallAsUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000))
}

/**
 * The instant a wall clock in `timeZone` shows `minutes` past midnight of `date`. The offset is
 * looked up twice because it may change between the first guess and the answer (a switch to or
 * from daylight-saving time). A time that the switch skips moves forward by the length of the gap
 * (02:30 becomes 03:30 when clocks jump from 02:00 to 03:00), as JavaScript's Date does.
 */
function wallClockToEpochMs(date: LocalDate, minutes: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minutes)
  const firstGuess = wallAsUtc - offsetMs(wallAsUtc, timeZone)
  const secondGuess = wallAsUtc - offsetMs(firstGuess, timeZone)
  const shown = wallClock(secondGuess, timeZone)
  const isExact = shown.minutes === minutes && isoDate(shown.date) === isoDate(date)
  return isExact ? secondGuess : Math.max(firstGuess, secondGuess)
}
