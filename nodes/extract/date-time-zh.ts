import { parseChineseNumber } from '../text/index.ts'
import type { DateTimeMention } from './date-time-mention.ts'
import {
  addDays,
  type CivilDate,
  type ClockTime,
  isValidDate,
  type LocalMoment,
  weekdayOf,
} from './zoned-time.ts'

const zhDigit = '[零〇一二两三四五六七八九十]'
const smallNumber = `(?:\\d{1,2}|${zhDigit}{1,3})`

/** Day words and how many days from today they are; some carry a part of the day. */
const dayWords: Readonly<Record<string, { days: number; period?: string }>> = {
  大前天: { days: -3 },
  前天: { days: -2 },
  昨天: { days: -1 },
  昨日: { days: -1 },
  昨晚: { days: -1, period: '晚上' },
  今天: { days: 0 },
  今日: { days: 0 },
  今儿: { days: 0 },
  今早: { days: 0, period: '早上' },
  今晚: { days: 0, period: '晚上' },
  明天: { days: 1 },
  明日: { days: 1 },
  明儿: { days: 1 },
  明早: { days: 1, period: '早上' },
  明晚: { days: 1, period: '晚上' },
  后天: { days: 2 },
  大后天: { days: 3 },
}
const dayWordPattern = Object.keys(dayWords)
  .sort((a, b) => b.length - a.length)
  .join('|')

const weekdayNumbers: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  末: 6,
}

const periods = '凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间'

const relativeDays = new RegExp(`(${dayWordPattern})`, 'g')
const daysFromNow = new RegExp(
  `(${smallNumber}|半)\\s*(天|日|周|星期|个星期|个月)(以后|之后|后|以前|之前|前)`,
  'g',
)
const weekday = /(下下|下个?|这个?|本|上个?)?\s*(?:周|星期|礼拜)([一二三四五六日天末1-7])/g
const fullDate = new RegExp(
  `(?:(\\d{4}|[零〇一二三四五六七八九]{4})\\s*年\\s*)?(${smallNumber})\\s*月\\s*(${smallNumber})\\s*[日号號]`,
  'g',
)
const dayOfMonth = new RegExp(
  `(?<![月\\d零〇一二两三四五六七八九十])(${smallNumber})\\s*[号號]`,
  'g',
)
const clockTime = new RegExp(
  `(${periods})?\\s*(${smallNumber})\\s*[点點时時](?:\\s*(半|一刻|三刻|(${smallNumber})\\s*分?))?`,
  'g',
)
const colonTime = new RegExp(
  `(${periods})?\\s*(?<!\\d)([01]?\\d|2[0-3])[:：]([0-5]\\d)(?![\\d:])`,
  'g',
)
const periodOnly = new RegExp(`(${periods})`, 'g')

/** Dates and times written in Chinese, resolved against `now` (the conversation's local time). */
export function findChineseMentions(text: string, now: LocalMoment): DateTimeMention[] {
  const found: DateTimeMention[] = []
  const add = (match: RegExpExecArray, mention: Omit<DateTimeMention, 'start' | 'end' | 'text'>) =>
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      ...mention,
    })

  for (const match of text.matchAll(relativeDays)) {
    const word = dayWords[match[1] ?? '']
    if (!word) continue
    const date = addDays(now, word.days)
    add(match, word.period ? { date, period: word.period } : { date })
  }
  for (const match of text.matchAll(daysFromNow)) {
    const amount = match[1] === '半' ? 0.5 : parseChineseNumber(match[1] ?? '')
    if (amount === undefined) continue
    const unitDays = match[2] === '天' || match[2] === '日' ? 1 : match[2] === '个月' ? 30 : 7
    const sign = (match[3] ?? '').includes('前') ? -1 : 1
    add(match, { date: addDays(now, Math.round(sign * amount * unitDays)) })
  }
  for (const match of text.matchAll(weekday)) {
    const target = weekdayNumbers[match[2] ?? ''] ?? Number(match[2])
    add(match, { date: resolveWeekday(now, target, match[1] ?? '') })
  }
  for (const match of text.matchAll(fullDate)) {
    const date = {
      year: match[1] ? (parseChineseNumber(match[1]) ?? now.year) : now.year,
      month: parseChineseNumber(match[2] ?? '') ?? 0,
      day: parseChineseNumber(match[3] ?? '') ?? 0,
    }
    if (isValidDate(date)) add(match, { date })
  }
  for (const match of text.matchAll(dayOfMonth)) {
    const date = { year: now.year, month: now.month, day: parseChineseNumber(match[1] ?? '') ?? 0 }
    if (isValidDate(date)) add(match, { date })
  }
  for (const match of text.matchAll(clockTime)) {
    // 快一点 / 便宜一点 / 一时 mean "a bit" / "a moment": 一点 is 1 o'clock only with a part of the
    // day or minutes (凌晨一点, 一点半) or right after a date (明天一点).
    const isWeak = /^[一壹]$/.test(match[2] ?? '') && !match[1] && !match[3]
    const time = readClockTime(match[2] ?? '', match[3], match[1])
    if (time)
      add(match, match[1] ? { time, period: match[1] } : isWeak ? { time, isWeak } : { time })
  }
  for (const match of text.matchAll(colonTime)) {
    const time = withPeriod({ hour: Number(match[2]), minute: Number(match[3]) }, match[1])
    if (time) add(match, match[1] ? { time, period: match[1] } : { time })
  }
  for (const match of text.matchAll(periodOnly)) add(match, { period: match[1] ?? '' })
  return found
}

/**
 * 下周一 is Monday of next week (weeks start on Monday); 这周五 / 本周五 this week's Friday; a
 * bare 周五 the next Friday from today on, today included.
 */
export function resolveWeekday(now: LocalMoment, target: number, prefix: string): CivilDate {
  const today = weekdayOf(now)
  const mondayThisWeek = addDays(now, 1 - today)
  if (prefix.startsWith('下下')) return addDays(mondayThisWeek, 14 + target - 1)
  if (prefix.startsWith('下')) return addDays(mondayThisWeek, 7 + target - 1)
  if (prefix.startsWith('上')) return addDays(mondayThisWeek, -7 + target - 1)
  if (prefix !== '') return addDays(mondayThisWeek, target - 1)
  return addDays(now, (target - today + 7) % 7)
}

function readClockTime(
  hourText: string,
  minuteText: string | undefined,
  period: string | undefined,
): ClockTime | undefined {
  const hour = parseChineseNumber(hourText)
  if (hour === undefined) return undefined
  let minute = 0
  if (minuteText === '半') minute = 30
  else if (minuteText === '一刻') minute = 15
  else if (minuteText === '三刻') minute = 45
  else if (minuteText) minute = parseChineseNumber(minuteText) ?? -1
  return withPeriod({ hour, minute }, period)
}

/**
 * Applies a part of the day to a clock time: 下午三点 / 3 in the afternoon is 15:00, 中午一点
 * 13:00. A time without one is read as written, on a 24-hour clock.
 */
export function withPeriod(time: ClockTime, period: string | undefined): ClockTime | undefined {
  let { hour } = time
  if (hour > 24 || time.minute < 0 || time.minute > 59) return undefined
  const isAfternoon =
    period !== undefined && /下午|傍晚|晚上|夜里|夜间|afternoon|evening|night/.test(period)
  if (isAfternoon && hour < 12) hour += 12
  if (period === '中午' && hour < 5) hour += 12
  if (hour === 24) hour = 0
  return { hour, minute: time.minute }
}
