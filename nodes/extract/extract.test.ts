import { describe, expect, it } from 'vitest'
import {
  fixedClock,
  ModelAnswerInvalidError,
  ServiceUnavailableError,
  testContext,
} from '../../shared/index.ts'
import { fakeLlm } from '../text/index.ts'
import extract from './index.ts'

const booking = extract.config.parse({
  slots: [
    { name: 'phone', entity: 'mobile', variable: 'phone', prompt: '请问您的手机号是？' },
    {
      name: 'when',
      entity: 'datetime',
      variable: 'visitAt',
      prompt: '您想约什么时间？',
      promptVariants: { en: 'When would you like to come?' },
    },
    { name: 'note', entity: 'email', variable: 'email', required: false },
  ],
})

const order = extract.config.parse({
  slots: [
    { name: 'order', entity: 'orderNumber', variable: 'orderId' },
    { name: 'amount', entity: 'money', variable: 'amount' },
    { name: 'count', entity: 'quantity', variable: 'count', required: false },
    {
      name: 'color',
      entity: 'custom',
      variable: 'color',
      required: false,
      values: [
        { value: 'red', synonyms: ['红色', '红的'] },
        { value: 'blue', synonyms: ['蓝色', 'navy'] },
      ],
    },
  ],
})

describe('extract node', () => {
  it('fills every slot from a Chinese message and takes complete', async () => {
    const ctx = testContext({ text: '我的手机是13800138000，明天下午三点过来，邮箱 a@b.cn' })

    const result = await extract.run(ctx, booking)

    expect(result).toMatchObject({
      port: 'complete',
      output: {
        slots: { phone: '13800138000', when: '2026-01-02T15:00:00+08:00', note: 'a@b.cn' },
        missing: [],
      },
    })
    expect(ctx.effects.variables.get('visitAt')).toBe('2026-01-02T15:00:00+08:00')
  })

  it('fills slots from an English message', async () => {
    const ctx = testContext({ text: 'Call me on +86 139 1234 5678, tomorrow at 3pm works' })

    const result = await extract.run(ctx, booking)

    expect(result).toMatchObject({
      port: 'complete',
      output: { slots: { phone: '13912345678', when: '2026-01-02T15:00:00+08:00' } },
    })
  })

  it('takes missing and names the required slots not said, with the first prompt', async () => {
    const ctx = testContext({ text: '下周一上午可以吗' })

    const result = await extract.run(ctx, booking)

    expect(result).toMatchObject({
      port: 'missing',
      output: {
        slots: { when: '2026-01-05' },
        missing: ['phone'],
        prompts: ['请问您的手机号是？'],
        prompt: '请问您的手机号是？',
      },
    })
  })

  it('gives the prompt in the conversation locale', async () => {
    const ctx = testContext({ text: '13800138000', locale: 'en' })

    const result = await extract.run(ctx, booking)

    expect(result).toMatchObject({ output: { prompt: 'When would you like to come?' } })
  })

  it('counts a slot filled on an earlier turn, so an ask-and-extract loop completes', async () => {
    const ctx = testContext({ text: '后天上午10点', vars: { phone: '13800138000' } })

    const result = await extract.run(ctx, booking)

    expect(result).toMatchObject({
      port: 'complete',
      output: { slots: { phone: '13800138000', when: '2026-01-03T10:00:00+08:00' } },
    })
  })

  it('asks again for a slot filled earlier when keepFilled is off', async () => {
    const ctx = testContext({ text: '后天', vars: { phone: '13800138000' } })

    const result = await extract.run(ctx, { ...booking, keepFilled: false })

    expect(result).toMatchObject({ port: 'missing', output: { missing: ['phone'] } })
  })

  it('reads order numbers, money, quantities and custom values', async () => {
    const ctx = testContext({ text: '订单号JD202601011234，买了两件红色的，一共三百五十元' })

    const result = await extract.run(ctx, order)

    expect(result).toMatchObject({
      port: 'complete',
      output: {
        slots: { order: 'JD202601011234', amount: 350, count: 2, color: 'red' },
        found: { amount: { currency: 'CNY' }, count: { unit: '件' } },
      },
    })
  })

  it('does not take a phone number for the order number', async () => {
    const ctx = testContext({ text: 'my phone is 13800138000 and order #2026010112345 for $20' })

    const result = await extract.run(ctx, order)

    expect(result).toMatchObject({ output: { slots: { order: '2026010112345', amount: 20 } } })
  })

  it('uses a slot pattern for order numbers in the operator’s format', async () => {
    const config = extract.config.parse({
      slots: [{ name: 'o', entity: 'orderNumber', variable: 'o', pattern: 'SO-\\d{6}' }],
    })
    const ctx = testContext({ text: '单号 SO-123456' })

    const result = await extract.run(ctx, config)

    expect(result).toMatchObject({ port: 'complete', output: { slots: { o: 'SO-123456' } } })
  })

  it.each([
    ['a 95588 service number', '请拨打95588', 'mobile'],
    ['an 18-digit number with a wrong ID check', '110105194912310021', 'idNumber'],
    ['a 16-digit number failing Luhn', '4111111111111112', 'bankCard'],
  ])('does not take %s', async (_, text, entity) => {
    const config = extract.config.parse({ slots: [{ name: 'x', entity, variable: 'x' }] })

    const result = await extract.run(testContext({ text }), config)

    expect(result).toMatchObject({ port: 'missing', output: { missing: ['x'] } })
  })

  it.each([
    ['empty', ''],
    ['emoji only', '😀😀🙏🏻'],
    ['huge', `${'很长的消息'.repeat(2000)}`],
  ])('takes missing for an %s message', async (_, text) => {
    const result = await extract.run(testContext({ text }), booking)

    expect(result).toMatchObject({ port: 'missing', output: { missing: ['phone', 'when'] } })
  })

  it('finds slots in a huge message with mixed scripts', async () => {
    const text = `${'blah 这是 テスト '.repeat(700)} 电话13800138000 tomorrow at 3pm`

    const result = await extract.run(testContext({ text }), booking)

    expect(result).toMatchObject({ port: 'complete' })
  })

  it('fails on a value that does not fit the declared variable type', async () => {
    const ctx = testContext({ text: '13800138000', declaredVariables: { phone: 'boolean' } })

    await expect(async () => extract.run(ctx, booking)).rejects.toThrow('phone')
  })

  describe('llm mode', () => {
    const withText = extract.config.parse({
      mode: 'llm',
      slots: [
        { name: 'product', entity: 'text', variable: 'product' },
        { name: 'phone', entity: 'mobile', variable: 'phone' },
        { name: 'day', entity: 'date', variable: 'day', required: false },
      ],
    })

    it('fills slots from the model’s JSON answer', async () => {
      const llm = fakeLlm({ json: { product: '空气净化器', phone: '138 0013 8000', day: null } })
      const ctx = testContext({ text: '空气净化器坏了，电话138 0013 8000', llm })

      const result = await extract.run(ctx, withText)

      expect(result).toMatchObject({
        port: 'complete',
        output: { slots: { product: '空气净化器', phone: '13800138000' } },
      })
      expect(llm.requests[0]).toMatchObject({ isJson: true })
      expect(llm.requests[0]?.messages[0]?.content).toContain('Today is 2026-01-01 (Thursday)')
    })

    it('drops a model value that fails the local check and notes it', async () => {
      const llm = fakeLlm({ json: { product: 'phone case', phone: '12345' } })
      const ctx = testContext({ text: 'My phone case broke', llm })

      const result = await extract.run(ctx, withText)

      expect(result).toMatchObject({ port: 'missing', output: { missing: ['phone'] } })
      expect(ctx.effects.notes[0]?.message).toBe('model value for slot phone rejected')
    })

    it('throws ModelAnswerInvalidError on malformed JSON, which takes the error port', async () => {
      const ctx = testContext({ text: 'hello', llm: fakeLlm({ text: '{"product": ' }) })

      await expect(async () => extract.run(ctx, withText)).rejects.toThrow(ModelAnswerInvalidError)
    })

    it('throws the service error when the model times out', async () => {
      const timeout = new ServiceUnavailableError('llm', 'no answer within 15000 ms')
      const ctx = testContext({ text: 'hello', llm: fakeLlm({ error: timeout }) })

      await expect(async () => extract.run(ctx, withText)).rejects.toThrow('15000 ms')
    })

    it('does not call the model for an empty message', async () => {
      const llm = fakeLlm({ json: {} })

      const result = await extract.run(testContext({ text: '  ', llm }), withText)

      expect(result).toMatchObject({ port: 'missing' })
      expect(llm.requests).toHaveLength(0)
    })

    it('asks the model only for what hybrid mode did not find locally', async () => {
      const llm = fakeLlm({ json: { product: 'kettle' } })
      const ctx = testContext({ text: 'kettle, 13800138000', llm })

      const result = await extract.run(ctx, { ...withText, mode: 'hybrid' })

      expect(result).toMatchObject({
        output: { slots: { product: 'kettle', phone: '13800138000' } },
      })
      expect(llm.requests[0]?.messages[0]?.content).not.toContain('"phone"')
    })
  })

  describe('config', () => {
    it('refuses a config without slots', () => {
      expect(extract.config.safeParse({}).success).toBe(false)
    })

    it('refuses a custom slot without values or pattern', () => {
      const slots = [{ name: 'c', entity: 'custom', variable: 'c' }]
      expect(extract.config.safeParse({ slots }).success).toBe(false)
    })

    it('refuses a pattern that does not compile', () => {
      const slots = [{ name: 'c', entity: 'custom', variable: 'c', pattern: '([a-z' }]
      expect(extract.config.safeParse({ slots }).success).toBe(false)
    })

    it('refuses free-text slots in local mode', () => {
      const slots = [{ name: 't', entity: 'text', variable: 't' }]
      expect(extract.config.safeParse({ slots }).success).toBe(false)
    })

    it('resolves dates in the clock time zone', async () => {
      const clock = fixedClock('2026-01-01T02:00:00Z', 'America/New_York')
      const config = extract.config.parse({ slots: [{ name: 'd', entity: 'date', variable: 'd' }] })

      const result = await extract.run(testContext({ text: 'tomorrow', clock }), config)

      expect(result).toMatchObject({ output: { slots: { d: '2026-01-01' } } })
    })
  })
})
