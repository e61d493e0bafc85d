/** Parses a command-line count; `fallback` when the option was not given. */
export function wholeNumber(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0) throw new Error(`not a whole number: ${value}`)
  return number
}
