import type { QueueSettings } from '../../shared/index.ts'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

/** The local date (YYYY-MM-DD), weekday (1 = Monday) and time (HH:MM) at `nowMs` in a zone. */
export function localTime(
  nowMs: number,
  timeZone: string,
): { date: string; weekday: number; time: string } {
  const parts: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(nowMs)) parts[part.type] = part.value
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdays[parts.weekday ?? ''] ?? 1,
    time: `${parts.hour}:${parts.minute}`,
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
