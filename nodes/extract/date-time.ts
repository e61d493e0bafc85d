import type { Clock } from '../../shared/index.ts'
import { findEnglishMentions } from './date-time-en.ts'
import type { DateTimeMention } from './date-time-mention.ts'
import { findChineseMentions, withPeriod } from './date-time-zh.ts'
import { keepLongest } from './keep-longest.ts'
import { isValidDate, localNow } from './zoned-time.ts'

const isoDate = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g
/** What may stand between a date and its time: 明天 下午三点, tomorrow at 3pm, 周一的10点. */
const joiner = /^[\s,，]*(?:的|at|on|around|about|by)?\s*$/i

/**
 * Every date and time said in `text`, in order, resolved against the clock in its time zone. A
 * date followed (or preceded) closely by a time becomes one mention with both.
 */
export function findDateTimes(text: string, clock: Clock): DateTimeMention[] {
  const now = localNow(clock)
  const all = [
    ...findChineseMentions(text, now),
    ...findEnglishMentions(text, now, clock.now(), clock.timeZone),
    ...findIsoDates(text),
  ]
  return mergeNeighbours(text, dropOverlaps(all)).filter((m) => (m.date || m.time) && !m.isWeak)
}

function findIsoDates(text: string): DateTimeMention[] {
  const found: DateTimeMention[] = []
  for (const match of text.matchAll(isoDate)) {
    const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
    if (isValidDate(date)) {
      found.push({ start: match.index, end: match.index + match[0].length, text: match[0], date })
    }
  }
  return found
}

/** Longer mentions win over the shorter ones they cover (明天下午三点 over 三点). */
function dropOverlaps(mentions: DateTimeMention[]): DateTimeMention[] {
  return keepLongest(mentions)
}

function mergeNeighbours(text: string, mentions: DateTimeMention[]): DateTimeMention[] {
  const merged: DateTimeMention[] = []
  for (const mention of mentions) {
    const last = merged.at(-1)
    if (last && canJoin(last, mention) && joiner.test(text.slice(last.end, mention.start))) {
      merged[merged.length - 1] = join(text, last, mention)
    } else {
      merged.push(mention)
    }
  }
  return merged
}

/** A date joins a time, and a part of the day (下午, evening) joins either; never two dates. */
function canJoin(first: DateTimeMention, second: DateTimeMention): boolean {
  if (first.date && second.date) return false
  if (first.time && second.time) return false
  return true
}

function join(text: string, first: DateTimeMention, second: DateTimeMention): DateTimeMention {
  const period = first.period ?? second.period
  const rawTime = first.time ?? second.time
  const hasOwnPeriod = (first.time ? first.period : second.period) !== undefined
  const time = rawTime && !hasOwnPeriod ? withPeriod(rawTime, period) : rawTime
  const date = first.date ?? second.date
  return {
    start: first.start,
    end: second.end,
    text: text.slice(first.start, second.end),
    ...(date ? { date } : {}),
    ...(time ? { time } : {}),
    ...(period ? { period } : {}),
  }
}

export type { DateTimeMention }
