import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ComplianceHook } from '../../runtime/engine/index.ts'
import type { OutgoingMessage } from '../../shared/index.ts'
import { buildFlow, echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

const fallbackReply = '系统繁忙，请稍后再试'

describe('engine turn rules', () => {
  let t: TestApp

  beforeEach(() => {
    t = createTestApp()
  })
  afterEach(() => t.close())

  it('answers a repeated idempotency key with the stored result and runs nothing', async () => {
    await t.publish(
      buildFlow(
        'counter',
        [
          { id: 'start', type: 'start' },
          { id: 'wait', type: 'ask', config: { variable: 'said', maxAttempts: 10 } },
          { id: 'count', type: 'test-count' },
        ],
        [
          ['start', 'next', 'wait'],
          ['wait', 'answer', 'count'],
          ['count', 'next', 'wait'],
        ],
        { variables: [{ name: 'said', type: 'string' }] },
      ),
    )
    const { conversationId } = await t.engine.startConversation({ flowId: 'counter' })

    const first = await t.engine.postMessage(conversationId, { text: '一', idempotencyKey: 'k1' })
    const repeat = await t.engine.postMessage(conversationId, { text: '一', idempotencyKey: 'k1' })

    expect(repeat).toEqual(first)
    const conversation = await t.conversations.get(conversationId)
    expect(conversation.state.vars.runs).toBe(1)
    expect(conversation.turnCount).toBe(2)
  })

  it('runs concurrent turns of one conversation strictly one after another', async () => {
    const flow = echoFlow('slow-echo')
    flow.nodes.push({
      id: 'slow',
      type: 'test-slow',
      position: { x: 0, y: 0 },
      data: { config: { ticks: 3 } },
    })
    flow.edges = flow.edges.map((e) => (e.source === 'listen' ? { ...e, target: 'slow' } : e))
    flow.edges.push({ id: 'slow-echo', source: 'slow', sourceHandle: 'next', target: 'echo' })
    await t.publish(flow)
    const { conversationId } = await t.engine.startConversation({ flowId: 'slow-echo' })
    const texts = Array.from({ length: 12 }, (_, i) => `消息${i}`)

    await Promise.all(texts.map((text) => t.engine.postMessage(conversationId, { text })))

    const transcript = await t.conversations.transcript(conversationId)
    const afterGreeting = transcript.slice(1)
    expect(afterGreeting).toHaveLength(24)
    for (let i = 0; i < afterGreeting.length; i += 2) {
      const customer = afterGreeting[i]!
      expect(customer.role).toBe('customer')
      expect(afterGreeting[i + 1]).toMatchObject({ role: 'bot', text: `收到：${customer.text}` })
    }
    expect(afterGreeting.filter((m) => m.role === 'customer').map((m) => m.text)).toEqual(texts)
  })

  it('stops a turn that never waits at maxStepsPerTurn with the fallback reply', async () => {
    await t.publish(
      buildFlow(
        'loop',
        [
          { id: 'start', type: 'start' },
          { id: 'count', type: 'test-count' },
          {
            id: 'again',
            type: 'condition',
            config: { branches: [{ name: 'more', condition: 'vars.runs < 1000' }] },
          },
          { id: 'done', type: 'end' },
        ],
        [
          ['start', 'next', 'count'],
          ['count', 'next', 'again'],
          ['again', 'more', 'count'],
          ['again', 'else', 'done'],
        ],
        { settings: { maxStepsPerTurn: 7, fallbackReply } },
      ),
    )

    const result = await t.engine.startConversation({ flowId: 'loop' })

    expect(result.messages.map((m) => m.text)).toEqual([fallbackReply])
    const { steps } = await t.conversations.trace(result.conversationId)
    expect(steps).toHaveLength(8)
    expect(steps.at(-1)).toMatchObject({ outcome: 'error', error: { code: 'max_steps_exceeded' } })
    expect((await t.conversations.get(result.conversationId)).state.vars.runs).toBe(3)
  })

  it("takes a failing node's error edge when it has one", async () => {
    await t.publish(
      buildFlow(
        'error-edge',
        [
          { id: 'start', type: 'start' },
          { id: 'crm', type: 'test-throw' },
          { id: 'sorry', type: 'reply', config: { text: '查询失败，已转人工' } },
        ],
        [
          ['start', 'next', 'crm'],
          ['crm', 'error', 'sorry'],
        ],
      ),
    )

    const result = await t.engine.startConversation({ flowId: 'error-edge' })

    expect(result.messages.map((m) => m.text)).toEqual(['查询失败，已转人工'])
    const { steps } = await t.conversations.trace(result.conversationId)
    expect(steps[1]).toMatchObject({
      nodeId: 'crm',
      port: 'error',
      outcome: 'error',
      error: { code: 'node_failed', message: 'Error: the CRM is down' },
    })
  })

  it('sends the fallback reply and records the error when a failing node has no error edge', async () => {
    await t.publish(
      buildFlow(
        'no-error-edge',
        [
          { id: 'start', type: 'start' },
          { id: 'crm', type: 'test-throw' },
        ],
        [['start', 'next', 'crm']],
        { settings: { fallbackReply } },
      ),
    )

    const result = await t.engine.startConversation({ flowId: 'no-error-edge' })

    expect(result.messages.map((m) => m.text)).toEqual([fallbackReply])
    const { steps } = await t.conversations.trace(result.conversationId)
    expect(steps.at(-1)).toMatchObject({
      nodeId: 'crm',
      outcome: 'error',
      error: { code: 'node_failed' },
    })
  })

  it('drops the messages and variable writes of a node that throws after emitting', async () => {
    await t.publish(
      buildFlow(
        'partial',
        [
          { id: 'start', type: 'start' },
          {
            id: 'crm',
            type: 'test-throw',
            config: { emitFirst: '您的退款已到账', setFirst: 'status' },
          },
        ],
        [['start', 'next', 'crm']],
        {
          settings: { fallbackReply },
          variables: [{ name: 'status', type: 'string', default: '处理中' }],
        },
      ),
    )

    const result = await t.engine.startConversation({ flowId: 'partial' })

    const transcript = await t.conversations.transcript(result.conversationId)
    expect(transcript.map((m) => m.text)).toEqual([fallbackReply])
    expect((await t.conversations.get(result.conversationId)).state.vars.status).toBe('处理中')
  })

  it('leaves the conversation as it was when the turn cannot be committed', async () => {
    await t.publish(echoFlow())
    const { conversationId } = await t.engine.startConversation({ flowId: 'echo' })
    const before = await t.conversations.get(conversationId)
    const transcriptBefore = await t.conversations.transcript(conversationId)
    // Another writer holds the conversation's row: the commit's write fails mid-turn.
    t.database.sqlite.exec(
      "CREATE TRIGGER fail_message_insert BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )

    await expect(t.engine.postMessage(conversationId, { text: '你好' })).rejects.toThrow(
      'disk full',
    )

    t.database.sqlite.exec('DROP TRIGGER fail_message_insert')
    const after = await t.conversations.get(conversationId)
    expect(after).toEqual(before)
    expect(await t.conversations.transcript(conversationId)).toEqual(transcriptBefore)
    const retried = await t.engine.postMessage(conversationId, { text: '你好' })
    expect(retried.messages.map((m) => m.text)).toEqual(['收到：你好'])
  })

  it('keeps a conversation on the version it started on after a new publish', async () => {
    const flow = echoFlow('pinned')
    await t.publish(flow)
    const old = await t.engine.startConversation({ flowId: 'pinned' })
    const changed = structuredClone(flow)
    changed.nodes = changed.nodes.map((n) =>
      n.id === 'echo' ? { ...n, data: { config: { text: '新版：{{ input }}' } } } : n,
    )
    expect(await t.publish(changed)).toBe(2)

    const oldReply = await t.engine.postMessage(old.conversationId, { text: '在吗' })
    const fresh = await t.engine.startConversation({ flowId: 'pinned' })
    const freshReply = await t.engine.postMessage(fresh.conversationId, { text: '在吗' })

    expect(oldReply.messages.map((m) => m.text)).toEqual(['收到：在吗'])
    expect(freshReply.messages.map((m) => m.text)).toEqual(['新版：在吗'])
    expect((await t.conversations.get(old.conversationId)).flowVersion).toBe(1)
    expect((await t.conversations.get(fresh.conversationId)).flowVersion).toBe(2)
  })

  it('treats a port the node does not declare as a node error', async () => {
    await t.publish(
      buildFlow(
        'bad-port',
        [
          { id: 'start', type: 'start' },
          { id: 'odd', type: 'test-bad-port' },
          { id: 'sorry', type: 'reply', config: { text: '出错了' } },
        ],
        [
          ['start', 'next', 'odd'],
          ['odd', 'error', 'sorry'],
        ],
      ),
    )

    const result = await t.engine.startConversation({ flowId: 'bad-port' })

    expect(result.messages.map((m) => m.text)).toEqual(['出错了'])
    const { steps } = await t.conversations.trace(result.conversationId)
    expect(steps[1]).toMatchObject({ outcome: 'error', error: { code: 'node_result_invalid' } })
  })
})

describe('compliance hook', () => {
  const seen: { kind: 'message' | 'sentence'; text: string }[] = []
  const spy: ComplianceHook = {
    async checkMessage(message: OutgoingMessage) {
      seen.push({ kind: 'message', text: message.text })
      return { ...message, text: message.text.replace(/稳赚|暗号/, '**') }
    },
    async checkSentence(sentence: string) {
      seen.push({ kind: 'sentence', text: sentence })
      return sentence.includes('保本') ? null : sentence
    },
  }
  let t: TestApp

  beforeEach(() => {
    seen.length = 0
    t = createTestApp({ compliance: spy })
  })
  afterEach(() => t.close())

  it('passes every bot message through the hook before it is stored or sent', async () => {
    await t.publish(echoFlow())
    const { conversationId } = await t.engine.startConversation({ flowId: 'echo' })

    const result = await t.engine.postMessage(conversationId, { text: '稳赚吗' })

    expect(seen.map((s) => s.text)).toEqual(['你好', '收到：稳赚吗'])
    expect(result.messages[0]?.text).toBe('收到：**吗')
    const transcript = await t.conversations.transcript(conversationId)
    expect(transcript.at(-1)?.text).toBe('收到：**吗')
  })

  it('passes the fallback reply through the hook too', async () => {
    await t.publish(
      buildFlow(
        'fails',
        [
          { id: 'start', type: 'start' },
          { id: 'crm', type: 'test-throw' },
        ],
        [['start', 'next', 'crm']],
        {
          settings: { fallbackReply: '暗号不赔' },
        },
      ),
    )

    const result = await t.engine.startConversation({ flowId: 'fails' })

    expect(seen).toEqual([{ kind: 'message', text: '暗号不赔' }])
    expect(result.messages[0]?.text).toBe('**不赔')
  })

  it('checks streamed text sentence by sentence and stops at a blocked sentence', async () => {
    await t.publish(
      buildFlow(
        'stream',
        [
          { id: 'start', type: 'start' },
          {
            id: 'answer',
            type: 'test-stream',
            config: { chunks: ['这款理财', '收益稳定。', '本金', '保本！', '欢迎购买。'] },
          },
        ],
        [['start', 'next', 'answer']],
      ),
    )
    const deltas: string[] = []

    const result = await t.engine.startConversation({ flowId: 'stream' }, (event) => {
      if (event.type === 'delta') deltas.push(event.text)
    })

    expect(seen).toEqual([
      { kind: 'sentence', text: '这款理财收益稳定。' },
      { kind: 'sentence', text: '本金保本！' },
    ])
    expect(deltas).toEqual(['这款理财收益稳定。'])
    expect(result.messages[0]).toMatchObject({
      text: '这款理财收益稳定。',
      meta: { isStreamed: true, isTruncatedByCompliance: true },
    })
  })
})

describe('starting conversations', () => {
  let t: TestApp

  beforeEach(() => {
    t = createTestApp()
  })
  afterEach(() => t.close())

  it('starts one conversation for concurrent requests with the same idempotency key', async () => {
    await t.publish(echoFlow())

    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.engine.startConversation({ flowId: 'echo', idempotencyKey: 'start-1' }),
      ),
    )

    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1)
    const count = t.database.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as {
      n: number
    }
    expect(count.n).toBe(1)
  })
})

