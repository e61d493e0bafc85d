import { describe, expect, it } from 'vitest'
import { evaluateExpression } from './index.ts'
import { testScope } from './test-scope.ts'

const scope = testScope()
const evaluate = (source: string) => evaluateExpression(source, scope)

describe('literals', () => {
  it('reads integers, decimals and exponents', () => {
    expect([evaluate('42'), evaluate('3.5'), evaluate('2e3')]).toEqual([42, 3.5, 2000])
  })

  it('reads negative numbers through unary minus', () => {
    expect(evaluate('-7.5')).toBe(-7.5)
  })

  it('reads strings in double or single quotes', () => {
    expect([evaluate('"退货"'), evaluate("'退货'")]).toEqual(['退货', '退货'])
  })

  it('decodes \\n, \\", \\\', \\\\ and \\uXXXX escapes in strings', () => {
    expect(evaluate(String.raw`"a\nb \"q\" \'s\' \\ \u9000"`)).toBe('a\nb "q" \'s\' \\ 退')
  })

  it('reads true, false and null', () => {
    expect([evaluate('true'), evaluate('false'), evaluate('null')]).toEqual([true, false, null])
  })

  it('builds arrays, nested and with a trailing comma', () => {
    expect(evaluate('[1, "a", [true], vars.tries,]')).toEqual([1, 'a', [true], 2])
  })
})

describe('paths', () => {
  it("reads this turn's message as input", () => {
    expect(evaluate('input')).toBe('你好，我要退货')
  })

  it('reads nested properties with dots', () => {
    expect(evaluate('vars.address.city')).toBe('上海')
  })

  it('reads array items by index', () => {
    expect(evaluate('vars.items[1]')).toBe('耳机')
  })

  it('reads keys that are not names with brackets', () => {
    expect(evaluate('nodes["ask-1"].value')).toBe('13800138000')
  })

  it('reads computed keys from other paths', () => {
    expect(evaluate('vars.items[vars.tries - 1]')).toBe('耳机')
  })

  it('accepts ?. as a synonym for .', () => {
    expect([evaluate('vars?.address?.city'), evaluate('nodes?.["ask-1"]?.value')]).toEqual([
      '上海',
      '13800138000',
    ])
  })

  it('reads property names in Chinese', () => {
    const withChineseKey = testScope({ vars: { 订单号: 'A1024' } })

    expect(evaluateExpression('vars.订单号', withChineseKey)).toBe('A1024')
  })

  it('accepts operator words as property names', () => {
    const withKeywordKeys = testScope({ vars: { in: 1, contains: 2, null: 3 } })

    expect(evaluateExpression('vars.in + vars.contains + vars.null', withKeywordKeys)).toBe(6)
  })

  it('gives null for a missing step instead of throwing', () => {
    expect(evaluate('vars.order.items[0].name')).toBeNull()
  })

  it('gives null for an index past the end of an array', () => {
    expect(evaluate('vars.items[5]')).toBeNull()
  })

  it('gives null for a root that is not input, vars, user, nodes or sys', () => {
    expect(evaluate('customer.name')).toBeNull()
  })

  it('gives null for a property of a string', () => {
    expect(evaluate('input.length')).toBeNull()
  })
})

describe('whitespace', () => {
  it('accepts any Unicode whitespace between tokens, the ideographic space included', () => {
    expect(evaluate('vars.tries\u3000+\u00a01\n*\t2')).toBe(4)
  })
})

describe('results', () => {
  it('returns a copy, so changing the result leaves the scope alone', () => {
    const ownScope = testScope()

    const items = evaluateExpression('vars.items', ownScope)
    if (Array.isArray(items)) items.push('改了')

    expect(ownScope.vars.items).toEqual(['手机', '耳机'])
  })
})
