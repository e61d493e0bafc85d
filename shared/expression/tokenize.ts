import { ExpressionError } from '../errors.ts'

export type Punctuator =
  | '?.'
  | '=='
  | '!='
  | '<='
  | '>='
  | '&&'
  | '||'
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '.'
  | '<'
  | '>'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '!'

export type Token =
  | { readonly kind: 'number'; readonly value: number; readonly position: number }
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  | { readonly kind: 'name'; readonly value: string; readonly position: number }
  | { readonly kind: 'punctuator'; readonly value: Punctuator; readonly position: number }
  | { readonly kind: 'end'; readonly position: number }

/** The part of `source` to read: a whole condition, or the inside of one `{{ }}`. */
export interface SourceRange {
  readonly source: string
  readonly start: number
  readonly end: number
}

const twoCharPunctuators = new Set<string>(['?.', '==', '!=', '<=', '>=', '&&', '||'])
const oneCharPunctuators = new Set<string>('()[],.<>+-*/%!')
// Chinese input methods type these easily; say which ASCII character was meant.
const fullWidthHints = new Map([
  ['“', '"'],
  ['”', '"'],
  ['‘', "'"],
  ['’', "'"],
  ['（', '('],
  ['）', ')'],
  ['，', ','],
  ['＝', '=='],
  ['！', '!'],
])
const misspelledOperators = new Map([
  ['=', '=='],
  ['&', '&&'],
  ['|', '||'],
])
const simpleEscapes = new Map([
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
  ['"', '"'],
  ["'", "'"],
  ['\\', '\\'],
  ['/', '/'],
])

// Unicode White_Space, plus the BOM and zero-width space that pasting from chat apps brings in.
const whitespacePattern = /[\p{White_Space}\uFEFF\u200B]/u
const numberPattern = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const namePattern = /[\p{ID_Start}_][\p{ID_Continue}]*/uy

export function tokenize(range: SourceRange): Token[] {
  const { source, end } = range
  const tokens: Token[] = []
  let index = range.start
  while (index < end) {
    const char = source.charAt(index)
    if (whitespacePattern.test(char)) {
      index += 1
      continue
    }
    if (char === '"' || char === "'") {
      const { value, next } = readString(range, index)
      tokens.push({ kind: 'string', value, position: index })
      index = next
      continue
    }
    numberPattern.lastIndex = index
    const number = numberPattern.exec(source)
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), position: index })
      index += number[0].length
      continue
    }
    namePattern.lastIndex = index
    const name = namePattern.exec(source)
    if (name) {
      tokens.push({ kind: 'name', value: name[0], position: index })
      index += name[0].length
      continue
    }
    const pair = source.slice(index, index + 2)
    const punctuator = twoCharPunctuators.has(pair) ? pair : char
    if (!isPunctuator(punctuator)) throw unexpectedCharacter(range, index)
    tokens.push({ kind: 'punctuator', value: punctuator, position: index })
    index += punctuator.length
  }
  tokens.push({ kind: 'end', position: end })
  return tokens
}

function isPunctuator(text: string): text is Punctuator {
  return twoCharPunctuators.has(text) || oneCharPunctuators.has(text)
}

function readString(range: SourceRange, start: number): { value: string; next: number } {
  const { source, end } = range
  const quote = source.charAt(start)
  let value = ''
  let index = start + 1
  while (index < end) {
    const char = source.charAt(index)
    if (char === quote) return { value, next: index + 1 }
    if (char !== '\\') {
      value += char
      index += 1
      continue
    }
    const escaped = source.charAt(index + 1)
    const simple = simpleEscapes.get(escaped)
    if (simple !== undefined) {
      value += simple
      index += 2
      continue
    }
    if (escaped === 'u') {
      const hex = source.slice(index + 2, Math.min(index + 6, end))
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        const found = hex === '' ? 'nothing' : JSON.stringify(hex)
        throw new ExpressionError(
          `Expected 4 hex digits after "\\u" but found ${found}`,
          source,
          index,
        )
      }
      value += String.fromCharCode(Number.parseInt(hex, 16))
      index += 6
      continue
    }
    const found = index + 1 < end ? `"\\${escaped}"` : 'a lone "\\"'
    throw new ExpressionError(
      `Expected an escape such as \\n, \\", \\' or \\\\ but found ${found}`,
      source,
      index,
    )
  }
  throw new ExpressionError(
    `String is not closed: expected ${quote} but found the end of the text`,
    source,
    start,
  )
}

function unexpectedCharacter(range: SourceRange, index: number): ExpressionError {
  const char = String.fromCodePoint(range.source.codePointAt(index) ?? 0)
  const meant = fullWidthHints.get(char) ?? misspelledOperators.get(char)
  const message = meant
    ? `Expected "${meant}" but found "${char}"`
    : `Expected a value, name or operator but found "${char}"`
  return new ExpressionError(message, range.source, index)
}
