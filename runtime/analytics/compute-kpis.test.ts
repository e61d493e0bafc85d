import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import type { Database } from '../storage/index.ts'
import { computeKpis, computeKpisFromConversations } from './compute-kpis.ts'
import { conversationColumns } from './conversation-facts.ts'
import { insertHandMadeConversation as add } from './hand-made-conversations.ts'
import { writeTokenPrices } from './token-prices.ts'

let test: ReturnType<typeof openTestDatabase>
let database: Database

beforeEach(() => {
  test = openTestDatabase()
  database = test.database
})
afterEach(() => test.remove())

function only(groups: ReturnType<typeof computeKpis>) {
  expect(groups).toHaveLength(1)
  const [group] = groups
  if (!group) throw new Error('no group')
  return group
}

describe('computeKpis', () => {
  it('counts a closed conversation the bot kept and the customer did not mark unresolved as resolved by the bot', () => {
    add(database, { id: 'a', status: 'closed', resolution: 'resolved' })
    add(database, { id: 'b', status: 'closed', resolution: 'unresolved' })
    add(database, { id: 'c', status: 'active' })

    const group = only(computeKpis(database, { flowId: 'shop' }))

    expect(group).toMatchObject({ conversations: 3, closed: 2, resolvedByBot: 1 })
    expect(group.rates.automationResolutionRate).toBe(0.5)
  })

  it('counts a conversation waiting for an agent as handed off', () => {
    add(database, { id: 'a', status: 'closed', resolution: 'resolved' })
    add(database, { id: 'b', status: 'waiting_agent' })

    const group = only(computeKpis(database, {}))

    expect(group).toMatchObject({ conversations: 2, closed: 1, handedOff: 1, resolvedByBot: 1 })
    expect(group.rates.handoffRate).toBe(0.5)
  })

  it('does not count a conversation that reached an agent as resolved by the bot, even once closed', (context) => {
    if (!conversationColumns(database).has('handed_off_at')) context.skip()
    add(database, { id: 'a', status: 'closed', resolution: 'resolved' })
    add(database, { id: 'b', status: 'closed', resolution: 'resolved', isHandedOff: true })

    const group = only(computeKpis(database, {}))

    expect(group).toMatchObject({ closed: 2, handedOff: 1, resolvedByBot: 1 })
    expect(group.rates.automationResolutionRate).toBe(0.5)
  })

  it('counts an abandoned conversation as closed, abandoned and (assumed) resolved by the bot', () => {
    add(database, { id: 'a', status: 'closed', resolution: 'abandoned', waitingAt: 'ask' })
    add(database, { id: 'b', status: 'active' })

    const group = only(computeKpis(database, {}))

    expect(group).toMatchObject({ closed: 1, abandoned: 1, resolvedByBot: 1 })
    expect(group.rates.abandonmentRate).toBe(0.5)
  })

  it('takes CSAT as the share of answers of 4 or 5', () => {
    add(database, { id: 'a', csat: [5, 4] })
    add(database, { id: 'b', csat: [3] })
    add(database, { id: 'c', csat: [1] })

    const group = only(computeKpis(database, {}))

    expect(group).toMatchObject({ csatAnswers: 4, csatPositive: 2 })
    expect(group.rates.csatRate).toBe(0.5)
  })

  it('counts a conversation with several conversions once and sums their value', () => {
    add(database, { id: 'a', conversions: [100, 50] })
    add(database, { id: 'b', conversions: [null] })
    add(database, { id: 'c' })
    add(database, { id: 'd' })

    const group = only(computeKpis(database, {}))

    expect(group).toMatchObject({ conversions: 2, conversionValue: 150 })
    expect(group.rates.conversionRate).toBe(0.5)
  })

  it('leaves out test conversations on drafts (negative flow version)', () => {
    add(database, { id: 'a', flowVersion: 1 })
    add(database, { id: 'draft-test', flowVersion: -1 })

    expect(only(computeKpis(database, {})).conversations).toBe(1)
  })

  it('sums turns with their squares and times the first answer to a customer message', () => {
    add(database, {
      id: 'a',
      turns: [{ eventType: 'start', durationMs: 5 }, { durationMs: 120 }, { durationMs: 900 }],
    })
    add(database, { id: 'b', turns: [{ eventType: 'start', durationMs: 7 }] })

    const group = only(computeKpisFromConversations(database, {}))

    expect(group.turns).toEqual({ sum: 4, sumSquares: 10 })
    expect(group.rates.turnsPerConversation).toBe(2)
    expect(group.firstResponseMs).toEqual({
      count: 1,
      sum: 120,
      sumSquares: 14400,
      p50: 120,
      p95: 120,
    })
  })

  it('prices tokens per conversation at the workspace token prices', () => {
    writeTokenPrices(
      database,
      { promptPer1k: 0.002, completionPer1k: 0.006, currency: 'CNY' },
      '2026-03-01T00:00:00.000Z',
    )
    add(database, { id: 'a', turns: [{ promptTokens: 1000, completionTokens: 500 }] })
    add(database, { id: 'b', turns: [{ promptTokens: 1000, completionTokens: 500 }] })

    const group = only(computeKpis(database, {}))

    expect(group).toMatchObject({ promptTokens: 2000, completionTokens: 1000, tokens: 3000 })
    expect(group.cost).toBeCloseTo(0.01)
    expect(group.rates.costPerConversation).toBeCloseTo(0.005)
  })

  it('cuts by variant, channel, locale, day, version and the first sure intent', () => {
    const intent = (port: string) => [
      {
        eventType: 'start' as const,
        steps: [{ nodeId: 'start', nodeType: 'start', port: 'next' }],
      },
      { text: 'hi', steps: [{ nodeId: 'i', nodeType: 'intent', port }] },
    ]
    add(database, { id: 'a', variant: 'A', channel: 'web', turns: intent('fallback') })
    add(database, {
      id: 'b',
      variant: 'B',
      channel: 'wechat',
      flowVersion: 2,
      turns: intent('refund'),
    })
    add(database, {
      id: 'c',
      variant: 'B',
      locale: 'en',
      createdAt: '2026-03-03T08:00:00.000Z',
      turns: intent('refund'),
    })

    const keys = (groupBy: 'variant' | 'channel' | 'locale' | 'day' | 'version' | 'intent') =>
      computeKpis(database, { groupBy }).map((g) => [g.key, g.conversations])

    expect(keys('variant')).toEqual([
      ['A', 1],
      ['B', 2],
    ])
    expect(keys('channel')).toEqual([
      ['api', 1],
      ['web', 1],
      ['wechat', 1],
    ])
    expect(keys('locale')).toEqual([
      ['en', 1],
      ['zh-CN', 2],
    ])
    expect(keys('day')).toEqual([
      ['2026-03-02', 2],
      ['2026-03-03', 1],
    ])
    expect(keys('version')).toEqual([
      ['1', 2],
      ['2', 1],
    ])
    expect(keys('intent')).toEqual([
      ['', 1],
      ['refund', 2],
    ])
  })

  it('filters by flow, days (inclusive), versions and cut values', () => {
    add(database, { id: 'a', createdAt: '2026-03-01T23:59:59.000Z' })
    add(database, { id: 'b', createdAt: '2026-03-02T00:00:00.000Z', channel: 'web' })
    add(database, { id: 'c', createdAt: '2026-03-03T12:00:00.000Z', flowVersion: 2 })
    add(database, { id: 'd', createdAt: '2026-03-02T12:00:00.000Z', flowId: 'other' })

    const count = (query: Parameters<typeof computeKpis>[1]) =>
      computeKpis(database, query).reduce((sum, g) => sum + g.conversations, 0)

    expect(count({ flowId: 'shop', from: '2026-03-02', to: '2026-03-03' })).toBe(2)
    expect(count({ flowId: 'shop', versions: [2] })).toBe(1)
    expect(count({ channel: 'web' })).toBe(1)
  })

  it('answers the same from the rollups as from the raw conversations', () => {
    for (let i = 0; i < 30; i++) {
      add(database, {
        id: `c${i}`,
        variant: i % 2 ? 'A' : 'B',
        status: i % 5 === 0 ? 'active' : 'closed',
        resolution: i % 5 === 0 ? null : i % 3 === 0 ? 'unresolved' : 'resolved',
        createdAt: `2026-03-0${1 + (i % 3)}T10:00:00.000Z`,
        csat: i % 4 === 0 ? [1 + (i % 5)] : [],
        turns: [{ eventType: 'start' }, { durationMs: 10 * i, promptTokens: i }],
      })
    }

    const fromRollups = computeKpis(database, { groupBy: 'variant' })
    const fromRaw = computeKpisFromConversations(database, { groupBy: 'variant' })

    const withoutPercentiles = (groups: typeof fromRaw) =>
      groups.map((g) => ({ ...g, firstResponseMs: { ...g.firstResponseMs, p50: 0, p95: 0 } }))
    expect(withoutPercentiles(fromRollups)).toEqual(withoutPercentiles(fromRaw))
  })

  it('answers a cut filter on the trend and a cut crossed with another cut', () => {
    const withIntent = (port: string) => [
      { eventType: 'start' as const },
      { text: 'hi', steps: [{ nodeId: 'i', nodeType: 'intent', port }] },
    ]
    add(database, { id: 'a', channel: 'web', turns: withIntent('refund') })
    add(database, { id: 'b', channel: 'web', turns: withIntent('invoice') })
    add(database, { id: 'c', channel: 'wechat', turns: withIntent('refund') })

    const webByDay = computeKpis(database, { channel: 'web', groupBy: 'day' })
    const webByIntent = computeKpis(database, { channel: 'web', groupBy: 'intent' })

    expect(webByDay.map((g) => [g.key, g.conversations])).toEqual([['2026-03-02', 2]])
    expect(webByIntent.map((g) => [g.key, g.conversations])).toEqual([
      ['invoice', 1],
      ['refund', 1],
    ])
  })

  it('includes a turn taken after the previous query', () => {
    add(database, { id: 'a', status: 'active', updatedAt: '2026-03-02T10:00:00.000Z' })
    expect(only(computeKpis(database, {})).closed).toBe(0)

    database.sqlite
      .prepare(
        `UPDATE conversations SET status = 'closed', resolution = 'resolved', updated_at = ? WHERE id = 'a'`,
      )
      .run('2026-03-02T10:05:00.000Z')

    expect(only(computeKpis(database, {})).closed).toBe(1)
  })
})
