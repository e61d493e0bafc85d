import { describe, expect, it } from 'vitest'
import { checkSyntax, evaluateExpression } from './index.ts'
import { testScope } from './test-scope.ts'

const scope = testScope({
  vars: { prices: [30, 12.5, 99], text: '  Hello 世界 ', counts: { a: 1, b: 2 } },
})
const evaluate = (source: string) => evaluateExpression(source, scope)

describe('built-in functions', () => {
  it('counts characters, not UTF-16 units, with len', () => {
    expect(evaluate('len("退货🙂")')).toBe(3)
  })

  it('counts array items and object keys with len, and null as 0', () => {
    expect([
      evaluate('len(vars.prices)'),
      evaluate('len(vars.counts)'),
      evaluate('len(vars.missing)'),
    ]).toEqual([3, 2, 0])
  })

  it('changes case and trims text with lower, upper and trim', () => {
    expect([
      evaluate('lower(vars.text)'),
      evaluate('upper("ok")'),
      evaluate('trim(vars.text)'),
    ]).toEqual(['  hello 世界 ', 'OK', 'Hello 世界'])
  })

  it('gives null from text functions for values that are not text', () => {
    expect([evaluate('lower(vars.missing)'), evaluate('trim(vars.prices)')]).toEqual([null, null])
  })

  it('converts numeric text with number, and gives null for other text', () => {
    expect([
      evaluate('number(" 42.5 ")'),
      evaluate('number("4x")'),
      evaluate('number(true)'),
    ]).toEqual([42.5, null, null])
  })

  it('formats values as templates do with string', () => {
    expect([
      evaluate('string(3)'),
      evaluate('string(null)'),
      evaluate('string(vars.prices)'),
    ]).toEqual(['3', '', '[30,12.5,99]'])
  })

  it('rounds half away from zero to the given digits', () => {
    expect([
      evaluate('round(2.5)'),
      evaluate('round(-2.5)'),
      evaluate('round(1.005, 2)'),
      evaluate('round(1234.5678, 1)'),
    ]).toEqual([3, -3, 1.01, 1234.6])
  })

  it('gives null from round for digits outside 0 to 15', () => {
    expect([
      evaluate('round(1.5, -1)'),
      evaluate('round(1.5, 16)'),
      evaluate('round(1.5, 0.5)'),
    ]).toEqual([null, null, null])
  })

  it('floors, ceils and takes absolute values of numbers only', () => {
    expect(['floor(2.7)', 'ceil(2.1)', 'abs(-3)', 'abs("-3")'].map(evaluate)).toEqual([
      2,
      3,
      3,
      null,
    ])
  })

  it('takes min and max of arguments or of one array', () => {
    expect([evaluate('min(3, 1, 2)'), evaluate('max(vars.prices)')]).toEqual([1, 99])
  })

  it('gives null from min and max when an item is not a number', () => {
    expect([evaluate('min(1, "2")'), evaluate('max([])')]).toEqual([null, null])
  })

  it('refuses an unknown function when parsing', () => {
    expect(checkSyntax('now()', 'expression')?.message).toBe(
      'Expected a known function (len, lower, upper, trim, number, string, round, floor, ceil, abs, min, max) but found "now" at position 0',
    )
  })

  it('refuses a wrong number of arguments when parsing', () => {
    expect(checkSyntax('vars.a + round(1, 2, 3)', 'expression')?.message).toBe(
      'Expected 1 to 2 argument(s) for round() but found 3 at position 9',
    )
  })

  it('reads a function name without parentheses as a missing variable', () => {
    expect(evaluate('len')).toBeNull()
  })
})
