import { describe, expect, it } from 'vitest'
import { evaluateCondition } from './index.ts'
import { testScope } from './test-scope.ts'

const scope = testScope()

describe('evaluateCondition', () => {
  it('matches a return request in Chinese within the retry limit', () => {
    expect(evaluateCondition('input contains "退货" and vars.tries < 3', scope)).toBe(true)
  })

  it.each(['null', 'vars.missing', 'false', '0', 'vars.zero', '""', 'vars.empty', '[]'])(
    'treats %s as false',
    (source) => {
      expect(evaluateCondition(source, scope)).toBe(false)
    },
  )

  it.each(['true', '1', '-1', '"0"', '" "', '[0]', 'vars.address', 'user'])(
    'treats %s as true',
    (source) => {
      expect(evaluateCondition(source, scope)).toBe(true)
    },
  )
})
