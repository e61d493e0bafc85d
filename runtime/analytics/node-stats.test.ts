import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import type { Database } from '../storage/index.ts'
import { insertHandMadeConversation as add, type HandMadeTurn } from './hand-made-conversations.ts'
import { queryNodeStats } from './node-stats.ts'

let test: ReturnType<typeof openTestDatabase>
let database: Database

beforeEach(() => {
  test = openTestDatabase()
  database = test.database
})
afterEach(() => test.remove())

// start → ask (waits) → on the answer: intent → reply (ends)
const startTurn: HandMadeTurn = {
  eventType: 'start',
  steps: [
    { nodeId: 'start', nodeType: 'start', port: 'next', durationUs: 10 },
    { nodeId: 'ask', nodeType: 'ask', outcome: 'wait', durationUs: 50 },
  ],
}
const answerTurn = (intentPort: string): HandMadeTurn => ({
  text: 'where is my order',
  steps: [
    { nodeId: 'ask', nodeType: 'ask', port: 'answer', durationUs: 20 },
    { nodeId: 'intent', nodeType: 'intent', port: intentPort, durationUs: 4000 },
    { nodeId: 'bye', nodeType: 'end', outcome: 'end', durationUs: 5 },
  ],
})

function statsOf(variant: string, nodeId: string) {
  const stats = queryNodeStats(database, { flowId: 'shop' })
  return stats.find((v) => v.variant === variant)?.nodes.find((n) => n.nodeId === nodeId)
}

describe('queryNodeStats', () => {
  it('counts a waiting node answered in a later turn as one entry with one exit', () => {
    add(database, { id: 'a', turns: [startTurn, answerTurn('order')] })

    expect(statsOf('', 'ask')).toMatchObject({ entries: 1, exits: { answer: 1 }, steps: 2 })
  })

  it('counts exits per port and the end of the conversation', () => {
    add(database, { id: 'a', turns: [startTurn, answerTurn('order')] })
    add(database, { id: 'b', turns: [startTurn, answerTurn('fallback')] })

    expect(statsOf('', 'intent')).toMatchObject({ entries: 2, exits: { order: 1, fallback: 1 } })
    expect(statsOf('', 'bye')).toMatchObject({ entries: 2, exits: { end: 2 } })
  })

  it('counts errors on the node that failed', () => {
    add(database, {
      id: 'a',
      turns: [
        {
          eventType: 'start',
          steps: [
            { nodeId: 'start', nodeType: 'start', port: 'next' },
            { nodeId: 'crm', nodeType: 'http', port: 'error', outcome: 'error' },
          ],
        },
      ],
    })

    expect(statsOf('', 'crm')).toMatchObject({ entries: 1, errors: 1, exits: { error: 1 } })
  })

  it('counts a drop-off at the node an abandoned conversation waited at', () => {
    add(database, { id: 'a', resolution: 'abandoned', waitingAt: 'ask', turns: [startTurn] })
    add(database, { id: 'b', status: 'active', waitingAt: 'ask', turns: [startTurn] })

    expect(statsOf('', 'ask')).toMatchObject({ entries: 2, dropOffs: 1 })
  })

  it('gives the p95 step duration within 10%', () => {
    add(database, { id: 'a', turns: [startTurn, answerTurn('order')] })

    const p95 = statsOf('', 'intent')?.durationP95Us ?? 0

    expect(p95).toBeGreaterThan(3600)
    expect(p95).toBeLessThan(4400)
  })

  it('lists the nodes of each variant apart, for the side-by-side view', () => {
    add(database, { id: 'a', variant: 'A', turns: [startTurn, answerTurn('order')] })
    add(database, { id: 'b', variant: 'B', turns: [startTurn] })

    const stats = queryNodeStats(database, { flowId: 'shop' })

    expect(stats.map((v) => v.variant)).toEqual(['A', 'B'])
    expect(statsOf('B', 'intent')).toBeUndefined()
    expect(statsOf('A', 'intent')?.entries).toBe(1)
  })

  it('leaves out steps of test conversations on drafts', () => {
    add(database, { id: 'draft', flowVersion: -3, turns: [startTurn] })

    expect(queryNodeStats(database, { flowId: 'shop' })).toEqual([])
  })
})
