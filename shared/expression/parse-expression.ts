import { ExpressionError } from '../errors.ts'
import {
  type BinaryOperator,
  type CallNode,
  childNodes,
  type ExpressionNode,
  type MemberNode,
} from './ast.ts'
import { BoundedCache } from './bounded-cache.ts'
import { builtinNames, builtins, isBuiltinName } from './builtins.ts'
import { compilePattern } from './compile-pattern.ts'
import { current, expect, isName, isPunctuator, type Parser, unexpected } from './parser-cursor.ts'
import { type SourceRange, type Token, tokenize } from './tokenize.ts'

export const maxExpressionLength = 10_000
export const maxNestingDepth = 64
export const parseCacheCapacity = 2_000

// Conditions are parsed on every turn; the cache makes that a Map lookup. Bounded, because
// every edited draft adds new sources.
const parsedExpressions = new BoundedCache<string, ExpressionNode>(parseCacheCapacity)

/**
 * Parses a condition or value expression such as `input contains "退货" and vars.tries < 3`.
 * Results are cached; treat them as read-only. Throws ExpressionError on bad syntax.
 */
export function parseExpression(source: string): ExpressionNode {
  const cached = parsedExpressions.get(source)
  if (cached) return cached
  const expression = parseExpressionRange(
    { source, start: 0, end: source.length },
    'end of expression',
  )
  parsedExpressions.set(source, expression)
  return expression
}

// Lowest to highest. Postfix `.` and `[` bind tighter than all of these.
const power = {
  or: 10,
  and: 20,
  not: 30,
  comparison: 40,
  text: 50,
  additive: 60,
  multiplicative: 70,
  unary: 80,
} as const

type InfixOperator = BinaryOperator | 'and' | 'or'

const infixByPunctuator = new Map<string, { operator: InfixOperator; power: number }>([
  ['||', { operator: 'or', power: power.or }],
  ['&&', { operator: 'and', power: power.and }],
  ...(['==', '!=', '<', '<=', '>', '>='] as const).map(
    (operator) => [operator, { operator, power: power.comparison }] as const,
  ),
  ...(['+', '-'] as const).map(
    (operator) => [operator, { operator, power: power.additive }] as const,
  ),
  ...(['*', '/', '%'] as const).map(
    (operator) => [operator, { operator, power: power.multiplicative }] as const,
  ),
])
const infixByName = new Map<string, { operator: InfixOperator; power: number }>([
  ['or', { operator: 'or', power: power.or }],
  ['and', { operator: 'and', power: power.and }],
  ...(['contains', 'startsWith', 'endsWith', 'matches', 'in'] as const).map(
    (operator) => [operator, { operator, power: power.text }] as const,
  ),
])
const literalNames = new Map([
  ['true', true],
  ['false', false],
  ['null', null],
])
const operatorNames = new Set([
  'and',
  'or',
  'not',
  'contains',
  'startsWith',
  'endsWith',
  'matches',
  'in',
])

/** Parses `range` (a whole condition, or the inside of one `{{ }}`) without caching. */
export function parseExpressionRange(range: SourceRange, endLabel: string): ExpressionNode {
  const { source, start, end } = range
  if (end - start > maxExpressionLength) {
    throw new ExpressionError(
      `Expected an expression of at most ${maxExpressionLength} characters but found ${end - start}`,
      source,
      start + maxExpressionLength,
    )
  }
  const tokens = tokenize(range)
  const endToken: Token = { kind: 'end', position: end }
  const parser: Parser = { source, tokens, endToken, endLabel, index: 0, depth: 0 }
  const expression = parseBinary(parser, 0)
  const rest = current(parser)
  if (rest.kind !== 'end')
    throw unexpected(parser, 'an operator or the end of the expression', rest)
  assertNestingDepth(expression, 0, source)
  return expression
}

function parseBinary(parser: Parser, minPower: number): ExpressionNode {
  let left = parsePrefix(parser)
  for (;;) {
    const token = current(parser)
    const infix = infixAt(parser)
    if (infix === undefined || infix.power <= minPower) return left
    parser.index += infix.operator === 'not in' ? 2 : 1
    if (infix.operator === 'and' || infix.operator === 'or') {
      const operands = [left, parseBinary(parser, infix.power)]
      while (infixAt(parser)?.operator === infix.operator) {
        parser.index += 1
        operands.push(parseBinary(parser, infix.power))
      }
      left = { kind: 'logical', operator: infix.operator, operands, position: token.position }
      continue
    }
    const right = parseBinary(parser, infix.power)
    if (infix.operator === 'matches') checkLiteralPattern(parser, right)
    left = { kind: 'binary', operator: infix.operator, left, right, position: token.position }
  }
}

function infixAt(parser: Parser): { operator: InfixOperator; power: number } | undefined {
  const token = current(parser)
  if (token.kind === 'punctuator') return infixByPunctuator.get(token.value)
  if (token.kind !== 'name') return undefined
  if (token.value !== 'not') return infixByName.get(token.value)
  const next = parser.tokens[parser.index + 1] ?? parser.endToken
  if (next.kind !== 'name' || next.value !== 'in')
    throw unexpected(parser, '"in" after "not"', next)
  return { operator: 'not in', power: power.text }
}

