import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ComplianceEvent } from '../../runtime/compliance/index.ts'
import type { TurnResult } from '../../runtime/engine/index.ts'
import type { FlowInput, TranscriptMessage } from '../../shared/index.ts'
import { buildFlow, echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { readSseJson } from './sse.ts'

let t: TestApp

beforeEach(() => {
  t = createTestApp({ isComplianceEnforced: true })
})

afterEach(() => t.close())

const idNumber = '11010519491231002X'
const cardNumber = '6222021234567890128'
const otherCard = '4111 1111 1111 1111'

async function start(flowId: string): Promise<TurnResult & { id: string }> {
  const response = await t.request('POST', '/api/conversations', { flowId })
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as TurnResult & { id: string }
}

async function say(conversationId: string, text: string): Promise<TurnResult> {
  const response = await t.request('POST', `/api/conversations/${conversationId}/messages`, {
    text,
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as TurnResult
}

async function listEvents(
  query = '',
): Promise<{ events: ComplianceEvent[]; nextCursor: number | null }> {
  const response = await t.request('GET', `/api/compliance/events${query}`)
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as { events: ComplianceEvent[]; nextCursor: number | null }
}

function withPolicy(flow: FlowInput, policyId: string): FlowInput {
  return { ...flow, settings: { ...flow.settings, compliancePolicy: policyId } }
}

function replyFlow(id: string, text: string, policyId?: string): FlowInput {
  return buildFlow(
    id,
    [
      { id: 'start', type: 'start' },
      { id: 'say', type: 'reply', config: { text } },
    ],
    [['start', 'next', 'say']],
    policyId ? { settings: { compliancePolicy: policyId } } : {},
  )
}

function streamFlow(id: string, chunks: string[], policyId: string): FlowInput {
  return buildFlow(
    id,
    [
      { id: 'start', type: 'start' },
      { id: 'answer', type: 'test-stream', config: { chunks } },
    ],
    [['start', 'next', 'answer']],
    { settings: { compliancePolicy: policyId } },
  )
}

describe('compliance on bot messages', () => {
  it('masks a message full of ID and card numbers in the reply, transcript, trace and events', async () => {
    await t.publish(echoFlow('echo'))
    const { id } = await start('echo')
    const secret = `我的身份证${idNumber}，卡号${cardNumber}和${otherCard}，身份证再说一遍${idNumber}`

    const turn = await say(id, secret)

    const botText = turn.messages.map((m) => m.text).join('\n')
    expect(botText).toContain('1****************X')
    const conversation = (await (await t.request('GET', `/api/conversations/${id}`)).json()) as {
      messages: TranscriptMessage[]
    }
    const storedBot = conversation.messages.filter((m) => m.role === 'bot').map((m) => m.text)
    const trace = await (await t.request('GET', `/api/conversations/${id}/trace`)).text()
    const events = JSON.stringify(await listEvents())
    for (const shown of [botText, storedBot.join('\n'), trace, events]) {
      expect(shown).not.toContain(idNumber)
      expect(shown).not.toContain(cardNumber)
      expect(shown).not.toContain(otherCard)
    }
  })

  it('shows every compliance decision in the trace, with personal data masked', async () => {
    await t.publish(echoFlow('echo'))
    const { id } = await start('echo')
    await say(id, `卡号${cardNumber}`)

    const trace = (await (await t.request('GET', `/api/conversations/${id}/trace`)).json()) as {
      complianceDecisions: {
        ruleId: string
        action: string
        before: string
        after: string | null
      }[]
    }

    expect(trace.complianceDecisions.length).toBeGreaterThan(0)
    expect(trace.complianceDecisions.map((d) => d.action)).toContain('mask')
    expect(JSON.stringify(trace.complianceDecisions)).not.toContain(cardNumber)
  })

  it("stores the customer's own message with personal data masked, while nodes read it whole", async () => {
    await t.publish(echoFlow('echo'))
    const { id } = await start('echo')

    const turn = await say(id, `身份证${idNumber}`)

    const conversation = (await (await t.request('GET', `/api/conversations/${id}`)).json()) as {
      messages: TranscriptMessage[]
    }
    const stored = conversation.messages.filter((m) => m.role === 'customer').map((m) => m.text)
    expect(stored).toHaveLength(1)
    expect(stored[0]).not.toContain(idNumber)
    expect(stored[0]).toContain('身份证')
    // The echo node saw the real number (its reply was then masked by the policy).
    expect(turn.messages[0]?.text).toMatch(/1\*+X/)
  })

  it('stores events with personal data masked even when the rule only flags it', async () => {
    await t.request('POST', '/api/compliance/policies', {
      id: 'watch-only',
      name: '只记录',
      rules: [{ id: 'watch', kind: 'pii', types: ['idCard'], action: 'flag' }],
    })
    await t.publish(replyFlow('flagged', `证件${idNumber}`, 'watch-only'))

    const { messages } = await start('flagged')

    expect(messages[0]?.text).toBe(`证件${idNumber}`)
    const { events } = await listEvents()
    expect(events).toMatchObject([
      {
        ruleId: 'watch',
        action: 'flag',
        before: '证件1****************X',
        after: '证件1****************X',
      },
    ])
  })

  it('uses the general default policy when the flow chooses none', async () => {
    await t.publish(replyFlow('plain', '请联系 zhang.wei@example.com'))

    const { messages } = await start('plain')

    expect(messages[0]?.text).toBe('请联系 z***@example.com')
    expect(messages[0]?.meta).toEqual({ compliance: { rules: ['pii'] } })
  })

  it('falls back to the general default for a published version naming an unknown policy', async () => {
    // Publishing through the API refuses an unknown policy; a version stored by another way
    // (an import, an older server) still runs with the customer protected.
    await t.request('POST', '/api/flows', replyFlow('ghost', '请拨打13812345678', 'no-such-policy'))
    const draft = await t.flows.get('ghost')
    await t.flows.publish(draft.flow, 'imported', {})

    const { messages } = await start('ghost')

    expect(messages[0]?.text).toBe('请拨打138****5678')
  })

  it('appends the required disclaimer of the flow’s policy', async () => {
    await t.publish(replyFlow('clinic', '发烧时可以服用退烧药。', 'healthcare'))

    const { messages } = await start('clinic')

    expect(messages[0]?.text).toBe(
      '发烧时可以服用退烧药。（以上内容仅供参考，不能替代医生的诊断。）',
    )
  })

  it('sends the handoff reply instead of a message whose rule hands off, and records it', async () => {
    await t.request('POST', '/api/compliance/policies', {
      id: 'complaints',
      name: '投诉',
      rules: [{ id: 'compensation', kind: 'terms', terms: ['赔偿'], action: 'handoff' }],
    })
    // The static text passes the publish gate; the variable brings the term at run time.
    await t.publish({
      ...replyFlow('refund', '我们会{{ vars.offer }}', 'complaints'),
      variables: [{ name: 'offer', type: 'string', default: '赔偿' }],
    })

    const { messages } = await start('refund')

    expect(messages).toMatchObject([
      {
        text: '已为您记录该问题，稍后会有专人跟进，请耐心等待。',
        meta: {
          compliance: { rules: ['compensation'], isBlocked: true, isHandoffRequested: true },
        },
      },
    ])
    const { events } = await listEvents()
    expect(events).toMatchObject([
      {
        ruleId: 'compensation',
        action: 'handoff',
        source: 'message',
        before: '我们会赔偿',
        after: null,
      },
    ])
  })

  it('streams the first two sentences and stops at a third that breaks a rule', async () => {
    const chunks = [
      '这只基金',
      '去年表现不错。',
      '它属于中风险产品。',
      '而且稳赚',
      '不赔。',
      '欢迎购买。',
    ]
    await t.publish(streamFlow('fund-stream', chunks, 'finance'))

    const response = await t.request(
      'POST',
      '/api/conversations',
      { flowId: 'fund-stream' },
      {
        accept: 'text/event-stream',
      },
    )

    const sse = await readSseJson(response)
    const deltas = sse
      .filter((e) => e.event === 'delta')
      .map((e) => (e.data as { text: string }).text)
    expect(deltas).toEqual(['这只基金去年表现不错。投资有风险，入市需谨慎。', '它属于中风险产品。'])
    const messageEvent = sse.find((e) => e.event === 'message')
    const final = (messageEvent!.data as { message: TranscriptMessage }).message
    expect(final.text).toBe(deltas.join(''))
    expect(final.meta).toMatchObject({ isTruncatedByCompliance: true })
    const blocked = await listEvents('?action=block')
    expect(blocked.events).toMatchObject([
      { ruleId: 'finance-promises', source: 'sentence', before: '而且稳赚不赔。', after: null },
    ])
  })
})

describe('compliance node in a flow', () => {
  it("routes a customer's message that breaks the policy to violation and records it", async () => {
    const flow = buildFlow(
      'screen',
      [
        { id: 'start', type: 'start' },
        { id: 'listen', type: 'ask', config: { question: '请讲', variable: 'said' } },
        { id: 'check', type: 'compliance', config: { policy: 'finance' } },
        { id: 'ok', type: 'reply', config: { text: '好的' } },
        { id: 'no', type: 'reply', config: { text: '该问题需要人工处理' } },
      ],
      [
        ['start', 'next', 'listen'],
        ['listen', 'answer', 'check'],
        ['check', 'pass', 'ok'],
        ['check', 'violation', 'no'],
      ],
      { variables: [{ name: 'said', type: 'string' }] },
    )
    await t.publish(flow)
    const { id } = await start('screen')

    const turn = await say(id, '你们能保证稳赚吗')

    expect(turn.messages.map((m) => m.text)).toEqual(['该问题需要人工处理'])
    const { events } = await listEvents(`?conversationId=${id}&ruleId=finance-promises`)
    expect(events).toMatchObject([
      { source: 'node', nodeId: 'check', flowId: 'screen', action: 'block' },
    ])
  })
})

describe('GET /api/compliance/events', () => {
  it('filters by flow, rule and time and pages with a cursor, newest first', async () => {
    await t.publish(withPolicy(replyFlow('a', '请拨打13812345678'), 'general'))
    await t.publish(replyFlow('b', '邮箱 li@example.com'))
    for (let i = 0; i < 3; i++) await start('a')
    await start('b')

    const onlyA = await listEvents('?flowId=a')
    const firstPage = await listEvents('?flowId=a&limit=2')
    const secondPage = await listEvents(`?flowId=a&limit=2&cursor=${firstPage.nextCursor}`)
    const future = await listEvents(`?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)
    const byRule = await listEvents('?ruleId=pii&action=mask')

    expect(onlyA.events).toHaveLength(3)
    expect(onlyA.events.every((e) => e.flowId === 'a' && e.after === '请拨打138****5678')).toBe(
      true,
    )
    expect(firstPage.events.map((e) => e.id)).toEqual(onlyA.events.slice(0, 2).map((e) => e.id))
    expect(secondPage).toEqual({ events: [onlyA.events[2]], nextCursor: null })
    expect(future.events).toEqual([])
    expect(byRule.events).toHaveLength(4)
  })
})
