import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import type { Database } from '../storage/index.ts'
import { insertHandMadeConversation as add } from './hand-made-conversations.ts'
import { sweepIdleConversations } from './idle-sweeper.ts'

let test: ReturnType<typeof openTestDatabase>
let database: Database

beforeEach(() => {
  test = openTestDatabase()
  database = test.database
})
afterEach(() => test.remove())

const now = Date.parse('2026-03-02T12:00:00.000Z')
const thirtyMinutes = 30 * 60 * 1000
const sweep = () =>
  sweepIdleConversations(database, { idleTimeoutMs: thirtyMinutes, now: () => now })

function row(id: string) {
  return database.sqlite
    .prepare(
      'SELECT status, resolution, closed_at AS closedAt, state FROM conversations WHERE id = ?',
    )
    .get(id)
}

describe('sweepIdleConversations', () => {
  it('closes an active conversation silent past the idle timeout as abandoned, keeping where it waited', () => {
    add(database, {
      id: 'a',
      status: 'active',
      waitingAt: 'ask-order',
      updatedAt: '2026-03-02T11:29:59.000Z',
    })

    expect(sweep()).toBe(1)

    expect(row('a')).toMatchObject({
      status: 'closed',
      resolution: 'abandoned',
      closedAt: '2026-03-02T12:00:00.000Z',
      state: expect.stringContaining('ask-order'),
    })
  })

  it('leaves a conversation active within the idle timeout', () => {
    add(database, { id: 'a', status: 'active', updatedAt: '2026-03-02T11:31:00.000Z' })

    expect(sweep()).toBe(0)
    expect(row('a')).toMatchObject({ status: 'active', resolution: null })
  })

  it('does not abandon a conversation waiting for an agent', () => {
    add(database, { id: 'a', status: 'waiting_agent', updatedAt: '2026-03-01T00:00:00.000Z' })

    expect(sweep()).toBe(0)
    expect(row('a')).toMatchObject({ status: 'waiting_agent' })
  })

  it('does not touch a conversation whose turn holds the lease', () => {
    add(database, { id: 'a', status: 'active', updatedAt: '2026-03-01T00:00:00.000Z' })
    database.sqlite
      .prepare(`UPDATE conversations SET lock_token = 'turn', lock_until = ? WHERE id = 'a'`)
      .run(now + 10_000)

    expect(sweep()).toBe(0)
    expect(row('a')).toMatchObject({ status: 'active' })
  })

  it('sweeps a conversation whose lease expired (its process died mid-turn)', () => {
    add(database, { id: 'a', status: 'active', updatedAt: '2026-03-01T00:00:00.000Z' })
    database.sqlite
      .prepare(`UPDATE conversations SET lock_token = 'dead', lock_until = ? WHERE id = 'a'`)
      .run(now - 1)

    expect(sweep()).toBe(1)
  })

  it('leaves closed conversations as they were', () => {
    add(database, {
      id: 'a',
      status: 'closed',
      resolution: 'resolved',
      updatedAt: '2026-03-01T00:00:00.000Z',
    })

    expect(sweep()).toBe(0)
    expect(row('a')).toMatchObject({ resolution: 'resolved' })
  })
})
