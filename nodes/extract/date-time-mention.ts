import type { CivilDate, ClockTime } from './zoned-time.ts'

/** A date and/or time said in a message, already resolved to the calendar. */
export interface DateTimeMention {
  start: number
  end: number
  text: string
  date?: CivilDate
  time?: ClockTime
  /** A part of the day said with it (下午, evening): turns a following 3 o'clock into 15:00. */
  period?: string
  /** Counts only when joined to a date (一点 alone usually means "a bit"). */
  isWeak?: boolean
}
