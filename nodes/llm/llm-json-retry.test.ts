import { describe, expect, it } from 'vitest'
import {
  ModelAnswerInvalidError,
  ServiceUnavailableError,
  testContext,
} from '../../shared/index.ts'
import { fakeLlm, timeoutError } from './fake-llm.ts'
import llm from './index.ts'

describe('llm node: JSON output and retries', () => {
  it('asks for JSON, checks it against the schema and outputs the object without sending', async () => {
    const model = fakeLlm(['{"intent":"refund","orderId":"SO1"}'])
    const ctx = testContext({ llm: model.service })
    const jsonSchema = JSON.stringify({
      type: 'object',
      properties: { intent: { enum: ['refund', 'track'] }, orderId: { type: 'string' } },
      required: ['intent'],
    })

    const result = await llm.run(ctx, llm.config.parse({ jsonSchema, saveAs: 'parsed' }))

    expect(model.requests[0]?.isJson).toBe(true)
    expect(model.requests[0]?.messages[0]?.content).toContain('JSON Schema')
    expect(result).toMatchObject({ output: { json: { intent: 'refund', orderId: 'SO1' } } })
    expect(ctx.effects.messages).toEqual([])
    expect(ctx.effects.variables.get('parsed')).toEqual({ intent: 'refund', orderId: 'SO1' })
  })

  it('throws ModelAnswerInvalidError, naming the field, when the JSON breaks the schema', async () => {
    const model = fakeLlm(['{"intent":"cancel"}', '{"intent":"cancel"}'])
    const ctx = testContext({ llm: model.service })
    const jsonSchema = '{"type":"object","properties":{"intent":{"enum":["refund"]}}}'

    const run = llm.run(ctx, llm.config.parse({ jsonSchema }))

    await expect(run).rejects.toThrow(ModelAnswerInvalidError)
    await expect(run).rejects.toThrow(/intent/)
  })

  it('retries an answer that is not JSON and takes the second one', async () => {
    const model = fakeLlm(['当然可以！', '```json\n{"ok":true}\n```'])
    const ctx = testContext({ llm: model.service })

    const result = await llm.run(
      ctx,
      llm.config.parse({ jsonSchema: '{"type":"object"}', retries: 1 }),
    )

    expect(result).toMatchObject({ output: { json: { ok: true } } })
    expect(model.requests).toHaveLength(2)
  })

  it('retries a stream that fails before its first delta', async () => {
    const model = fakeLlm([timeoutError(), '第二次成功。'])
    const ctx = testContext({ llm: model.service })

    const result = await llm.run(ctx, llm.config.parse({ retries: 1 }))

    expect(result).toMatchObject({ output: { text: '第二次成功。' } })
    expect(model.requests).toHaveLength(2)
  })

  it('gives up after the retries and throws, for the error port', async () => {
    const model = fakeLlm([timeoutError(), timeoutError()])
    const ctx = testContext({ llm: model.service })

    await expect(llm.run(ctx, llm.config.parse({ retries: 1 }))).rejects.toThrow(/no answer/)
    expect(model.requests).toHaveLength(2)
  })

  it('does not retry a refusal that would fail the same way again', async () => {
    const refused = Object.assign(new ServiceUnavailableError('llm', 'HTTP 401'), {
      details: { failure: 'status', status: 401 },
    })
    const model = fakeLlm([refused, '不该用到'])
    const ctx = testContext({ llm: model.service })

    await expect(llm.run(ctx, llm.config.parse({ retries: 3 }))).rejects.toThrow(/401/)
    expect(model.requests).toHaveLength(1)
  })
})
