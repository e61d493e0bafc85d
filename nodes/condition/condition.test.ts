import { describe, expect, it } from 'vitest'
import { ExpressionError, testContext } from '../../shared/index.ts'
import condition from './index.ts'

const config = condition.config.parse({
  branches: [
    { name: '退货', condition: 'input contains "退货"' },
    { name: 'retry', condition: 'vars.tries < 3' },
  ],
})

describe('condition node', () => {
  it('takes the first branch whose condition is true', async () => {
    const ctx = testContext({ text: '我想退货', vars: { tries: 1 } })

    const result = await condition.run(ctx, config)

    expect(result).toEqual({ port: '退货', output: { branch: '退货' } })
  })

  it('checks later branches when earlier ones are false', async () => {
    const ctx = testContext({ text: 'where is my parcel', vars: { tries: 1 } })

    const result = await condition.run(ctx, config)

    expect(result).toEqual({ port: 'retry', output: { branch: 'retry' } })
  })

  it('takes else when no condition is true', async () => {
    const ctx = testContext({ text: '查物流', vars: { tries: 3 } })

    const result = await condition.run(ctx, config)

    expect(result).toEqual({ port: 'else', output: { branch: 'else' } })
  })

  it('takes else when it has no branches', async () => {
    const result = await condition.run(testContext(), condition.config.parse({}))

    expect(result).toMatchObject({ port: 'else' })
  })

  it('throws on a malformed condition, which takes the error port', async () => {
    const broken = condition.config.parse({ branches: [{ name: 'a', condition: 'vars.tries <' }] })

    await expect(async () => condition.run(testContext(), broken)).rejects.toThrow(ExpressionError)
  })

  it('has a port per branch, in order, then else and error', () => {
    expect(condition.outputs(config)).toEqual(['退货', 'retry', 'else', 'error'])
  })

  it('defaults to no branches', () => {
    expect(condition.config.parse({})).toEqual({ branches: [] })
  })

  it('rejects two branches with the same name', () => {
    const parsed = condition.config.safeParse({
      branches: [
        { name: 'vip', condition: 'user.level == "gold"' },
        { name: 'vip', condition: 'user.level == "silver"' },
      ],
    })

    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['branches', 1, 'name']])
  })

  it.each(['else', 'error'])('rejects a branch named %s', (name) => {
    const parsed = condition.config.safeParse({ branches: [{ name, condition: 'true' }] })

    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['branches', 0, 'name']])
  })

  it('rejects a branch name that cannot be a port', () => {
    const parsed = condition.config.safeParse({
      branches: [{ name: 'vip user', condition: 'true' }],
    })

    expect(parsed.error?.issues[0]?.path).toEqual(['branches', 0, 'name'])
  })

  it('rejects a blank condition', () => {
    const parsed = condition.config.safeParse({ branches: [{ name: 'vip', condition: '  ' }] })

    expect(parsed.error?.issues[0]?.path).toEqual(['branches', 0, 'condition'])
  })
})
