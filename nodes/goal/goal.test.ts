import { describe, expect, it } from 'vitest'
import { testContext } from '../../shared/index.ts'
import goal from './index.ts'

describe('goal node', () => {
  it('records a conversion with its name and rendered value, then takes next', () => {
    const ctx = testContext({ vars: { total: 199.5 } })
    const config = goal.config.parse({ name: 'order_paid', value: '{{ vars.total }}' })

    const result = goal.run(ctx, config)

    expect(result).toEqual({
      port: 'next',
      output: { name: 'order_paid', value: 199.5, isRecorded: true },
    })
    expect(ctx.effects.events).toEqual([{ type: 'conversion', name: 'order_paid', value: 199.5 }])
  })

  it('records no value when the value is blank', () => {
    const ctx = testContext()

    goal.run(ctx, goal.config.parse({ name: '预约成功' }))

    expect(ctx.effects.events).toEqual([{ type: 'conversion', name: '预约成功', value: null }])
  })

  it('reads amounts with thousands separators', () => {
    const ctx = testContext({ vars: { total: '1,299.00' } })

    goal.run(ctx, goal.config.parse({ name: 'order', value: '{{ vars.total }}' }))

    expect(ctx.effects.events[0]?.value).toBe(1299)
  })

  it('fails on a value that is not a number, recording nothing', () => {
    const ctx = testContext({ vars: { total: '很多' } })
    const config = goal.config.parse({ name: 'order', value: '{{ vars.total }}' })

    expect(() => goal.run(ctx, config)).toThrow('must be a number, not "很多"')
    expect(ctx.effects.events).toEqual([])
  })

  it('counts the goal once per conversation by default', () => {
    const ctx = testContext({
      node: { id: 'g1', type: 'goal' },
      nodes: { g1: { name: 'order', value: null, isRecorded: true } },
    })

    const result = goal.run(ctx, goal.config.parse({ name: 'order' }))

    expect(result).toMatchObject({ port: 'next', output: { isRepeat: true } })
    expect(ctx.effects.events).toEqual([])
  })

  it('counts every pass when isOncePerConversation is off', () => {
    const ctx = testContext({
      node: { id: 'g1', type: 'goal' },
      nodes: { g1: { isRecorded: true } },
    })

    goal.run(ctx, goal.config.parse({ name: 'upsell', isOncePerConversation: false }))

    expect(ctx.effects.events).toHaveLength(1)
  })

  it.each([[{}], [{ name: '  ' }], [{ name: 'x'.repeat(101) }]])(
    'refuses the config %j',
    (input) => {
      expect(goal.config.safeParse(input).error?.issues[0]?.path[0]).toBe('name')
    },
  )

  it('has the ports next and error', () => {
    expect(goal.outputs(goal.config.parse({ name: 'x' }))).toEqual(['next', 'error'])
  })
})