describe('what a turn records', () => {
  it('counts the model tokens each turn used, streamed answers included', async () => {
    const t = createTestApp()
    try {
      const llmFlow = buildFlow(
        'llm-usage',
        [
          { id: 'start', type: 'start' },
          { id: 'ask', type: 'test-llm' },
        ],
        [['start', 'next', 'ask']],
      )
      await t.publish(llmFlow)

      const result = await t.engine.startConversation({ flowId: 'llm-usage' })

      const { turns } = await t.conversations.trace(result.conversationId)
      expect(turns[0]).toMatchObject({ llmCalls: 2 })
      expect(turns[0]!.promptTokens).toBeGreaterThan(0)
      expect(turns[0]!.completionTokens).toBeGreaterThan(0)
    } finally {
      t.close()
    }
  })

  it('keeps what analyzers learn from each message and shows it as sys variables', async () => {
    const t = createTestApp({
      analyzers: [(message) => ({ isAngry: message.text.includes('投诉') })],
    })
    try {
      const flow = echoFlow('signals')
      flow.nodes = flow.nodes.map((n) =>
        n.id === 'echo' ? { ...n, data: { config: { text: '{{ sys.isAngry }}' } } } : n,
      )
      await t.publish(flow)
      const { conversationId } = await t.engine.startConversation({ flowId: 'signals' })

      const calm = await t.engine.postMessage(conversationId, { text: '你好' })
      const angry = await t.engine.postMessage(conversationId, { text: '我要投诉' })

      expect(calm.messages[0]?.text).toBe('false')
      expect(angry.messages[0]?.text).toBe('true')
      expect((await t.conversations.get(conversationId)).state.signals).toEqual({ isAngry: true })
    } finally {
      t.close()
    }
  })
})

