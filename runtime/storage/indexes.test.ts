import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import type { Database } from './database.ts'

/** The queries every turn or transcript view runs; none may scan a table. */
const hotQueries: Record<string, string> = {
  'load a conversation': 'SELECT * FROM conversations WHERE id = ?',
  'find a repeated turn': 'SELECT * FROM turns WHERE conversation_id = ? AND idempotency_key = ?',
  'find a repeated start': "SELECT * FROM turns WHERE event_type = 'start' AND idempotency_key = ?",
  'recent history': 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 30',
  transcript: 'SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq',
  'messages of a turn (replay)':
    'SELECT * FROM messages WHERE conversation_id = ? AND turn_id = ? ORDER BY seq',
  'trace steps': 'SELECT * FROM turn_events WHERE conversation_id = ? ORDER BY id',
  'trace turns': 'SELECT * FROM turns WHERE conversation_id = ? ORDER BY seq',
  'a published version': 'SELECT * FROM flow_versions WHERE flow_id = ? AND version = ?',
  'conversations of a flow':
    'SELECT * FROM conversations WHERE flow_id = ? ORDER BY created_at DESC LIMIT 50',
  'customer profile': 'SELECT profile FROM customers WHERE id = ?',
}

describe('storage indexes', () => {
  let db: ReturnType<typeof openTestDatabase>
  let database: Database

  beforeEach(() => {
    db = openTestDatabase()
    database = db.database
  })
  afterEach(() => db.remove())

  it.each(Object.entries(hotQueries))(
    'serves "%s" from an index, without a table scan',
    (_, sql) => {
      const parameters = [...sql.matchAll(/\?/g)].map(() => null)
      const plan = database.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as {
        detail: string
      }[]
      const details = plan.map((row) => row.detail)

      expect(
        details.some((d) =>
          /USING (INDEX|COVERING INDEX|INTEGER PRIMARY KEY|PRIMARY KEY)|SEARCH/.test(d),
        ),
      ).toBe(true)
      expect(details.filter((d) => /^SCAN /.test(d) && !/USING/.test(d))).toEqual([])
    },
  )

  it('keeps the database in WAL mode so readers never wait for the writer', () => {
    expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
  })
})
