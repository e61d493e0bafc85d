/** The ISO instant a UTC day starts. */
export function dayStart(day: string): string {
  return `${day}T00:00:00.000Z`
}

/** The day after (UTC), as YYYY-MM-DD. */
export function nextDay(day: string): string {
  const date = new Date(dayStart(day))
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}
