import { describe, expect, it } from 'vitest'
import { evaluateExpression } from './index.ts'
import { testScope } from './test-scope.ts'

const scope = testScope({
  vars: { count: 3, countText: '3', list: [1, '2'], other: { a: [1] }, same: { a: [1] } },
})
const evaluate = (source: string) => evaluateExpression(source, scope)

describe('== and !=', () => {
  it('treats a number and its numeric string as equal', () => {
    expect([
      evaluate('"3" == 3'),
      evaluate('vars.count == vars.countText'),
      evaluate('3 == " 3.0 "'),
    ]).toEqual([true, true, true])
  })

  it('does not treat other strings as numbers', () => {
    expect([evaluate('"" == 0'), evaluate('"0x3" == 3'), evaluate('"abc" == 0')]).toEqual([
      false,
      false,
      false,
    ])
  })

  it('treats null and a missing value as equal', () => {
    expect(evaluate('vars.missing == null')).toBe(true)
  })

  it('does not treat null as equal to an empty string or false', () => {
    expect([evaluate('null == ""'), evaluate('null == false')]).toEqual([false, false])
  })

  it('does not convert booleans', () => {
    expect(evaluate('true == "true"')).toBe(false)
  })

  it('compares arrays and objects by value', () => {
    expect([evaluate('[1, "2"] == vars.list'), evaluate('vars.other == vars.same')]).toEqual([
      true,
      true,
    ])
  })

  it('negates equality with !=', () => {
    expect([evaluate('"3" != 3'), evaluate('1 != 2')]).toEqual([false, true])
  })
})

describe('< <= > >=', () => {
  it('compares numbers by value', () => {
    expect([evaluate('2 < 10'), evaluate('3 <= 3'), evaluate('4 > 5'), evaluate('5 >= 5')]).toEqual(
      [true, true, false, true],
    )
  })

  it('compares a number and a numeric string as numbers', () => {
    expect([evaluate('"2" < 10'), evaluate('10 > "9"')]).toEqual([true, true])
  })

  it('compares two strings lexicographically, even when both look numeric', () => {
    expect([evaluate('"apple" < "banana"'), evaluate('"10" < "9"')]).toEqual([true, true])
  })

  it('is false for anything else instead of throwing', () => {
    const sources = ['null < 1', 'vars.missing >= 0', 'true > false', '[1] < [2]', '"abc" < 1']

    expect(sources.map(evaluate)).toEqual([false, false, false, false, false])
  })
})

describe('contains, in and not in', () => {
  it('finds a substring in Chinese text', () => {
    expect(evaluate('input contains "退货"')).toBe(true)
  })

  it('finds an element of an array by ==', () => {
    expect([evaluate('vars.list contains 2'), evaluate('vars.list contains 5')]).toEqual([
      true,
      false,
    ])
  })

  it('finds an own key of an object', () => {
    expect([
      evaluate('vars.other contains "a"'),
      evaluate('vars.other contains "toString"'),
    ]).toEqual([true, false])
  })

  it('is false for a missing value instead of throwing', () => {
    expect([
      evaluate('vars.missing contains "a"'),
      evaluate('input contains vars.missing'),
    ]).toEqual([false, false])
  })

  it('reads a in b as b contains a', () => {
    expect([evaluate('"退货" in input'), evaluate('"换货" in input')]).toEqual([true, false])
  })

  it('negates in with not in', () => {
    expect([evaluate('"换货" not in input'), evaluate('1 not in vars.list')]).toEqual([true, false])
  })
})

describe('startsWith and endsWith', () => {
  it('tests the start and the end of text', () => {
    expect([evaluate('input startsWith "你好"'), evaluate('input endsWith "退货"')]).toEqual([
      true,
      true,
    ])
  })

  it('reads numbers as text', () => {
    expect(evaluate('13800138000 startsWith 138')).toBe(true)
  })

  it('is false for values that are not text', () => {
    expect([evaluate('vars.list startsWith 1'), evaluate('vars.missing endsWith ""')]).toEqual([
      false,
      false,
    ])
  })
})

describe('arithmetic', () => {
  it('adds, subtracts, multiplies, divides and takes remainders of numbers', () => {
    expect(['7 + 2', '7 - 2', '7 * 2', '7 / 2', '7 % 2'].map(evaluate)).toEqual([9, 5, 14, 3.5, 1])
  })

  it('joins text when either side of + is a string', () => {
    expect([evaluate('"订单" + 3'), evaluate('vars.count + "件"')]).toEqual(['订单3', '3件'])
  })

  it('joins a missing value as empty text', () => {
    expect(evaluate('"您好" + user.nickname')).toBe('您好')
  })

  it('gives null for arithmetic on values that are not numbers', () => {
    expect(['"3" - 1', 'true + 1', 'null * 2', '-"3"'].map(evaluate)).toEqual([
      null,
      null,
      null,
      null,
    ])
  })

  it('gives null for division by zero and for overflow', () => {
    expect(['1 / 0', '5 % 0', '1e308 * 10'].map(evaluate)).toEqual([null, null, null])
  })
})

describe('and, or and not', () => {
  it('returns the first truthy operand of or, so it can give a default', () => {
    expect([evaluate('user.nickname or "您"'), evaluate('user.name or "您"')]).toEqual([
      '您',
      '张三',
    ])
  })

  it('returns the first falsy operand of and, else the last', () => {
    expect([evaluate('0 and 2'), evaluate('1 and 2')]).toEqual([0, 2])
  })

  it('stops at the first operand that decides', () => {
    expect(evaluate('true or input matches vars.count')).toBe(true)
  })

  it('accepts && , || and ! as synonyms', () => {
    expect([evaluate('true && false'), evaluate('false || 1'), evaluate('!0')]).toEqual([
      false,
      1,
      true,
    ])
  })

  it('negates truthiness with not', () => {
    expect([evaluate('not ""'), evaluate('not []'), evaluate('not "a"')]).toEqual([
      true,
      true,
      false,
    ])
  })
})
