import type BetterSqlite3 from 'better-sqlite3'
import type { TranscriptMessage } from '../../shared/index.ts'
import type { Conversation, StoredTurn, TraceStep } from './conversation-store.ts'

// Every turn runs these statements. Building them through the query builder on each call cost
// a third of the server's CPU in the benchmark, so they are prepared once, here, as plain SQL.

const conversationColumns = `flow_id = @flowId, flow_version = @flowVersion, customer_id = @customerId,
  channel = @channel, locale = @locale, status = @status, resolution = @resolution, state = @state,
  turn_count = @turnCount, message_count = @messageCount, variant = @variant,
  created_at = @createdAt, updated_at = @updatedAt, closed_at = @closedAt`

export class TurnStatements {
  private readonly insertConversation: BetterSqlite3.Statement
  private readonly updateConversation: BetterSqlite3.Statement
  private readonly updateConversationUnderLease: BetterSqlite3.Statement
  private readonly insertTurn: BetterSqlite3.Statement
  private readonly insertMessage: BetterSqlite3.Statement
  private readonly insertStep: BetterSqlite3.Statement

  constructor(sqlite: BetterSqlite3.Database) {
    this.insertConversation = sqlite.prepare(`INSERT INTO conversations (id, flow_id, flow_version,
      customer_id, channel, locale, status, resolution, state, turn_count, message_count, variant,
      experiment_id, created_at, updated_at, closed_at) VALUES (@id, @flowId, @flowVersion,
      @customerId, @channel, @locale, @status, @resolution, @state, @turnCount, @messageCount,
      @variant, @experimentId, @createdAt, @updatedAt, @closedAt)`)
    this.updateConversation = sqlite.prepare(
      `UPDATE conversations SET ${conversationColumns}, lock_token = NULL, lock_until = NULL WHERE id = @id`,
    )
    this.updateConversationUnderLease = sqlite.prepare(
      `UPDATE conversations SET ${conversationColumns}, lock_token = NULL, lock_until = NULL
       WHERE id = @id AND lock_token = @lockToken`,
    )
    this.insertTurn = sqlite.prepare(`INSERT INTO turns (id, conversation_id, seq, event_type,
      idempotency_key, result, started_at, duration_ms, prompt_tokens, completion_tokens, llm_calls)
      VALUES (@id, @conversationId, @seq, @eventType, @idempotencyKey, @result, @startedAt,
      @durationMs, @promptTokens, @completionTokens, @llmCalls)`)
    this.insertMessage = sqlite.prepare(`INSERT INTO messages (id, conversation_id, seq, turn_id,
      role, text, quick_replies, node_id, meta, created_at) VALUES (@id, @conversationId, @seq,
      @turnId, @role, @text, @quickReplies, @nodeId, @meta, @createdAt)`)
    this.insertStep = sqlite.prepare(`INSERT INTO turn_events (conversation_id, turn_id, step,
      node_id, node_type, port, outcome, duration_us, error, notes, created_at) VALUES
      (@conversationId, @turnId, @step, @nodeId, @nodeType, @port, @outcome, @durationUs, @error,
      @notes, @createdAt)`)
  }

  /** Inserts or updates the conversation row; false when the lease was lost (no row updated). */
  writeConversation(c: Conversation, isNew: boolean, lockToken: string | undefined): boolean {
    const row = {
      id: c.id,
      flowId: c.flowId,
      flowVersion: c.flowVersion,
      customerId: c.customerId,
      channel: c.channel,
      locale: c.locale,
      status: c.status,
      resolution: c.resolution,
      state: JSON.stringify(c.state),
      turnCount: c.turnCount,
      messageCount: c.messageCount,
      variant: c.variant,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      closedAt: c.closedAt,
    }
    // The experiment is fixed when the conversation starts, so only the insert writes it.
    if (isNew) {
      return this.insertConversation.run({ ...row, experimentId: c.experimentId }).changes === 1
    }
    if (lockToken) return this.updateConversationUnderLease.run({ ...row, lockToken }).changes === 1
    return this.updateConversation.run(row).changes === 1
  }

  writeTurn(turn: StoredTurn): void {
    this.insertTurn.run({ ...turn, result: JSON.stringify(turn.result) })
  }

  writeMessages(
    conversationId: string,
    turnId: string,
    firstSeq: number,
    list: TranscriptMessage[],
  ): void {
    list.forEach((m, i) => {
      this.insertMessage.run({
        id: m.id,
        conversationId,
        seq: firstSeq + i,
        turnId,
        role: m.role,
        text: m.text,
        quickReplies: m.quickReplies ? JSON.stringify(m.quickReplies) : null,
        nodeId: m.nodeId ?? null,
        meta: m.meta ? JSON.stringify(m.meta) : null,
        createdAt: m.createdAt,
      })
    })
  }

  writeSteps(
    conversationId: string,
    turnId: string,
    createdAt: string,
    steps: Omit<TraceStep, 'turnId' | 'createdAt'>[],
  ): void {
    for (const s of steps) {
      this.insertStep.run({
        conversationId,
        turnId,
        step: s.step,
        nodeId: s.nodeId,
        nodeType: s.nodeType,
        port: s.port,
        outcome: s.outcome,
        durationUs: s.durationUs,
        error: s.error === null ? null : JSON.stringify(s.error),
        notes: s.notes === null ? null : JSON.stringify(s.notes),
        createdAt,
      })
    }
  }
}
