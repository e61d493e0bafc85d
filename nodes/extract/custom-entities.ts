import type { EntityMatch } from './entity-match.ts'

export interface SynonymValue {
  value: string
  synonyms: readonly string[]
}

const latinWord = /^[\p{Script=Latin}\d\s'-]+$/u
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch)

/**
 * Values named by themselves or a synonym, earliest first (a longer name wins at the same place).
 * Case is ignored; Latin-script names must stand as whole words (`red` is not in `reduce`),
 * Chinese ones may sit inside a sentence (`要红色的`).
 */
export function findSynonymValues(text: string, values: readonly SynonymValue[]): EntityMatch[] {
  const lower = text.toLowerCase()
  const found: EntityMatch[] = []
  for (const { value, synonyms } of values) {
    for (const name of [value, ...synonyms]) {
      const needle = name.trim().toLowerCase()
      if (needle === '') continue
      const mustBeWord = latinWord.test(needle)
      let from = 0
      for (let at = lower.indexOf(needle, from); at !== -1; at = lower.indexOf(needle, from)) {
        from = at + 1
        const end = at + needle.length
        if (mustBeWord && (isWordChar(lower[at - 1]) || isWordChar(lower[end]))) continue
        found.push({ value, text: text.slice(at, end), start: at, end })
        break
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end)
}

/**
 * Text a regular expression finds (the first capture group when it has one). The pattern is the
 * operator's, checked when the flow is saved; `u` and `i` flags.
 */
export function findPattern(text: string, pattern: string): EntityMatch[] {
  const regex = new RegExp(pattern, 'giu')
  const found: EntityMatch[] = []
  for (const match of text.matchAll(regex)) {
    if (match[0] === '') break
    const value = match[1] ?? match[0]
    found.push({ value, text: match[0], start: match.index, end: match.index + match[0].length })
  }
  return found
}

/** Why a pattern is unusable, or undefined when it compiles. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'giu')
    return undefined
  } catch {
    return 'not a valid regular expression'
  }
}
