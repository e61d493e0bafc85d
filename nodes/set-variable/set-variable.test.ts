import { describe, expect, it } from 'vitest'
import { ExpressionError, testContext, VariableInvalidError } from '../../shared/index.ts'
import setVariable from './index.ts'

describe('set-variable node', () => {
  it('stores the value of each expression and takes next', async () => {
    const ctx = testContext({ vars: { tries: 1 } })
    const config = setVariable.config.parse({
      assignments: [
        { variable: 'tries', value: 'vars.tries + 1' },
        { variable: 'topic', value: '"退货"' },
      ],
    })

    const result = await setVariable.run(ctx, config)

    expect(result).toEqual({ port: 'next' })
    expect(Object.fromEntries(ctx.effects.variables)).toEqual({ tries: 2, topic: '退货' })
  })

  it('lets later assignments see the values of earlier ones', async () => {
    const ctx = testContext({ vars: { tries: 2 } })
    const config = setVariable.config.parse({
      assignments: [
        { variable: 'tries', value: 'vars.tries + 1' },
        { variable: 'isOverLimit', value: 'vars.tries >= 3' },
      ],
    })

    await setVariable.run(ctx, config)

    expect(ctx.effects.variables.get('isOverLimit')).toBe(true)
  })

  it('throws on a malformed expression, which takes the error port', async () => {
    const config = setVariable.config.parse({
      assignments: [{ variable: 'tries', value: 'vars.tries +' }],
    })

    await expect(async () => setVariable.run(testContext(), config)).rejects.toThrow(
      ExpressionError,
    )
  })

  it('throws when a value does not fit the declared variable type', async () => {
    const ctx = testContext({ declaredVariables: { tries: 'number' } })
    const config = setVariable.config.parse({
      assignments: [{ variable: 'tries', value: '"很多"' }],
    })

    await expect(async () => setVariable.run(ctx, config)).rejects.toThrow(VariableInvalidError)
  })

  it('has next and error ports', () => {
    expect(setVariable.outputs(setVariable.config.parse({}))).toEqual(['next', 'error'])
  })

  it('defaults to no assignments', () => {
    expect(setVariable.config.parse({})).toEqual({ assignments: [] })
  })

  it('rejects a variable name that is not an identifier', () => {
    const parsed = setVariable.config.safeParse({
      assignments: [{ variable: '订单号', value: '"A1024"' }],
    })

    expect(parsed.error?.issues[0]?.path).toEqual(['assignments', 0, 'variable'])
  })

  it('rejects a blank value expression', () => {
    const parsed = setVariable.config.safeParse({ assignments: [{ variable: 'tries', value: '' }] })

    expect(parsed.error?.issues[0]?.path).toEqual(['assignments', 0, 'value'])
  })
})
