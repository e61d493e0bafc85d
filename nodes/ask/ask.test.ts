import { describe, expect, it } from 'vitest'
import { ExpressionError, testContext, VariableInvalidError } from '../../shared/index.ts'
import ask from './index.ts'

const askPhone = ask.config.parse({
  question: '请问您的手机号是多少？',
  variants: { en: 'What is your mobile number?' },
  variable: 'phone',
  answerType: 'phone',
})

const askTopic = ask.config.parse({
  question: '请问您想办理什么业务？',
  variable: 'topic',
  answerType: 'choice',
  choices: [
    { label: '退货', value: 'refund', synonyms: ['退款', 'return'] },
    { label: '换货', value: 'exchange' },
    { label: '查物流' },
  ],
})

describe('ask node', () => {
  describe('run', () => {
    it('asks the question and waits with no attempts used', async () => {
      const ctx = testContext()

      const result = await ask.run(ctx, askPhone)

      expect(result).toEqual({ wait: { state: { attempts: 0 } } })
      expect(ctx.effects.messages.map((m) => m.text)).toEqual(['请问您的手机号是多少？'])
    })

    it('asks in English when the conversation locale is en', async () => {
      const ctx = testContext({ locale: 'en' })

      await ask.run(ctx, askPhone)

      expect(ctx.effects.messages.map((m) => m.text)).toEqual(['What is your mobile number?'])
    })

    it('renders variables into the question', async () => {
      const ctx = testContext({ user: { name: '王女士' } })
      const config = ask.config.parse({
        question: '{{ user.name }}，请问订单号是？',
        variable: 'id',
      })

      await ask.run(ctx, config)

      expect(ctx.effects.messages[0]?.text).toBe('王女士，请问订单号是？')
    })

    it('offers the choices as quick replies', async () => {
      const ctx = testContext()

      await ask.run(ctx, askTopic)

      expect(ctx.effects.messages[0]?.quickReplies).toEqual([
        { label: '退货', value: 'refund' },
        { label: '换货', value: 'exchange' },
        { label: '查物流' },
      ])
    })

    it('takes answer without asking when skipIfFilled and the variable has a value', async () => {
      const ctx = testContext({ vars: { phone: '13800138000' } })
      const config = ask.config.parse({ ...askPhone, skipIfFilled: true })

      const result = await ask.run(ctx, config)

      expect(result).toEqual({ port: 'answer', output: { value: '13800138000', isSkipped: true } })
      expect(ctx.effects.messages).toEqual([])
    })

    it('asks when skipIfFilled but the variable is empty', async () => {
      const ctx = testContext({ vars: { phone: '' } })
      const config = ask.config.parse({ ...askPhone, skipIfFilled: true })

      const result = await ask.run(ctx, config)

      expect(result).toMatchObject({ wait: { state: { attempts: 0 } } })
    })

    it('asks again when the variable has a value but skipIfFilled is off', async () => {
      const ctx = testContext({ vars: { phone: '13800138000' } })

      const result = await ask.run(ctx, askPhone)

      expect(result).toMatchObject({ wait: {} })
    })

    it('throws on a malformed question template, which takes the error port', async () => {
      const config = ask.config.parse({ question: '{{ user.name ', variable: 'name' })

      await expect(async () => ask.run(testContext(), config)).rejects.toThrow(ExpressionError)
    })
  })

  describe('resume', () => {
    it('stores a valid answer and takes answer', async () => {
      const ctx = testContext({ text: '我的手机是 138 0013 8000', waitState: { attempts: 0 } })

      const result = await ask.resume?.(ctx, askPhone)

      expect(result).toEqual({
        port: 'answer',
        output: { value: '13800138000', raw: '我的手机是 138 0013 8000' },
      })
      expect(ctx.effects.variables.get('phone')).toBe('13800138000')
    })

    it('stores a number answer as a number', async () => {
      const ctx = testContext({ text: '２', waitState: { attempts: 0 } })
      const config = ask.config.parse({
        question: '几件？',
        variable: 'count',
        answerType: 'number',
      })

      await ask.resume?.(ctx, config)

      expect(ctx.effects.variables.get('count')).toBe(2)
    })

    it('stores the value of the choice the customer named by synonym', async () => {
      const ctx = testContext({ text: ' Return ', waitState: { attempts: 0 } })

      const result = await ask.resume?.(ctx, askTopic)

      expect(result).toMatchObject({ port: 'answer', output: { value: 'refund' } })
      expect(ctx.effects.variables.get('topic')).toBe('refund')
    })

    it('reads a tapped quick reply from its payload', async () => {
      const ctx = testContext({ text: '换货', payload: 'exchange', waitState: { attempts: 0 } })

      const result = await ask.resume?.(ctx, askTopic)

      expect(result).toEqual({ port: 'answer', output: { value: 'exchange', raw: 'exchange' } })
    })

    it('falls back to the text when the payload names no choice', async () => {
      const ctx = testContext({ text: '退货', payload: 'faq_7', waitState: { attempts: 0 } })

      const result = await ask.resume?.(ctx, askTopic)

      expect(result).toMatchObject({ port: 'answer', output: { value: 'refund' } })
    })

    it('re-asks with the retry message and the question while attempts remain', async () => {
      const ctx = testContext({ text: '不告诉你', waitState: { attempts: 0 } })

      const result = await ask.resume?.(ctx, askPhone)

      expect(result).toEqual({ wait: { state: { attempts: 1 } } })
      expect(ctx.effects.messages.map((m) => m.text)).toEqual([
        '抱歉，我没有听懂，请再说一次。',
        '请问您的手机号是多少？',
      ])
      expect(ctx.effects.variables.size).toBe(0)
    })

    it('re-asks in English when the conversation locale is en', async () => {
      const ctx = testContext({ text: 'no idea', locale: 'en', waitState: { attempts: 0 } })

      await ask.resume?.(ctx, askPhone)

      expect(ctx.effects.messages.map((m) => m.text)).toEqual([
        "Sorry, I didn't catch that. Could you say it again?",
        'What is your mobile number?',
      ])
    })

    it('offers the choices again when it re-asks', async () => {
      const ctx = testContext({ text: '随便', waitState: { attempts: 0 } })

      await ask.resume?.(ctx, askTopic)

      expect(ctx.effects.messages[1]?.quickReplies).toHaveLength(3)
    })

    it('takes invalid after maxAttempts invalid answers', async () => {
      const ctx = testContext({ text: '不告诉你', waitState: { attempts: 2 } })

      const result = await ask.resume?.(ctx, askPhone)

      expect(result).toEqual({ port: 'invalid', output: { raw: '不告诉你', attempts: 3 } })
      expect(ctx.effects.messages).toEqual([])
    })

    it('takes invalid on the first bad answer when maxAttempts is 1', async () => {
      const ctx = testContext({ text: 'abc', waitState: { attempts: 0 } })
      const config = ask.config.parse({ ...askPhone, maxAttempts: 1 })

      const result = await ask.resume?.(ctx, config)

      expect(result).toMatchObject({ port: 'invalid', output: { attempts: 1 } })
    })

    it('counts from zero when the wait state is missing', async () => {
      const ctx = testContext({ text: 'abc' })

      const result = await ask.resume?.(ctx, askPhone)

      expect(result).toEqual({ wait: { state: { attempts: 1 } } })
    })

    it('throws when the answer does not fit the declared variable type', async () => {
      const ctx = testContext({
        text: '三件',
        declaredVariables: { count: 'number' },
        waitState: { attempts: 0 },
      })
      const config = ask.config.parse({ question: '几件？', variable: 'count' })

      await expect(async () => ask.resume?.(ctx, config)).rejects.toThrow(VariableInvalidError)
    })
  })

  describe('config', () => {
    it('has answer, invalid and error ports', () => {
      expect(ask.outputs(askPhone)).toEqual(['answer', 'invalid', 'error'])
    })

    it('can wait for the customer', () => {
      expect(ask.canWait).toBe(true)
    })

    it('defaults to a text answer, three attempts and a bilingual retry message', () => {
      expect(ask.config.parse({ variable: 'orderId' })).toEqual({
        question: '',
        variants: {},
        variable: 'orderId',
        answerType: 'text',
        choices: [],
        pattern: '',
        retryMessage: '抱歉，我没有听懂，请再说一次。',
        retryVariants: { en: "Sorry, I didn't catch that. Could you say it again?" },
        maxAttempts: 3,
        skipIfFilled: false,
      })
    })

    it('requires a variable', () => {
      const parsed = ask.config.safeParse({ question: '订单号？' })

      expect(parsed.error?.issues[0]?.path).toEqual(['variable'])
    })

    it('requires choices for a choice answer', () => {
      const parsed = ask.config.safeParse({ variable: 'topic', answerType: 'choice' })

      expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['choices']])
    })

    it('requires a valid pattern for a regex answer', () => {
      const parsed = ask.config.safeParse({ variable: 'code', answerType: 'regex', pattern: '(' })

      expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['pattern']])
    })

    it('rejects maxAttempts below 1', () => {
      const parsed = ask.config.safeParse({ variable: 'code', maxAttempts: 0 })

      expect(parsed.error?.issues[0]?.path).toEqual(['maxAttempts'])
    })
  })
})
