import { describe, expect, it } from 'vitest'
import { testContext } from '../../shared/index.ts'
import csat from './index.ts'

const defaults = csat.config.parse({})

describe('csat node', () => {
  it('asks for a rating with five buttons and waits', () => {
    const ctx = testContext()

    const result = csat.run(ctx, defaults)

    expect(result).toEqual({ wait: { state: { stage: 'rating', attempts: 0 } } })
    expect(ctx.effects.messages[0]?.text).toContain('1–5')
    expect(ctx.effects.messages[0]?.quickReplies).toEqual([
      { label: '1', value: '1' },
      { label: '2', value: '2' },
      { label: '3', value: '3' },
      { label: '4', value: '4' },
      { label: '5', value: '5' },
    ])
  })

  it('asks in the conversation locale', () => {
    const ctx = testContext({ locale: 'en-US' })

    csat.run(ctx, defaults)

    expect(ctx.effects.messages[0]?.text).toBe(
      'How would you rate this conversation? 1–5, where 5 is best.',
    )
  })

  it('records a tapped rating as a csat event and takes rated', async () => {
    const ctx = testContext({
      text: '5',
      payload: '5',
      waitState: { stage: 'rating', attempts: 0 },
    })

    const result = await csat.resume?.(ctx, defaults)

    expect(result).toEqual({ port: 'rated', output: { rating: 5, comment: null } })
    expect(ctx.effects.events).toEqual([{ type: 'csat', name: 'csat', value: 5 }])
  })

  it('reads a typed rating such as 我给4分', async () => {
    const ctx = testContext({ text: '我给4分', waitState: { stage: 'rating', attempts: 0 } })

    const result = await csat.resume?.(ctx, defaults)

    expect(result).toMatchObject({ port: 'rated', output: { rating: 4 } })
  })

  it('stores the rating in the configured variable', async () => {
    const config = csat.config.parse({ ratingVariable: 'score' })
    const ctx = testContext({ text: '3', waitState: { stage: 'rating', attempts: 0 } })

    await csat.resume?.(ctx, config)

    expect(ctx.effects.variables.get('score')).toBe(3)
  })

  it('asks again after an answer that is not a rating, recording nothing', async () => {
    const ctx = testContext({ text: '还行吧', waitState: { stage: 'rating', attempts: 0 } })

    const result = await csat.resume?.(ctx, defaults)

    expect(result).toEqual({ wait: { state: { stage: 'rating', attempts: 1 } } })
    expect(ctx.effects.messages.map((m) => m.text)).toEqual([
      '请回复 1 到 5 之间的数字，或点击下面的按钮。',
      '请为本次服务打分：1–5 分，5 分最满意。',
    ])
    expect(ctx.effects.events).toEqual([])
  })

  it('takes skipped after maxAttempts answers that are not ratings', async () => {
    const ctx = testContext({ text: '10分', waitState: { stage: 'rating', attempts: 1 } })

    const result = await csat.resume?.(ctx, defaults)

    expect(result).toEqual({ port: 'skipped', output: { rating: null, raw: '10分', attempts: 2 } })
    expect(ctx.effects.events).toEqual([])
  })

  describe('with a comment', () => {
    const withComment = csat.config.parse({ askComment: true, commentVariable: 'feedback' })

    it('records the rating at once, then asks for a comment with a skip button', async () => {
      const ctx = testContext({
        payload: '2',
        text: '2',
        waitState: { stage: 'rating', attempts: 0 },
      })

      const result = await csat.resume?.(ctx, withComment)

      expect(result).toMatchObject({ wait: { state: { stage: 'comment', rating: 2 } } })
      expect(ctx.effects.events).toEqual([{ type: 'csat', name: 'csat', value: 2 }])
      expect(ctx.effects.messages[0]?.quickReplies).toEqual([{ label: '跳过', value: '__skip__' }])
    })

    it('records the comment and takes rated', async () => {
      const ctx = testContext({ text: '  等太久了 ', waitState: { stage: 'comment', rating: 2 } })

      const result = await csat.resume?.(ctx, withComment)

      expect(result).toEqual({ port: 'rated', output: { rating: 2, comment: '等太久了' } })
      expect(ctx.effects.events).toEqual([
        { type: 'csat_comment', name: 'csat', value: 2, detail: { comment: '等太久了' } },
      ])
      expect(ctx.effects.variables.get('feedback')).toBe('等太久了')
    })

    it('records no comment when the customer taps skip', async () => {
      const ctx = testContext({
        text: '跳过',
        payload: '__skip__',
        waitState: { stage: 'comment', rating: 5 },
      })

      const result = await csat.resume?.(ctx, withComment)

      expect(result).toEqual({ port: 'rated', output: { rating: 5, comment: null } })
      expect(ctx.effects.events).toEqual([])
    })
  })

  it('starts over at the rating when the saved state is unreadable', async () => {
    const ctx = testContext({ text: '4', waitState: { stage: 'nonsense' } })

    const result = await csat.resume?.(ctx, defaults)

    expect(result).toMatchObject({ port: 'rated', output: { rating: 4 } })
  })

  it.each([
    [{ maxAttempts: 0 }, 'maxAttempts'],
    [{ labels: ['1', '2'] }, 'labels'],
    [{ surveyName: ' ' }, 'surveyName'],
    [{ ratingVariable: 'bad name' }, 'ratingVariable'],
  ])('refuses the config %j', (input, field) => {
    expect(csat.config.safeParse(input).error?.issues[0]?.path[0]).toBe(field)
  })

  it('has the ports rated, skipped and error and can wait', () => {
    expect(csat.outputs(defaults)).toEqual(['rated', 'skipped', 'error'])
    expect(csat.canWait).toBe(true)
  })
})