describe('work prepared at publish', () => {
  let t: TestApp

  beforeEach(() => {
    t = createTestApp()
  })
  afterEach(() => t.close())

  const flowWith = (words: string[]) =>
    buildFlow(
      'prepared',
      [
        { id: 'start', type: 'start' },
        { id: 'model', type: 'test-prepared', config: { words } },
      ],
      [['start', 'next', 'model']],
    )

  it('stores what prepare made with the version and gives it to the node after load', async () => {
    await t.publish(flowWith(['退货', '换货']))

    const result = await t.engine.startConversation({ flowId: 'prepared' })

    expect(JSON.parse(result.messages[0]!.text)).toEqual({
      loadedAt: 'compile',
      prepared: { vocabulary: ['换货', '退货'] },
    })
    expect((await t.flows.getVersion('prepared', 1)).prepared).toEqual({
      model: { vocabulary: ['换货', '退货'] },
    })
  })

  it('refuses to publish when a node cannot be prepared, naming the node', async () => {
    await t.request('POST', '/api/flows', flowWith(['坏']))

    const response = await t.request('POST', '/api/flows/prepared/publish', {})

    expect(response.status).toBe(422)
    const body = (await response.json()) as { error: { details: { problems: unknown[] } } }
    expect(body.error.details.problems).toEqual([
      expect.objectContaining({ code: 'prepare_failed', nodeId: 'model', severity: 'error' }),
    ])
    expect(await t.flows.listVersions('prepared')).toEqual([])
  })
})
