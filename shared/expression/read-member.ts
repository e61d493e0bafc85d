import type { TemplateScope } from '../node-api.ts'
import { isPlainObject, type Value } from './values.ts'

// Names that reach JavaScript machinery instead of data. Refused even as own keys (JSON.parse
// makes "__proto__" an own key), so no expression ever touches them.
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype'])

/** Whether `key` is a key expressions may read from `object`: own, and not a forbidden name. */
export function hasReadableKey(object: object, key: string): boolean {
  return !forbiddenKeys.has(key) && Object.hasOwn(object, key)
}

/** The value of a path root, or undefined for names that are not roots (`foo`, `toString`). */
export function readRoot(scope: TemplateScope, name: string): Value {
  switch (name) {
    case 'input':
      return scope.input
    case 'vars':
      return scope.vars
    case 'user':
      return scope.user
    case 'nodes':
      return scope.nodes
    case 'sys':
      return scope.sys
    default:
      return undefined
  }
}

/**
 * One step of a path. Reads only own data of plain objects and arrays; a step that leads
 * nowhere gives undefined instead of throwing, so `vars.order.items[0]` is null-safe.
 */
export function readMember(object: Value, key: Value): Value {
  if (Array.isArray(object)) {
    const index = typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined
    return Object.hasOwn(object, index) ? dataOnly(object[index]) : undefined
  }
  if (!isPlainObject(object)) return undefined
  const name = typeof key === 'number' ? String(key) : key
  if (typeof name !== 'string' || !hasReadableKey(object, name)) return undefined
  return dataOnly(object[name])
}

// The scope is typed as JSON, but a careless caller could still put a function in it.
function dataOnly(value: unknown): Value {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value
    case 'object':
      return value === null || Array.isArray(value) || isPlainObject(value) ? value : undefined
    default:
      return undefined
  }
}
