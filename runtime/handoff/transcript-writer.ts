import { randomUUID } from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import type { Resolution, TranscriptMessage } from '../../shared/index.ts'
import type { ConversationStatus, Database } from '../storage/index.ts'

/** A message written between turns: an agent's reply or a notice of the desk. */
export interface DeskMessage {
  role: 'agent' | 'system'
  text: string
  meta?: TranscriptMessage['meta']
}

export interface StatusChange {
  status: ConversationStatus
  resolution?: Resolution
}

/**
 * Appends messages to a transcript outside a turn (the caller holds the conversation's lock),
 * numbered after its last message like a turn's, and changes its status when asked.
 */
export class TranscriptWriter {
  private readonly readCount: BetterSqlite3.Statement<[string], { message_count: number }>
  private readonly insertMessage: BetterSqlite3.Statement
  private readonly updateConversation: BetterSqlite3.Statement

  constructor(private readonly database: Database) {
    const { sqlite } = database
    this.readCount = sqlite.prepare('SELECT message_count FROM conversations WHERE id = ?')
    this.insertMessage = sqlite.prepare(`INSERT INTO messages (id, conversation_id, seq, turn_id,
      role, text, quick_replies, node_id, meta, created_at) VALUES (@id, @conversationId, @seq,
      @turnId, @role, @text, NULL, NULL, @meta, @createdAt)`)
    this.updateConversation = sqlite.prepare(`UPDATE conversations SET
      message_count = @messageCount, updated_at = @updatedAt,
      status = coalesce(@status, status), resolution = coalesce(@resolution, resolution),
      closed_at = coalesce(@closedAt, closed_at) WHERE id = @id`)
  }

  /** Runs inside a transaction (the caller's or its own); returns the stored messages. */
  appendSync(
    conversationId: string,
    messages: readonly DeskMessage[],
    nowMs: number,
    change?: StatusChange,
  ): TranscriptMessage[] {
    const write = () => {
      const count = this.readCount.get(conversationId)?.message_count ?? 0
      const createdAt = new Date(nowMs).toISOString()
      // Messages of a turn share its id; a desk write is its own "turn" without a turns row.
      const turnId = `desk-${randomUUID()}`
      const stored = messages.map((message, index): TranscriptMessage => {
        const row: TranscriptMessage = {
          id: randomUUID(),
          role: message.role,
          text: message.text,
          createdAt,
        }
        if (message.meta) row.meta = message.meta
        this.insertMessage.run({
          id: row.id,
          conversationId,
          seq: count + index + 1,
          turnId,
          role: row.role,
          text: row.text,
          meta: row.meta ? JSON.stringify(row.meta) : null,
          createdAt,
        })
        return row
      })
      const isClosing = change?.status === 'closed'
      this.updateConversation.run({
        id: conversationId,
        messageCount: count + messages.length,
        updatedAt: createdAt,
        status: change?.status ?? null,
        resolution: change?.resolution ?? null,
        closedAt: isClosing ? createdAt : null,
      })
      return stored
    }
    return this.database.sqlite.inTransaction ? write() : this.database.transaction(write)
  }
}
