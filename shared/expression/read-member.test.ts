import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../json.ts'
import { evaluateCondition, evaluateExpression, renderTemplate } from './index.ts'
import { expressionErrorFrom, testScope } from './test-scope.ts'

const scope = testScope()
const evaluate = (source: string) => evaluateExpression(source, scope)

describe('reading outside the scope', () => {
  it('gives null for __proto__', () => {
    expect([evaluate('vars.__proto__'), evaluate('vars["__proto__"].x')]).toEqual([null, null])
  })

  it('gives null for constructor and prototype', () => {
    expect([evaluate('vars.constructor'), evaluate('vars.items.constructor.prototype')]).toEqual([
      null,
      null,
    ])
  })

  it('gives null for inherited methods such as toString', () => {
    expect([
      evaluate('user.toString'),
      evaluate('vars.items.map'),
      evaluate('user["hasOwnProperty"]'),
    ]).toEqual([null, null, null])
  })

  it('gives null for a root named after a global', () => {
    expect([evaluate('globalThis'), evaluate('process.env'), evaluate('constructor')]).toEqual([
      null,
      null,
      null,
    ])
  })

  it('refuses to call a method reached through a path', () => {
    const error = expressionErrorFrom(() =>
      evaluate('vars.constructor.constructor("return process")()'),
    )

    expect(error.message).toBe(
      'Expected an operator or the end of the expression but found "(" at position 28',
    )
  })

  it('refuses to call an Object.prototype member as a function', () => {
    expect(expressionErrorFrom(() => evaluate('toString(vars)')).message).toMatch(
      /^Expected a known function/,
    )
  })

  it('gives null for a __proto__ key even when JSON.parse made it an own key', () => {
    const vars = JSON.parse('{"__proto__": {"secret": "x"}}') as Record<string, JsonValue>

    expect(evaluateExpression('vars.__proto__.secret', testScope({ vars }))).toBeNull()
  })

  it('ignores inherited members of an object that is not plain', () => {
    const vars = Object.assign(Object.create({ inherited: 'secret' }), { own: 'ok' })

    expect(evaluateExpression('vars.inherited', testScope({ vars }))).toBeNull()
  })

  it("reads no own fields of objects that are not plain data, such as an Error's stack", () => {
    const vars = { failure: new Error('db password wrong') as unknown as JsonValue }

    expect(evaluateExpression('vars.failure.stack', testScope({ vars }))).toBeNull()
  })

  it('gives null for a function smuggled into the scope instead of its source code', () => {
    const vars = { leak: (() => 'secret') as unknown as JsonValue }

    expect(renderTemplate('[{{ vars.leak }}]', testScope({ vars }))).toBe('[]')
  })

  it('gives null for the length of an array; len() is the way to count', () => {
    expect([evaluate('vars.items.length'), evaluate('len(vars.items)')]).toEqual([null, 2])
  })

  it('does not report forbidden names as own keys', () => {
    expect(
      evaluateCondition('vars contains "constructor" or vars contains "__proto__"', scope),
    ).toBe(false)
  })
})
