import { describe, expect, it } from 'vitest'
import {
  checkSyntax,
  evaluateExpression,
  maxExpressionLength,
  maxNestingDepth,
  parseCacheCapacity,
  parseExpression,
} from './index.ts'
import { testScope } from './test-scope.ts'

const scope = testScope()
const evaluate = (source: string) => evaluateExpression(source, scope)
const syntaxError = (source: string) => checkSyntax(source, 'expression')

describe('precedence', () => {
  it('multiplies before adding', () => {
    expect([evaluate('1 + 2 * 3'), evaluate('(1 + 2) * 3')]).toEqual([7, 9])
  })

  it('groups operators of one level from the left', () => {
    expect([evaluate('10 - 4 - 3'), evaluate('2 * 3 % 4'), evaluate('8 / 4 / 2')]).toEqual([
      3, 2, 1,
    ])
  })

  it('binds unary minus tighter than * and member access tighter than unary minus', () => {
    expect([evaluate('-2 * -3'), evaluate('-vars.tries')]).toEqual([6, -2])
  })

  it('adds before testing text', () => {
    expect(evaluate('"ab" + "c" contains "bc"')).toBe(true)
  })

  it('tests text before comparing', () => {
    expect(evaluate('input contains "退货" == true')).toBe(true)
  })

  it('compares before negating with not', () => {
    expect([evaluate('not 1 == 2'), evaluate('! 1 == 2')]).toEqual([true, true])
  })

  it('negates before and', () => {
    expect(evaluate('not false and false')).toBe(false)
  })

  it('binds and tighter than or', () => {
    expect([evaluate('true or false and false'), evaluate('false and true or true')]).toEqual([
      true,
      true,
    ])
  })

  it('parses a chain of or as one node, however long the keyword list', () => {
    const keywords = Array.from({ length: 200 }, (_, i) => `input contains "词${i}"`)

    const node = parseExpression(keywords.join(' or '))

    expect(node).toMatchObject({ kind: 'logical', operator: 'or' })
  })
})

describe('syntax errors', () => {
  it('points at the end when a parenthesis is not closed', () => {
    expect(syntaxError('(vars.a + 1')?.message).toBe(
      'Expected ")" but found end of expression at position 11',
    )
  })

  it('points at the end when an operand is missing', () => {
    expect(syntaxError('vars.tries <')).toMatchObject({ position: 12, code: 'expression_invalid' })
  })

  it('suggests == for a single =', () => {
    expect(syntaxError('vars.x = 3')?.message).toBe('Expected "==" but found "=" at position 7')
  })

  it('points at an operator where a value belongs', () => {
    expect(syntaxError('1 +* 2')?.message).toBe('Expected a value but found "*" at position 3')
  })

  it('points at the opening quote of a string that is not closed', () => {
    expect(syntaxError('input contains "退货')?.position).toBe(15)
  })

  it('points at an unknown escape', () => {
    expect(syntaxError(String.raw`"a\qb"`)?.message).toBe(
      String.raw`Expected an escape such as \n, \", \' or \\ but found "\q" at position 2`,
    )
  })

  it('names the ASCII quote meant when Chinese quotes are typed', () => {
    expect(syntaxError('input contains “退货”')?.message).toBe(
      'Expected """ but found "“" at position 15',
    )
  })

  it('points at the second value when an operator is missing between two', () => {
    expect(syntaxError('vars.a vars.b')?.message).toBe(
      'Expected an operator or the end of the expression but found "vars" at position 7',
    )
  })

  it('asks for in after an infix not', () => {
    expect(syntaxError('"a" not vars.list')?.message).toBe(
      'Expected "in" after "not" but found "vars" at position 8',
    )
  })

  it('asks for a property name after a dot', () => {
    expect(syntaxError('vars.')?.message).toBe(
      'Expected a property name after "." but found end of expression at position 5',
    )
  })

  it('treats keywords as case-sensitive', () => {
    expect(syntaxError('true AND false')?.position).toBe(5)
  })

  it('reports an empty expression', () => {
    expect(syntaxError('  ')?.message).toBe(
      'Expected a value but found end of expression at position 2',
    )
  })

  it('returns null for valid syntax', () => {
    expect(syntaxError('input contains "退货" and vars.tries < 3')).toBeNull()
  })
})

describe('limits', () => {
  it(`accepts an expression of ${maxExpressionLength} characters`, () => {
    const source = `"${'x'.repeat(maxExpressionLength - 2)}"`

    expect(syntaxError(source)).toBeNull()
  })

  it('refuses a longer expression, pointing at the first character past the limit', () => {
    const source = `"${'x'.repeat(maxExpressionLength - 1)}"`

    expect(syntaxError(source)?.position).toBe(maxExpressionLength)
  })

  it(`accepts ${maxNestingDepth} levels of parentheses`, () => {
    const source = `${'('.repeat(maxNestingDepth)}1${')'.repeat(maxNestingDepth)}`

    expect(evaluate(source)).toBe(1)
  })

  it('refuses one more level, pointing at the parenthesis that opens it', () => {
    const source = `${'('.repeat(maxNestingDepth + 1)}1${')'.repeat(maxNestingDepth + 1)}`

    expect(syntaxError(source)?.position).toBe(maxNestingDepth)
  })

  it('refuses deep nesting without parentheses, such as a long chain of +', () => {
    const source = Array.from({ length: maxNestingDepth + 2 }, () => '1').join(' + ')

    expect(syntaxError(source)?.message).toMatch(/^Expected at most 64 levels of nesting/)
  })

  it('refuses thousands of nested brackets without overflowing the stack', () => {
    const source = `${'['.repeat(5_000)}${']'.repeat(5_000)}`

    expect(syntaxError(source)?.position).toBe(maxNestingDepth)
  })
})

describe('parse cache', () => {
  it('returns the same tree for the same source', () => {
    expect(parseExpression('vars.tries < 3')).toBe(parseExpression('vars.tries < 3'))
  })

  it(`forgets the least recently used source past ${parseCacheCapacity} entries`, () => {
    const first = parseExpression('vars.cacheProbe == 1')
    for (let i = 0; i < parseCacheCapacity; i += 1) parseExpression(`vars.filler == ${i}`)

    expect(parseExpression('vars.cacheProbe == 1')).not.toBe(first)
  })
})