function parsePrefix(parser: Parser): ExpressionNode {
  const token = current(parser)
  if (isName(token, 'not') || isPunctuator(token, '!')) {
    parser.index += 1
    const operand = nested(parser, token.position, () => parseBinary(parser, power.not))
    return { kind: 'unary', operator: 'not', operand, position: token.position }
  }
  if (isPunctuator(token, '-')) {
    parser.index += 1
    const operand = nested(parser, token.position, () => parseBinary(parser, power.unary))
    return operand.kind === 'literal' && typeof operand.value === 'number'
      ? { kind: 'literal', value: -operand.value, position: token.position }
      : { kind: 'unary', operator: '-', operand, position: token.position }
  }
  return parsePostfix(parser, parsePrimary(parser))
}

/**
 * Parses one level deeper: inside brackets, parentheses, call arguments or after a prefix
 * operator. Bounds the parser's own recursion; assertNestingDepth then checks the finished tree.
 */
function nested<T>(parser: Parser, position: number, parse: () => T): T {
  parser.depth += 1
  if (parser.depth > maxNestingDepth) throw tooDeep(parser.source, position)
  const result = parse()
  parser.depth -= 1
  return result
}

function parsePrimary(parser: Parser): ExpressionNode {
  const token = current(parser)
  parser.index += 1
  switch (token.kind) {
    case 'number':
    case 'string':
      return { kind: 'literal', value: token.value, position: token.position }
    case 'name': {
      const literal = literalNames.get(token.value)
      if (literal !== undefined)
        return { kind: 'literal', value: literal, position: token.position }
      if (operatorNames.has(token.value)) throw unexpected(parser, 'a value', token)
      if (isPunctuator(current(parser), '(')) return parseCall(parser, token.value, token.position)
      return { kind: 'identifier', name: token.value, position: token.position }
    }
    case 'punctuator':
      if (token.value === '(') {
        const inner = nested(parser, token.position, () => parseBinary(parser, 0))
        expect(parser, ')')
        return inner
      }
      if (token.value === '[') {
        const items = nested(parser, token.position, () => parseList(parser, ']'))
        return { kind: 'array', items, position: token.position }
      }
      break
    case 'end':
      break
  }
  throw unexpected(parser, 'a value', token)
}

function parseCall(parser: Parser, name: string, position: number): CallNode {
  if (!isBuiltinName(name)) {
    throw new ExpressionError(
      `Expected a known function (${builtinNames.join(', ')}) but found "${name}"`,
      parser.source,
      position,
    )
  }
  parser.index += 1
  const args = nested(parser, position, () => parseList(parser, ')'))
  const { minArgs, maxArgs } = builtins[name]
  if (args.length < minArgs || args.length > maxArgs) {
    const expected =
      minArgs === maxArgs
        ? `${minArgs}`
        : maxArgs === Number.POSITIVE_INFINITY
          ? `at least ${minArgs}`
          : `${minArgs} to ${maxArgs}`
    throw new ExpressionError(
      `Expected ${expected} argument(s) for ${name}() but found ${args.length}`,
      parser.source,
      position,
    )
  }
  return { kind: 'call', name, args, position }
}

/** Comma-separated expressions up to `close`, which it consumes; a trailing comma is fine. */
function parseList(parser: Parser, close: ')' | ']'): ExpressionNode[] {
  const items: ExpressionNode[] = []
  while (!isPunctuator(current(parser), close)) {
    items.push(parseBinary(parser, 0))
    if (!isPunctuator(current(parser), ',')) break
    parser.index += 1
  }
  expect(parser, close)
  return items
}

function parsePostfix(parser: Parser, object: ExpressionNode): ExpressionNode {
  let node = object
  for (;;) {
    const token = current(parser)
    if (isPunctuator(token, '.') || isPunctuator(token, '?.')) {
      parser.index += 1
      const name = current(parser)
      if (token.value === '?.' && isPunctuator(name, '[')) continue
      if (name.kind !== 'name')
        throw unexpected(parser, `a property name after "${token.value}"`, name)
      parser.index += 1
      const key = { kind: 'literal', value: name.value, position: name.position } as const
      node = { kind: 'member', object: node, key, position: name.position }
    } else if (isPunctuator(token, '[')) {
      parser.index += 1
      const key = nested(parser, token.position, () => parseBinary(parser, 0))
      expect(parser, ']')
      node = { kind: 'member', object: node, key, position: key.position } satisfies MemberNode
    } else {
      return node
    }
  }
}

/** A literal pattern is compiled while parsing, so checkSyntax reports a bad regex on save. */
function checkLiteralPattern(parser: Parser, pattern: ExpressionNode): void {
  if (pattern.kind !== 'literal' || pattern.value === null) return
  if (typeof pattern.value === 'string') {
    compilePattern(pattern.value, parser.source, pattern.position)
    return
  }
  const found = `${typeof pattern.value} ${String(pattern.value)}`
  throw new ExpressionError(
    `Expected a regular expression string after "matches" but found ${found}`,
    parser.source,
    pattern.position,
  )
}

function assertNestingDepth(node: ExpressionNode, depth: number, source: string): void {
  if (depth > maxNestingDepth) throw tooDeep(source, node.position)
  for (const child of childNodes(node)) assertNestingDepth(child, depth + 1, source)
}

function tooDeep(source: string, position: number): ExpressionError {
  return new ExpressionError(
    `Expected at most ${maxNestingDepth} levels of nesting but found more`,
    source,
    position,
  )
}
