import { describe, expect, it } from 'vitest'
import { compilePattern, maxPatternLength, maxSubjectLength } from './compile-pattern.ts'
import { checkSyntax, evaluateCondition } from './index.ts'
import { expressionErrorFrom, testScope } from './test-scope.ts'

const scope = testScope({
  input: '我的手机号是 13800138000',
  vars: { phonePattern: '1[3-9]\\d{9}', badPattern: '(', count: 3 },
})
const matches = (source: string) => evaluateCondition(source, scope)

describe('matches', () => {
  it('tests a regular expression written as a string literal', () => {
    expect(matches('input matches "1[3-9]\\\\d{9}"')).toBe(true)
  })

  it('tests a regular expression held in a variable', () => {
    expect(matches('input matches vars.phonePattern')).toBe(true)
  })

  it('uses the u flag, so . matches one whole emoji', () => {
    expect(matches('"🙂" matches "^.$"')).toBe(true)
  })

  it('is false for a missing subject or pattern', () => {
    expect([matches('vars.missing matches "a"'), matches('input matches vars.missing')]).toEqual([
      false,
      false,
    ])
  })

  it('reports an invalid literal pattern as a syntax error at the pattern', () => {
    expect(checkSyntax('input matches "(退货"', 'expression')?.position).toBe(14)
  })

  it('throws ExpressionError for an invalid pattern from a variable', () => {
    expect(expressionErrorFrom(() => matches('input matches vars.badPattern')).position).toBe(14)
  })

  it('throws ExpressionError for a pattern that is not a string', () => {
    const error = expressionErrorFrom(() => matches('input matches vars.count'))

    expect(error.message).toBe(
      'Expected a regular expression string after "matches" but found number at position 14',
    )
  })
})

describe('backtracking guards', () => {
  it(`refuses a pattern longer than ${maxPatternLength} characters`, () => {
    const source = `input matches "${'a'.repeat(maxPatternLength + 1)}"`

    expect(checkSyntax(source, 'expression')?.message).toMatch(
      /at most 200 characters but found 201/,
    )
  })

  it('refuses a repeated group that itself repeats, such as (a+)+', () => {
    const error = expressionErrorFrom(() => compilePattern('^(a+)+$', 'src', 0))

    expect(error.message).toMatch(/repeated group that itself repeats/)
  })

  it('refuses nested repetition hidden in an outer group or a {n,m} count', () => {
    const patterns = ['((\\w+\\s?))*x', '(?:[a-z]+,){2,5}', '(a{2,})*']

    const refused = patterns.map((pattern) =>
      checkSyntax(`input matches ${JSON.stringify(pattern)}`, 'expression'),
    )

    expect(refused.every((error) => error !== null)).toBe(true)
  })

  it('accepts repetition that is not nested, and quantifiers inside character classes', () => {
    const patterns = [
      '^1[3-9]\\d{9}$',
      '(ab)+c',
      '(a+)?b',
      '[(+)]+',
      '\\(a+\\)+',
      '(\\d{3})-(\\d{4})',
    ]

    const errors = patterns.map((pattern) =>
      checkSyntax(`input matches ${JSON.stringify(pattern)}`, 'expression'),
    )

    expect(errors).toEqual(patterns.map(() => null))
  })

  it(`tests only the first ${maxSubjectLength} characters of the subject`, () => {
    const longInput = testScope({ input: `${'x'.repeat(maxSubjectLength)}退货` })

    expect(evaluateCondition('input matches "退货"', longInput)).toBe(false)
  })

  it('compiles each distinct pattern once', () => {
    expect(compilePattern('订单\\d+', 'src', 0)).toBe(compilePattern('订单\\d+', 'src', 0))
  })
})
