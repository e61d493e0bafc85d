import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import type { Database } from '../storage/index.ts'
import { insertHandMadeConversation as add } from './hand-made-conversations.ts'
import { refreshRollups } from './refresh-rollups.ts'

let test: ReturnType<typeof openTestDatabase>
let database: Database

beforeEach(() => {
  test = openTestDatabase()
  database = test.database
})
afterEach(() => test.remove())

const now = () => Date.parse('2026-03-02T10:01:00.000Z')

describe('refreshRollups', () => {
  it('recomputes each changed flow and day once, then nothing while nothing changes', () => {
    add(database, { id: 'a', createdAt: '2026-03-01T10:00:00.000Z' })
    add(database, { id: 'b', createdAt: '2026-03-02T10:00:00.000Z' })
    add(database, { id: 'c', flowId: 'other', createdAt: '2026-03-02T10:00:00.000Z' })

    expect(refreshRollups(database, { now }).days).toBe(3)
    expect(refreshRollups(database, { now }).days).toBe(0)
  })

  it('recomputes the day of a conversation that took another turn within the commit-lag window', () => {
    add(database, { id: 'a', status: 'active', updatedAt: '2026-03-02T10:00:00.000Z' })
    refreshRollups(database, { now })

    database.sqlite
      .prepare(`UPDATE conversations SET turn_count = 3, updated_at = ? WHERE id = 'a'`)
      .run('2026-03-02T10:00:30.000Z')

    expect(refreshRollups(database, { now }).days).toBe(1)
  })

  it('recomputes the day of a conversation when a conversion is posted later', () => {
    add(database, { id: 'a', createdAt: '2026-02-01T10:00:00.000Z' })
    refreshRollups(database, { now })

    database.sqlite
      .prepare(`INSERT INTO conversation_events (id, conversation_id, flow_id, flow_version, type,
        name, source, created_at) VALUES ('e', 'a', 'shop', 1, 'conversion', 'order', 'api', ?)`)
      .run('2026-03-02T10:00:50.000Z')

    expect(refreshRollups(database, { now }).days).toBe(1)
  })

  it('skips a refresh asked for within the minimum interval', () => {
    add(database, { id: 'a' })
    refreshRollups(database, { now, minIntervalMs: 2000 })
    add(database, { id: 'b', updatedAt: '2026-03-02T10:00:59.000Z' })

    expect(refreshRollups(database, { now, minIntervalMs: 2000 }).days).toBe(0)
    expect(refreshRollups(database, { now: () => now() + 2000, minIntervalMs: 2000 }).days).toBe(1)
  })
})
