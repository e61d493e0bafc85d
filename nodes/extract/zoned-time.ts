import { type Clock, wallClockAt } from '../../shared/index.ts'

/** A calendar day with no time zone; month 1–12. */
export interface CivilDate {
  year: number
  month: number
  day: number
}

export interface ClockTime {
  hour: number
  minute: number
}

/** The wall-clock moment in a time zone; weekday 1 = Monday … 7 = Sunday (ISO 8601). */
export interface LocalMoment extends CivilDate, ClockTime {
  weekday: number
}

const DAY_MS = 86_400_000

/** The wall clock in `timeZone` at the instant `epochMs`. */
export function localMomentAt(epochMs: number, timeZone: string): LocalMoment {
  return wallClockAt(epochMs, timeZone)
}

export function localNow(clock: Clock): LocalMoment {
  return localMomentAt(clock.now(), clock.timeZone)
}

function civilToUtcMs(date: CivilDate, time: ClockTime = { hour: 0, minute: 0 }): number {
  return Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute)
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const shifted = new Date(civilToUtcMs(date) + days * DAY_MS)
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  }
}

export function weekdayOf(date: CivilDate): number {
  const sundayFirst = new Date(civilToUtcMs(date)).getUTCDay()
  return sundayFirst === 0 ? 7 : sundayFirst
}

export function isValidDate(date: CivilDate): boolean {
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.year < 1000) return false
  const check = new Date(civilToUtcMs(date))
  return check.getUTCMonth() + 1 === date.month && check.getUTCDate() === date.day
}

const pad = (n: number) => String(n).padStart(2, '0')

export function formatDate(date: CivilDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`
}

export function formatTime(time: ClockTime): string {
  return `${pad(time.hour)}:${pad(time.minute)}`
}

/**
 * ISO 8601 with the zone's UTC offset at that wall-clock time, e.g. `2026-01-02T15:00:00+08:00`.
 * The offset is found by formatting, so daylight-saving zones get the offset of that day.
 */
export function formatDateTime(date: CivilDate, time: ClockTime, timeZone: string): string {
  const offsetMinutes = offsetAt(date, time, timeZone)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const offset = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  return `${formatDate(date)}T${formatTime(time)}:00${offset}`
}

function offsetAt(date: CivilDate, time: ClockTime, timeZone: string): number {
  const asUtc = civilToUtcMs(date, time)
  const offsetOf = (instant: number) => {
    const local = localMomentAt(instant, timeZone)
    return Math.round((civilToUtcMs(local, local) - instant) / 60_000)
  }
  // The offset at the guessed instant may differ from the one at the real instant near a
  // daylight-saving change; one correction settles it.
  const first = offsetOf(asUtc)
  return offsetOf(asUtc - first * 60_000)
}
