import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { type JsonValue, type TranscriptMessage, testContext } from '../../shared/index.ts'
import { fakeLlm } from './fake-llm.ts'
import llm from './index.ts'

const hits: JsonValue = {
  hits: [
    {
      text: '签收后7天内可以无理由退货。退货运费由买家承担，质量问题由商家承担。',
      source: '退货政策',
      documentId: 'doc-return',
      chunkId: 'c1',
      knowledgeBaseId: 'kb1',
      score: 3.2,
    },
    { text: '下单后48小时内发货。', source: '配送说明', documentId: 'doc-ship', chunkId: 'c2' },
  ],
}

function history(...texts: [TranscriptMessage['role'], string][]): TranscriptMessage[] {
  return texts.map(([role, text], index) => ({
    id: `m${index}`,
    role,
    text,
    createdAt: '2026-01-01T02:00:00Z',
  }))
}

describe('llm node', () => {
  it('fills every config field with a default', () => {
    const config = llm.config.parse({})

    expect(config).toMatchObject({
      provider: '',
      userPrompt: '{{ input }}',
      historyTurns: 5,
      temperature: 0.3,
      retries: 1,
      shouldSendAnswer: true,
    })
    expect(llm.outputs(config)).toEqual(['default', 'error'])
  })

  it('marks the prompts for the prompt editor', () => {
    const schema = z.toJSONSchema(llm.config, { io: 'input' })

    expect(schema.properties?.systemPrompt).toMatchObject({ ui: 'prompt' })
    expect(schema.properties?.userPrompt).toMatchObject({ ui: 'prompt' })
    expect(schema.properties?.jsonSchema).toMatchObject({ ui: 'code' })
  })

  it('refuses a jsonSchema that is not JSON Schema', () => {
    const result = llm.config.safeParse({ jsonSchema: '{not json' })

    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['jsonSchema'])
  })

  it('streams the answer as one message and outputs text and model', async () => {
    const model = fakeLlm(['您好。退货运费由买家承担。'])
    const ctx = testContext({ text: '退货运费谁出？', llm: model.service })

    const result = await llm.run(ctx, llm.config.parse({}))

    expect(result).toMatchObject({
      port: 'default',
      output: { text: '您好。退货运费由买家承担。', model: 'gpt-test', isOffline: false },
    })
    expect(ctx.effects.messages).toHaveLength(1)
    expect(ctx.effects.messages[0]?.meta).toMatchObject({ isStreamed: true, model: 'gpt-test' })
  })

  it('releases the answer sentence by sentence through the compliance hook', async () => {
    const released: string[] = []
    const model = fakeLlm(['第一句。第二句！第三句'], { deltaSize: 2 })
    const ctx = testContext({
      llm: model.service,
      releaseSentence: async (sentence) => {
        released.push(sentence)
        return sentence
      },
    })

    await llm.run(ctx, llm.config.parse({}))

    expect(released).toEqual(['第一句。', '第二句！', '第三句'])
  })

  it('labels the message offline even when compliance stops the stream early', async () => {
    const model = fakeLlm(['可以说的。不可以说的。后面的。'], { isOffline: true })
    const ctx = testContext({
      llm: model.service,
      releaseSentence: async (sentence) => (sentence.startsWith('不可以') ? null : sentence),
    })

    await llm.run(ctx, llm.config.parse({}))

    expect(ctx.effects.messages[0]).toMatchObject({
      text: '可以说的。',
      meta: { isOffline: true, model: 'offline', isTruncatedByCompliance: true },
    })
  })

  it('renders the prompts as templates and passes the model settings', async () => {
    const model = fakeLlm(['好的'])
    const ctx = testContext({ text: '还没到', vars: { orderId: 'SO1' }, llm: model.service })
    const config = llm.config.parse({
      provider: 'deepseek',
      model: 'deepseek-chat',
      systemPrompt: '你是星河商城的客服。',
      userPrompt: '订单 {{ vars.orderId }}：{{ input }}',
      temperature: 0,
      maxTokens: 100,
      timeoutMs: 5000,
    })

    await llm.run(ctx, config)

    expect(model.requests[0]).toMatchObject({
      provider: 'deepseek',
      model: 'deepseek-chat',
      temperature: 0,
      maxTokens: 100,
      timeoutMs: 5000,
      isJson: false,
      messages: [
        { role: 'system', content: '你是星河商城的客服。' },
        { role: 'user', content: '订单 SO1：还没到' },
      ],
    })
  })

  it('injects the retrieve node hits as numbered sources and outputs the cited ones', async () => {
    const model = fakeLlm(['退货运费由买家承担 [1]。'])
    const ctx = testContext({ text: '运费谁出', nodes: { search: hits }, llm: model.service })

    const result = await llm.run(ctx, llm.config.parse({ knowledgeFrom: 'search' }))

    const system = model.requests[0]?.messages[0]?.content ?? ''
    expect(system).toContain('[1] 退货政策：\n签收后7天内可以无理由退货。')
    expect(system).toContain('[2] 配送说明：\n下单后48小时内发货。')
    expect(result).toMatchObject({
      output: { citations: [{ index: 1, source: '退货政策', documentId: 'doc-return' }] },
    })
    expect(ctx.effects.messages[0]?.meta?.citations).toEqual([
      { index: 1, source: '退货政策', title: null, documentId: 'doc-return' },
    ])
  })

  it('cites the source a quoting answer comes from when it has no [n] markers', async () => {
    const model = fakeLlm(['下单后48小时内发货。'], { isOffline: true })
    const ctx = testContext({ nodes: { search: hits }, llm: model.service })

    const result = await llm.run(ctx, llm.config.parse({ knowledgeFrom: 'search' }))

    expect(result).toMatchObject({ output: { citations: [{ index: 2, source: '配送说明' }] } })
  })

  it('labels a hit with its section title, cut short to stay a heading line', async () => {
    const model = fakeLlm(['好'])
    const longTitle = `星河商城退货与退款政策 › ${'很长的标题'.repeat(8)} › 退货运费由谁承担`
    const titled: JsonValue = {
      hits: [
        {
          text: '运费由买家承担。',
          source: 'return-policy.md',
          title: '退货政策 › 退货运费由谁承担',
        },
        { text: '48小时内发货。', source: 'shipping.md', title: longTitle },
      ],
    }
    const ctx = testContext({ nodes: { search: titled }, llm: model.service })

    await llm.run(ctx, llm.config.parse({ knowledgeFrom: 'search' }))

    const lines = (model.requests[0]?.messages[0]?.content ?? '').split('\n')
    expect(lines).toContain('[1] 退货政策 › 退货运费由谁承担：')
    const second = lines.find((line) => line.startsWith('[2] '))
    expect(second).toMatch(/^\[2\] ….*退货运费由谁承担：$/)
    expect(Array.from(second ?? '').length).toBeLessThanOrEqual(40)
  })

  it('gives no more hits than maxKnowledgeHits', async () => {
    const model = fakeLlm(['好'])
    const ctx = testContext({ nodes: { search: hits }, llm: model.service })

    await llm.run(ctx, llm.config.parse({ knowledgeFrom: 'search', maxKnowledgeHits: 1 }))

    expect(model.requests[0]?.messages[0]?.content).not.toContain('配送说明')
  })

  it('notes in the trace when the retrieve node left no hits', async () => {
    const model = fakeLlm(['好'])
    const ctx = testContext({ nodes: { search: { hits: [] } }, llm: model.service })

    await llm.run(ctx, llm.config.parse({ knowledgeFrom: 'search' }))

    expect(ctx.effects.notes).toEqual([{ message: 'no knowledge hits in nodes.search' }])
  })

  it('marks an offline answer in the message meta and the output', async () => {
    const model = fakeLlm(['退货运费由买家承担。'], { isOffline: true })
    const ctx = testContext({ llm: model.service })

    const result = await llm.run(ctx, llm.config.parse({}))

    expect(ctx.effects.messages[0]?.meta).toMatchObject({ isOffline: true, model: 'offline' })
    expect(result).toMatchObject({ output: { isOffline: true, model: 'offline' } })
  })

  it('sends the last N turns of history, without this turn’s own message', async () => {
    const model = fakeLlm(['好'])
    const ctx = testContext({
      text: '那运费呢？',
      llm: model.service,
      history: history(
        ['customer', '你好'],
        ['bot', '您好！'],
        ['customer', '我想退货'],
        ['bot', '签收7天内可以退。'],
        ['system', '（转接记录）'],
        ['customer', '那运费呢？'],
      ),
    })

    await llm.run(ctx, llm.config.parse({ historyTurns: 1, systemPrompt: '' }))

    expect(model.requests[0]?.messages).toEqual([
      { role: 'user', content: '我想退货' },
      { role: 'assistant', content: '签收7天内可以退。' },
      { role: 'user', content: '那运费呢？' },
    ])
  })

  it('sends no history with historyTurns 0', async () => {
    const model = fakeLlm(['好'])
    const ctx = testContext({
      text: '运费呢',
      llm: model.service,
      history: history(['customer', '我想退货'], ['bot', '好的'], ['customer', '运费呢']),
    })

    await llm.run(ctx, llm.config.parse({ historyTurns: 0, systemPrompt: '' }))

    expect(model.requests[0]?.messages).toEqual([{ role: 'user', content: '运费呢' }])
  })

  it('keeps the answer for later nodes without sending it when shouldSendAnswer is off', async () => {
    const model = fakeLlm(['摘要：客户要退货。'])
    const ctx = testContext({ llm: model.service })

    const result = await llm.run(ctx, llm.config.parse({ shouldSendAnswer: false, saveAs: 'sum' }))

    expect(ctx.effects.messages).toEqual([])
    expect(ctx.effects.variables.get('sum')).toBe('摘要：客户要退货。')
    expect(result).toMatchObject({ output: { text: '摘要：客户要退货。' } })
  })

  it('writes the knowledge instructions in English for an English conversation', async () => {
    const model = fakeLlm(['OK'])
    const ctx = testContext({ locale: 'en-US', nodes: { search: hits }, llm: model.service })

    await llm.run(ctx, llm.config.parse({ knowledgeFrom: 'search' }))

    expect(model.requests[0]?.messages[0]?.content).toContain('cite it as [n]')
    expect(model.requests[0]?.messages[0]?.content).toContain('[1] 退货政策:')
  })
})
