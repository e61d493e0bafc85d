import { isPlainObject, parseNumericText, scalarText, toText, type Value } from './values.ts'

/** `==`: by value, deep for arrays and objects; "3" equals 3; null equals missing. */
export function valuesEqual(left: Value, right: Value): boolean {
  if (left === right) return true
  if (isNullish(left) || isNullish(right)) return isNullish(left) && isNullish(right)
  if (typeof left === 'number' && typeof right === 'string') return parseNumericText(right) === left
  if (typeof left === 'string' && typeof right === 'number') return parseNumericText(left) === right
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false
    return left.every((item, index) => valuesEqual(item, right[index]))
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = Object.keys(left)
    if (keys.length !== Object.keys(right).length) return false
    return keys.every((key) => Object.hasOwn(right, key) && valuesEqual(left[key], right[key]))
  }
  return false
}

export type OrderOperator = '<' | '<=' | '>' | '>='

/**
 * Numbers by value, strings by UTF-16 code units, a number and a numeric string as numbers.
 * Anything else is not ordered, so every comparison is false.
 */
export function compareValues(operator: OrderOperator, left: Value, right: Value): boolean {
  const order = orderOf(left, right)
  if (order === undefined) return false
  switch (operator) {
    case '<':
      return order < 0
    case '<=':
      return order <= 0
    case '>':
      return order > 0
    case '>=':
      return order >= 0
  }
}

function orderOf(left: Value, right: Value): number | undefined {
  if (typeof left === 'string' && typeof right === 'string') {
    if (left === right) return 0
    return left < right ? -1 : 1
  }
  const leftNumber = typeof left === 'string' ? parseNumericText(left) : left
  const rightNumber = typeof right === 'string' ? parseNumericText(right) : right
  if (typeof leftNumber !== 'number' || typeof rightNumber !== 'number') return undefined
  return Math.sign(leftNumber - rightNumber)
}

/** Substring of a text, element of an array (by `==`), own key of an object; else false. */
export function containsValue(haystack: Value, needle: Value): boolean {
  if (Array.isArray(haystack)) return haystack.some((item) => valuesEqual(item, needle))
  const needleText = scalarText(needle)
  if (needleText === undefined) return false
  if (isPlainObject(haystack)) return Object.hasOwn(haystack, needleText)
  return scalarText(haystack)?.includes(needleText) ?? false
}

export function startsWithValue(text: Value, prefix: Value): boolean {
  const prefixText = scalarText(prefix)
  return prefixText !== undefined && (scalarText(text)?.startsWith(prefixText) ?? false)
}

export function endsWithValue(text: Value, suffix: Value): boolean {
  const suffixText = scalarText(suffix)
  return suffixText !== undefined && (scalarText(text)?.endsWith(suffixText) ?? false)
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%'

/** `+` joins text when either side is a string; otherwise numbers only, null for the rest. */
export function calculate(operator: ArithmeticOperator, left: Value, right: Value): Value {
  if (operator === '+' && (typeof left === 'string' || typeof right === 'string')) {
    return toText(left) + toText(right)
  }
  if (typeof left !== 'number' || typeof right !== 'number') return null
  return finiteOrNull(arithmetic(operator, left, right))
}

export function negate(value: Value): Value {
  return typeof value === 'number' ? finiteOrNull(-value) : null
}

function arithmetic(operator: ArithmeticOperator, left: number, right: number): number {
  switch (operator) {
    case '+':
      return left + right
    case '-':
      return left - right
    case '*':
      return left * right
    case '/':
      return left / right
    case '%':
      return left % right
  }
}

// Division by zero and overflow give null: JSON has no Infinity or NaN.
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null
}

function isNullish(value: Value): value is null | undefined {
  return value === null || value === undefined
}
