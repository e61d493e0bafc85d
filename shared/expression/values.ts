import type { JsonValue } from '../json.ts'

/** What an expression computes: JSON, or undefined for a path that leads nowhere. */
export type Value = JsonValue | undefined

export function isPlainObject(value: unknown): value is { [key: string]: JsonValue } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Conditions: null, missing, false, 0, "" and [] are false; everything else is true. */
export function isTruthy(value: Value): boolean {
  if (Array.isArray(value)) return value.length > 0
  return Boolean(value)
}

/** How a value reads inside text: templates, `+` with a string, `string(x)`. */
export function toText(value: Value): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** Strings and numbers as text, for the text operators; undefined for anything else. */
export function scalarText(value: Value): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

// Decimal notation only: Number() would also accept "0x1F", "Infinity" and "".
const numericTextPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/** The number a text such as " 42 " or "-3.5" spells, or undefined. */
export function parseNumericText(text: string): number | undefined {
  const trimmed = text.trim()
  if (!numericTextPattern.test(trimmed)) return undefined
  const number = Number(trimmed)
  return Number.isFinite(number) ? number : undefined
}
