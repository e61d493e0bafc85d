import { afterEach, describe, expect, it } from 'vitest'
import { sweepIdleConversations } from '../../runtime/analytics/index.ts'
import { routerFlow } from '../support/router-flow.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'

// Analytics over real conversations: the engine writes them, /api/analytics reads them.

let t: TestApp
afterEach(() => t?.close())

async function converse(text: string | null, channel = 'web'): Promise<string> {
  const created = await t.request('POST', '/api/conversations', { flowId: 'router', channel })
  const { conversationId } = (await created.json()) as { conversationId: string }
  if (text !== null) {
    const answered = await t.request('POST', `/api/conversations/${conversationId}/messages`, {
      text,
    })
    expect(answered.status).toBe(200)
  }
  return conversationId
}

interface KpiBody {
  groups: { key: string; conversations: number; closed: number; rates: Record<string, unknown> }[]
  targets: { automationResolutionRate: number; csatRate: number }
}

describe('/api/analytics', () => {
  it('shows the KPIs of conversations the engine ran, cut by intent, without draft tests', async () => {
    t = createTestApp()
    await t.publish(routerFlow())
    await converse('快递怎么还没送到')
    await converse('zzz qqq xxx', 'wechat')
    await converse(null)
    await t.request('POST', '/api/flows/router/test-conversations', {})

    const response = await t.request('GET', '/api/analytics/kpis?flowId=router&groupBy=channel')

    expect(response.status).toBe(200)
    const body = (await response.json()) as KpiBody
    expect(body.targets).toEqual({ automationResolutionRate: 0.75, csatRate: 0.85 })
    expect(body.groups.map((g) => [g.key, g.conversations, g.closed])).toEqual([
      ['web', 2, 1],
      ['wechat', 1, 1],
    ])
    const byIntent = (await (
      await t.request('GET', '/api/analytics/kpis?flowId=router&groupBy=intent')
    ).json()) as KpiBody
    expect(byIntent.groups.map((g) => [g.key, g.conversations])).toEqual([
      ['', 2],
      ['track_order', 1],
    ])
  })

  it('lists the question no intent matched in the work list and exports it as CSV', async () => {
    t = createTestApp()
    await t.publish(routerFlow())
    const conversationId = await converse('zzz qqq xxx')

    const list = await t.request('GET', '/api/analytics/unanswered?flowId=router')
    const csv = await t.request('GET', '/api/analytics/unanswered?flowId=router&format=csv')

    expect(((await list.json()) as { questions: unknown[] }).questions).toEqual([
      expect.objectContaining({
        question: 'zzz qqq xxx',
        reason: 'intent_fallback',
        count: 1,
        conversationId,
      }),
    ])
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(await csv.text()).toContain('zzz qqq xxx,intent_fallback,router,1,')
  })

  it('gives per-node entries and exits for the canvas overlay', async () => {
    t = createTestApp()
    await t.publish(routerFlow())
    await converse('快递怎么还没送到')
    await converse('zzz qqq xxx')

    const response = await t.request('GET', '/api/analytics/flows/router/nodes')

    const body = (await response.json()) as {
      variants: { variant: string; nodes: { nodeId: string; entries: number; exits: object }[] }[]
    }
    const nodes = body.variants[0]?.nodes ?? []
    expect(nodes.find((n) => n.nodeId === 'understand')).toMatchObject({
      entries: 2,
      exits: { track_order: 1, fallback: 1 },
    })
    expect(nodes.find((n) => n.nodeId === 'listen')).toMatchObject({
      entries: 2,
      exits: { answer: 2 },
    })
  })

  it('counts a conversation the idle sweeper closed as abandoned, with a drop-off where it waited', async () => {
    t = createTestApp()
    await t.publish(routerFlow())
    const conversationId = await converse(null)

    const closed = sweepIdleConversations(t.database, {
      idleTimeoutMs: 30 * 60 * 1000,
      now: () => Date.now() + 31 * 60 * 1000,
    })

    expect(closed).toBe(1)
    const late = await t.request('POST', `/api/conversations/${conversationId}/messages`, {
      text: '还在吗',
    })
    await expectError(late, 409, 'conversation_closed')
    const kpis = (await (await t.request('GET', '/api/analytics/kpis?flowId=router')).json()) as {
      groups: { abandoned: number; closed: number }[]
    }
    expect(kpis.groups[0]).toMatchObject({ abandoned: 1, closed: 1 })
    const nodes = (await (await t.request('GET', '/api/analytics/flows/router/nodes')).json()) as {
      variants: { nodes: { nodeId: string; dropOffs: number }[] }[]
    }
    expect(nodes.variants[0]?.nodes.find((n) => n.nodeId === 'listen')?.dropOffs).toBe(1)
  })

  it('exports KPIs per day as CSV', async () => {
    t = createTestApp()
    await t.publish(routerFlow())
    await converse('快递怎么还没送到')

    const response = await t.request('GET', '/api/analytics/kpis?groupBy=day&format=csv')

    const [header, row] = (await response.text()).replace('\uFEFF', '').split('\r\n')
    expect(header?.startsWith('day,conversations,closed,resolved_by_bot')).toBe(true)
    expect(row).toMatch(/^\d{4}-\d{2}-\d{2},1,1,1,1,/)
  })

  it('refuses a malformed day, naming the field', async () => {
    t = createTestApp()

    const response = await t.request('GET', '/api/analytics/kpis?from=March')

    const body = await expectError(response, 422, 'invalid_request')
    expect(JSON.stringify(body)).toContain('from')
  })

  it('answers 404 for an unknown flow', async () => {
    t = createTestApp()

    await expectError(
      await t.request('GET', '/api/analytics/kpis?flowId=nope'),
      404,
      'flow_not_found',
    )
    await expectError(
      await t.request('GET', '/api/analytics/flows/nope/nodes'),
      404,
      'flow_not_found',
    )
  })

  it('keeps the token prices when a bad price is sent', async () => {
    t = createTestApp()
    const prices = { promptPer1k: 0.002, completionPer1k: 0.006, currency: 'CNY' }
    expect((await t.request('PUT', '/api/analytics/prices', prices)).status).toBe(200)

    const bad = await t.request('PUT', '/api/analytics/prices', { ...prices, promptPer1k: -1 })

    await expectError(bad, 422, 'invalid_request')
    expect(await (await t.request('GET', '/api/analytics/prices')).json()).toEqual(prices)
  })

  it('lets analysts read the dashboards but not change prices', async () => {
    t = createTestApp()
    const analyst = t.requestAs('analyst')

    expect((await analyst('GET', '/api/analytics/kpis')).status).toBe(200)
    const put = await analyst('PUT', '/api/analytics/prices', {
      promptPer1k: 1,
      completionPer1k: 1,
      currency: 'CNY',
    })
    await expectError(put, 403, 'forbidden')
    await expectError(await t.requestAs('agent')('GET', '/api/analytics/kpis'), 403, 'forbidden')
  })
})
