import { type QueueSettings, wallClockAt } from '../../shared/index.ts'

const pad = (n: number) => String(n).padStart(2, '0')

/** The local date (YYYY-MM-DD), weekday (1 = Monday) and time (HH:MM) at `nowMs` in a zone. */
export function localTime(
  nowMs: number,
  timeZone: string,
): { date: string; weekday: number; time: string } {
  const local = wallClockAt(nowMs, timeZone)
  return {
    date: `${local.year}-${pad(local.month)}-${pad(local.day)}`,
    weekday: local.weekday,
    time: `${pad(local.hour)}:${pad(local.minute)}`,
  }
}

/**
 * Whether the queue is open at `nowMs`: closed on holidays; open around the clock without
 * hours; an extra workday (调休) uses Monday's hours. A range whose end is before its start
 * runs past midnight (22:00–06:00).
 */
export function isQueueOpen(settings: QueueSettings, nowMs: number): boolean {
  const { date, weekday, time } = localTime(nowMs, settings.timeZone)
  if (settings.holidays.includes(date)) return false
  if (settings.hours.length === 0) return true
  const day = settings.extraWorkdays.includes(date) ? 1 : weekday
  return settings.hours.some((range) => {
    if (!range.days.includes(day)) return false
    if (range.from <= range.to) return time >= range.from && time < range.to
    return time >= range.from || time < range.to
  })
}
