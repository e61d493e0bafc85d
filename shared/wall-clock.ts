/** The wall clock in a time zone at one instant; month 1–12, weekday 1 = Monday … 7 = Sunday. */
export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  weekday: number
}

// Building an Intl.DateTimeFormat costs far more than formatting with one; callers convert
// often (every message, every queue check), so keep one formatter per time zone.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // Pinned so that every part parses as a number whatever the host's default locale data.
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** What a clock on the wall in `timeZone` (an IANA name) shows at the instant `epochMs`. */
export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const year = parts.year ?? 1970
  const month = parts.month ?? 1
  const day = parts.day ?? 1
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return {
    year,
    month,
    day,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    weekday: sundayFirst === 0 ? 7 : sundayFirst,
  }
}
