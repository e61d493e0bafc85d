import { ExpressionError } from '../errors.ts'
import { BoundedCache } from './bounded-cache.ts'

export const maxPatternLength = 200
export const maxSubjectLength = 2_000

// Compiled once per distinct pattern; a RegExp without the g or y flag keeps no state, so
// sharing one between conversations is safe.
const compiledPatterns = new BoundedCache<string, RegExp>(500)

/**
 * Compiles a `matches` pattern with the `u` flag, refusing the ones that could stall the event
 * loop (and with it every conversation of this process).
 */
export function compilePattern(pattern: string, source: string, position: number): RegExp {
  const cached = compiledPatterns.get(pattern)
  if (cached) return cached
  if (pattern.length > maxPatternLength) {
    throw new ExpressionError(
      `Expected a regular expression of at most ${maxPatternLength} characters but found ${pattern.length}`,
      source,
      position,
    )
  }
  const nestedAt = findNestedQuantifier(pattern)
  if (nestedAt !== undefined) {
    throw new ExpressionError(
      `Expected a regular expression without a repeated group that itself repeats, but found "${pattern.slice(0, nestedAt + 1)}", which can take exponential time`,
      source,
      position,
    )
  }
  let regex: RegExp
  try {
    regex = new RegExp(pattern, 'u')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ExpressionError(`Expected a valid regular expression: ${reason}`, source, position)
  }
  compiledPatterns.set(pattern, regex)
  return regex
}

/** Tests only the start of long texts: backtracking cost grows with the subject's length. */
export function testPattern(regex: RegExp, subject: string): boolean {
  return regex.test(
    subject.length > maxSubjectLength ? subject.slice(0, maxSubjectLength) : subject,
  )
}

/**
 * The index of a quantifier that repeats a group which already contains an unbounded one, as
 * the last `+` in `(a+)+` or `(\w+\s?)*`: the classic shapes of catastrophic backtracking.
 * A cheap syntactic check, not a proof: overlapping alternatives such as `(a|a)*` pass.
 */
function findNestedQuantifier(pattern: string): number | undefined {
  // One entry per open group: whether it contains an unbounded quantifier.
  const openGroups: boolean[] = []
  let afterRiskyGroup = false
  let index = 0
  while (index < pattern.length) {
    const char = pattern.charAt(index)
    const wasAfterRiskyGroup = afterRiskyGroup
    afterRiskyGroup = false
    if (char === '\\') {
      index += 2
    } else if (char === '[') {
      index = endOfCharacterClass(pattern, index)
    } else if (char === '(') {
      openGroups.push(false)
      index += 1
    } else if (char === ')') {
      afterRiskyGroup = openGroups.pop() ?? false
      if (afterRiskyGroup) markOpenGroup(openGroups)
      index += 1
    } else {
      const quantifier = quantifierAt(pattern, index)
      if (quantifier === undefined) {
        index += 1
        continue
      }
      if (wasAfterRiskyGroup) return index
      if (quantifier.isUnbounded) markOpenGroup(openGroups)
      index += quantifier.length
    }
  }
  return undefined
}

function markOpenGroup(openGroups: boolean[]): void {
  if (openGroups.length > 0) openGroups[openGroups.length - 1] = true
}

function endOfCharacterClass(pattern: string, start: number): number {
  let index = start + 1
  while (index < pattern.length && pattern.charAt(index) !== ']') {
    index += pattern.charAt(index) === '\\' ? 2 : 1
  }
  return index + 1
}

/** `*`, `+` and `{n,}` are unbounded; `{n}` and `{n,m}` still repeat. `?` does not count. */
function quantifierAt(
  pattern: string,
  index: number,
): { length: number; isUnbounded: boolean } | undefined {
  const char = pattern.charAt(index)
  if (char === '*' || char === '+') return { length: 1, isUnbounded: true }
  if (char !== '{') return undefined
  const braces = /^\{\d+(,\d*)?\}/.exec(pattern.slice(index))
  if (!braces) return undefined
  return { length: braces[0].length, isUnbounded: braces[1] === ',' }
}
