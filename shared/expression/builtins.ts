import { isPlainObject, parseNumericText, toText, type Value } from './values.ts'

/** The only functions an expression can call. */
export type BuiltinName =
  | 'len'
  | 'lower'
  | 'upper'
  | 'trim'
  | 'number'
  | 'string'
  | 'round'
  | 'floor'
  | 'ceil'
  | 'abs'
  | 'min'
  | 'max'

interface Builtin {
  readonly minArgs: number
  readonly maxArgs: number
  call(args: readonly Value[]): Value
}

const maxRoundDigits = 15

export const builtins: Readonly<Record<BuiltinName, Builtin>> = {
  len: oneArg(lengthOf),
  lower: oneArg((value) => mapText(value, (text) => text.toLowerCase())),
  upper: oneArg((value) => mapText(value, (text) => text.toUpperCase())),
  trim: oneArg((value) => mapText(value, (text) => text.trim())),
  number: oneArg(toNumber),
  string: oneArg(toText),
  round: {
    minArgs: 1,
    maxArgs: 2,
    call([value, digits = 0]) {
      if (typeof value !== 'number') return null
      if (typeof digits !== 'number' || !Number.isInteger(digits)) return null
      if (digits < 0 || digits > maxRoundDigits) return null
      return roundHalfAwayFromZero(value, digits)
    },
  },
  floor: oneArg((value) => (typeof value === 'number' ? Math.floor(value) : null)),
  ceil: oneArg((value) => (typeof value === 'number' ? Math.ceil(value) : null)),
  abs: oneArg((value) => (typeof value === 'number' ? Math.abs(value) : null)),
  min: { minArgs: 1, maxArgs: Number.POSITIVE_INFINITY, call: (args) => extreme(args, Math.min) },
  max: { minArgs: 1, maxArgs: Number.POSITIVE_INFINITY, call: (args) => extreme(args, Math.max) },
}

export const builtinNames = Object.keys(builtins)

export function isBuiltinName(name: string): name is BuiltinName {
  // Own keys only: `toString(x)` or `constructor(x)` must not find Object.prototype members.
  return Object.hasOwn(builtins, name)
}

function oneArg(call: (value: Value) => Value): Builtin {
  return { minArgs: 1, maxArgs: 1, call: ([value]) => call(value) }
}

/** Characters, not UTF-16 units: "退货🙂" has length 3. */
function lengthOf(value: Value): Value {
  if (value === null || value === undefined) return 0
  if (typeof value === 'string') return [...value].length
  if (Array.isArray(value)) return value.length
  if (isPlainObject(value)) return Object.keys(value).length
  return null
}

function mapText(value: Value, transform: (text: string) => string): Value {
  if (typeof value === 'string') return transform(value)
  if (typeof value === 'number') return transform(String(value))
  return null
}

function toNumber(value: Value): Value {
  if (typeof value === 'number') return value
  if (typeof value === 'string') return parseNumericText(value) ?? null
  return null
}

/** `min(1, 2)` or `min(vars.prices)`; null as soon as one item is not a number. */
function extreme(args: readonly Value[], pick: (...numbers: number[]) => number): Value {
  const [first] = args
  const items: readonly Value[] = args.length === 1 && Array.isArray(first) ? first : args
  const numbers: number[] = []
  for (const item of items) {
    if (typeof item !== 'number') return null
    numbers.push(item)
  }
  return numbers.length === 0 ? null : pick(...numbers)
}

/** Half away from zero, as on receipts: round(2.5) is 3, round(-2.5) is -3. */
function roundHalfAwayFromZero(value: number, digits: number): number {
  const magnitude = Math.abs(value)
  // Shift the decimal point in text: 1.005 * 100 is 100.49999999999999 in binary floating point.
  const shifted = Math.round(Number(`${magnitude}e${digits}`))
  let rounded = Number(`${shifted}e-${digits}`)
  // Numbers already in exponent notation (1e-7, 1e21) make the text shift NaN; do it in binary.
  if (Number.isNaN(rounded)) rounded = Math.round(magnitude * 10 ** digits) / 10 ** digits
  if (rounded === 0) return 0
  return value < 0 ? -rounded : rounded
}
