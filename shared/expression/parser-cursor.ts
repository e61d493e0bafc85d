import { ExpressionError } from '../errors.ts'
import type { Punctuator, Token } from './tokenize.ts'

/** Where the parser is in the tokens of one expression, and how to report what it found. */
export interface Parser {
  readonly source: string
  readonly tokens: readonly Token[]
  readonly endToken: Token
  /** How `end` reads in messages: "end of expression", or `"}}"` inside a template. */
  readonly endLabel: string
  index: number
  depth: number
}

export function current(parser: Parser): Token {
  return parser.tokens[parser.index] ?? parser.endToken
}

export function expect(parser: Parser, punctuator: Punctuator): void {
  const token = current(parser)
  if (!isPunctuator(token, punctuator)) throw unexpected(parser, `"${punctuator}"`, token)
  parser.index += 1
}

export function isPunctuator(
  token: Token,
  value: Punctuator,
): token is Token & { kind: 'punctuator' } {
  return token.kind === 'punctuator' && token.value === value
}

export function isName(token: Token, value: string): boolean {
  return token.kind === 'name' && token.value === value
}

export function unexpected(parser: Parser, expected: string, found: Token): ExpressionError {
  return new ExpressionError(
    `Expected ${expected} but found ${describe(parser, found)}`,
    parser.source,
    found.position,
  )
}

function describe(parser: Parser, token: Token): string {
  switch (token.kind) {
    case 'end':
      return parser.endLabel
    case 'number':
      return `number ${token.value}`
    case 'string':
      return `string ${JSON.stringify(token.value.length > 20 ? `${token.value.slice(0, 20)}…` : token.value)}`
    case 'name':
    case 'punctuator':
      return `"${token.value}"`
  }
}
