import type { JsonValue } from '../../shared/index.ts'

export type PathSegment = string | number

/**
 * Parses a response path such as `data.items[0].status` or `data["order-id"]`. An empty path
 * means the whole value. Returns an error message for a malformed path.
 */
export function parsePath(path: string): PathSegment[] | string {
  const segments: PathSegment[] = []
  const pattern =
    /\s*(?:\.?([A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff-]*)|\[\s*(\d+)\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\])/y
  let position = 0
  const text = path.trim()
  while (position < text.length) {
    pattern.lastIndex = position
    const match = pattern.exec(text)
    if (!match) return `unexpected "${text.slice(position, position + 10)}" at position ${position}`
    const [, name, index, quoted] = match
    if (name !== undefined) {
      if (position > 0 && !match[0].trimStart().startsWith('.')) {
        return `expected "." or "[" at position ${position}`
      }
      segments.push(name)
    } else if (index !== undefined) segments.push(Number(index))
    else segments.push((quoted ?? '').replace(/\\(.)/g, '$1'))
    position = pattern.lastIndex
  }
  return segments
}

/** Follows `segments` into `value`; undefined when a step is missing. Reads own data only. */
export function readPath(
  value: JsonValue,
  segments: readonly PathSegment[],
): JsonValue | undefined {
  let current: JsonValue | undefined = value
  for (const segment of segments) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined
    if (Array.isArray(current)) {
      if (typeof segment !== 'number') return undefined
      current = current[segment]
    } else {
      const key = String(segment)
      current = Object.hasOwn(current, key) ? current[key] : undefined
    }
  }
  return current
}
