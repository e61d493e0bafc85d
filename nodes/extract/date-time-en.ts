import type { DateTimeMention } from './date-time-mention.ts'
import { resolveWeekday } from './date-time-zh.ts'
import {
  addDays,
  type CivilDate,
  type ClockTime,
  isValidDate,
  type LocalMoment,
  localMomentAt,
} from './zoned-time.ts'

const dayWords: Readonly<Record<string, { days: number; period?: string }>> = {
  today: { days: 0 },
  tonight: { days: 0, period: 'evening' },
  tomorrow: { days: 1 },
  tmr: { days: 1 },
  tmrw: { days: 1 },
  yesterday: { days: -1 },
  'the day after tomorrow': { days: 2 },
  'day after tomorrow': { days: 2 },
  'the day before yesterday': { days: -2 },
}
const dayWordPattern = Object.keys(dayWords)
  .sort((a, b) => b.length - a.length)
  .join('|')

const weekdayNames: Readonly<Record<string, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
  sun: 7,
}
const monthNames: Readonly<Record<string, number>> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}
const numberWords: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  couple: 2,
  'a couple of': 2,
  few: 3,
  'a few': 3,
}
const months = Object.keys(monthNames).join('|')
const amount = `(\\d{1,3}|${Object.keys(numberWords)
  .sort((a, b) => b.length - a.length)
  .join('|')})`

const relativeDays = new RegExp(`\\b(${dayWordPattern})\\b`, 'gi')
// Short weekday names (sat, sun, wed) are everyday words, so they count only after a prefix.
const weekday =
  /\b(?:(next|this|coming|last|on)\s+(mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?|(?:(next|this|coming|last)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)/gi
const inAmount = new RegExp(`\\bin\\s+${amount}\\s+(day|week|hour|minute)s?\\b`, 'gi')
const amountAgoOrLater = new RegExp(
  `\\b${amount}\\s+(day|week|hour|minute)s?\\s+(ago|later|from now)\\b`,
  'gi',
)
const monthDay = new RegExp(
  `\\b(${months})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`,
  'gi',
)
const dayMonth = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${months})\\b\\.?(?:,?\\s+(\\d{4}))?`,
  'gi',
)
const amPm = /\b(\d{1,2})(?::([0-5]\d))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/gi
const oclock = /\b(\d{1,2})\s*o'?clock\b/gi
const noonMidnight = /\b(noon|midday|midnight)\b/gi
const partOfDay = /\b(?:in the\s+)?(morning|afternoon|evening)\b/gi

/** Dates and times written in English, resolved against `now` (the conversation's local time). */
export function findEnglishMentions(
  text: string,
  now: LocalMoment,
  nowMs: number,
  timeZone: string,
): DateTimeMention[] {
  const found: DateTimeMention[] = []
  const add = (match: RegExpExecArray, mention: Omit<DateTimeMention, 'start' | 'end' | 'text'>) =>
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      ...mention,
    })
  const shifted = (
    count: number,
    unit: string,
  ): Omit<DateTimeMention, 'start' | 'end' | 'text'> => {
    if (unit === 'day' || unit === 'week') {
      return { date: addDays(now, count * (unit === 'week' ? 7 : 1)) }
    }
    const moment = localMomentAt(nowMs + count * (unit === 'hour' ? 3_600_000 : 60_000), timeZone)
    return { date: moment, time: { hour: moment.hour, minute: moment.minute } }
  }

  for (const match of text.matchAll(relativeDays)) {
    const word = dayWords[(match[1] ?? '').toLowerCase()]
    if (!word) continue
    const date = addDays(now, word.days)
    add(match, word.period ? { date, period: word.period } : { date })
  }
  for (const match of text.matchAll(weekday)) {
    const prefix = (match[1] ?? match[3] ?? '').toLowerCase()
    const target = weekdayNames[(match[2] ?? match[4] ?? '').toLowerCase()]
    if (target === undefined) continue
    add(match, { date: resolveWeekday(now, target, englishPrefix(prefix)) })
  }
  for (const match of text.matchAll(inAmount)) {
    const count = readAmount(match[1] ?? '')
    if (count !== undefined) add(match, shifted(count, (match[2] ?? '').toLowerCase()))
  }
  for (const match of text.matchAll(amountAgoOrLater)) {
    const count = readAmount(match[1] ?? '')
    const sign = (match[3] ?? '').toLowerCase() === 'ago' ? -1 : 1
    if (count !== undefined) add(match, shifted(sign * count, (match[2] ?? '').toLowerCase()))
  }
  for (const match of text.matchAll(monthDay)) {
    const date = calendarDate(now, match[3], monthNames[(match[1] ?? '').toLowerCase()], match[2])
    if (date) add(match, { date })
  }
  for (const match of text.matchAll(dayMonth)) {
    const date = calendarDate(now, match[3], monthNames[(match[2] ?? '').toLowerCase()], match[1])
    if (date) add(match, { date })
  }
  for (const match of text.matchAll(amPm)) {
    const time = twelveHour(Number(match[1]), Number(match[2] ?? 0), (match[3] ?? '').toLowerCase())
    if (time) add(match, { time, period: 'explicit' })
  }
  for (const match of text.matchAll(oclock)) {
    const hour = Number(match[1])
    if (hour <= 24) add(match, { time: { hour: hour % 24, minute: 0 } })
  }
  for (const match of text.matchAll(noonMidnight)) {
    const isNoon = (match[1] ?? '').toLowerCase() !== 'midnight'
    add(match, { time: { hour: isNoon ? 12 : 0, minute: 0 }, period: 'explicit' })
  }
  for (const match of text.matchAll(partOfDay))
    add(match, { period: (match[1] ?? '').toLowerCase() })
  return found
}

function englishPrefix(prefix: string): string {
  // "next Monday" is Monday of next week, like 下周一; "this/coming Friday" the one this week.
  if (prefix === 'next') return '下'
  if (prefix === 'last') return '上'
  if (prefix === 'this') return '本'
  return ''
}

function readAmount(text: string): number | undefined {
  const lower = text.toLowerCase()
  return /^\d+$/.test(lower) ? Number(lower) : numberWords[lower]
}

function calendarDate(
  now: LocalMoment,
  yearText: string | undefined,
  month: number | undefined,
  dayText: string | undefined,
): CivilDate | undefined {
  if (month === undefined) return undefined
  const date = { year: yearText ? Number(yearText) : now.year, month, day: Number(dayText) }
  return isValidDate(date) ? date : undefined
}

function twelveHour(hour: number, minute: number, suffix: string): ClockTime | undefined {
  if (hour < 1 || hour > 12) return undefined
  const isPm = suffix.startsWith('p')
  return { hour: (hour % 12) + (isPm ? 12 : 0), minute }
}
