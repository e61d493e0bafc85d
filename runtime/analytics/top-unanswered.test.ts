import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import type { Database } from '../storage/index.ts'
import { computeKpis } from './compute-kpis.ts'
import { kpisToCsv, unansweredToCsv } from './csv.ts'
import { insertHandMadeConversation as add } from './hand-made-conversations.ts'
import { queryUnanswered } from './top-unanswered.ts'

let test: ReturnType<typeof openTestDatabase>
let database: Database

beforeEach(() => {
  test = openTestDatabase()
  database = test.database
})
afterEach(() => test.remove())

function asked(
  id: string,
  text: string,
  nodeType: 'intent' | 'retrieve',
  port: string,
  createdAt?: string,
) {
  add(database, {
    id,
    ...(createdAt ? { createdAt } : {}),
    turns: [{ eventType: 'start' }, { text, steps: [{ nodeId: 'n', nodeType, port }] }],
  })
}

describe('queryUnanswered', () => {
  it('lists intent fallbacks and empty retrievals, most asked first, with the latest conversation', () => {
    asked('a', '发票怎么开', 'intent', 'fallback', '2026-03-01T10:00:00.000Z')
    asked('b', '  发票怎么开 ', 'intent', 'fallback', '2026-03-02T10:00:00.000Z')
    asked('c', 'Return policy?', 'retrieve', 'notFound')
    asked('d', 'where is my order', 'intent', 'order')

    const list = queryUnanswered(database, { flowId: 'shop' })

    expect(list).toEqual([
      expect.objectContaining({
        question: '发票怎么开',
        reason: 'intent_fallback',
        count: 2,
        conversationId: 'b',
      }),
      expect.objectContaining({
        question: 'return policy?',
        reason: 'retrieve_not_found',
        count: 1,
      }),
    ])
  })

  it('masks personal data in the questions', () => {
    asked('a', '我的手机 13812345678 收不到验证码', 'intent', 'fallback')

    const [item] = queryUnanswered(database, {})

    expect(item?.question).toBe('我的手机 138****5678 收不到验证码')
  })

  it('filters by reason and days', () => {
    asked('a', 'one', 'intent', 'fallback', '2026-03-01T10:00:00.000Z')
    asked('b', 'two', 'retrieve', 'notFound', '2026-03-05T10:00:00.000Z')

    expect(
      queryUnanswered(database, { reason: 'retrieve_not_found' }).map((q) => q.question),
    ).toEqual(['two'])
    expect(
      queryUnanswered(database, { from: '2026-03-01', to: '2026-03-01' }).map((q) => q.question),
    ).toEqual(['one'])
  })
})

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as a formula and quotes commas', () => {
    asked('a', '=HYPERLINK("x"), please', 'intent', 'fallback')

    const csv = unansweredToCsv(queryUnanswered(database, {}))

    expect(csv.split('\r\n')[1]).toMatch(/^"'=hyperlink\(""x""\), please",intent_fallback,shop,1,/)
  })

  it('writes one KPI row per group with the rates', () => {
    add(database, { id: 'a', channel: 'web', resolution: 'resolved' })
    add(database, { id: 'b', channel: 'web', resolution: 'unresolved' })

    const csv = kpisToCsv(computeKpis(database, { groupBy: 'channel' }), 'channel')

    const [header, row] = csv.replace('\uFEFF', '').split('\r\n')
    expect(
      header?.startsWith('channel,conversations,closed,resolved_by_bot,automation_resolution_rate'),
    ).toBe(true)
    expect(row?.startsWith('web,2,2,1,0.5,')).toBe(true)
  })
})
