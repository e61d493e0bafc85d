import { and, asc, eq, sql } from 'drizzle-orm'
import type { JsonValue } from '../../shared/index.ts'
import type { Database, Db } from './database.ts'
import { conversationEvents } from './schema-events.ts'

export type ConversationEventType = 'csat' | 'csat_comment' | 'conversion'

export interface ConversationEvent {
  id: string
  conversationId: string
  flowId: string
  flowVersion: number
  variant: string | null
  type: ConversationEventType
  name: string
  value: number | null
  detail: JsonValue | null
  source: 'flow' | 'api'
  nodeId: string | null
  turnId: string | null
  idempotencyKey: string | null
  createdAt: string
}

/**
 * Writes events inside a transaction that is already open: ConversationStore.commitTurn calls
 * it, so events a node recorded are stored with the rest of the turn or not at all.
 */
export function insertConversationEventsSync(db: Db, events: readonly ConversationEvent[]): void {
  if (events.length > 0)
    db.insert(conversationEvents)
      .values([...events])
      .run()
}

/** KPI events of conversations: CSAT answers and conversions (table conversation_events). */
export class ConversationEventStore {
  constructor(private readonly database: Database) {}

  /**
   * Stores an event posted through the API. With an idempotency key already used on this
   * conversation, stores nothing and returns the first event (also when two posts race).
   */
  async record(event: ConversationEvent): Promise<{ event: ConversationEvent; isNew: boolean }> {
    const { db } = this.database
    if (event.idempotencyKey !== null) {
      const { changes } = db.insert(conversationEvents).values(event).onConflictDoNothing().run()
      if (changes === 1) return { event, isNew: true }
      const first = this.findByKey(event.conversationId, event.idempotencyKey)
      if (first) return { event: first, isNew: false }
    }
    db.insert(conversationEvents).values(event).run()
    return { event, isNew: true }
  }

  async list(conversationId: string): Promise<ConversationEvent[]> {
    return (
      this.database.db
        .select()
        .from(conversationEvents)
        .where(eq(conversationEvents.conversationId, conversationId))
        // rowid keeps the order in which one turn recorded its events.
        .orderBy(asc(conversationEvents.createdAt), sql`rowid`)
        .all()
    )
  }

  private findByKey(conversationId: string, key: string): ConversationEvent | undefined {
    return this.database.db
      .select()
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.conversationId, conversationId),
          eq(conversationEvents.idempotencyKey, key),
        ),
      )
      .get()
  }
}
