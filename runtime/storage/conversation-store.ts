import { and, asc, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import { z } from 'zod'
import {
  AppError,
  ConversationNotFoundError,
  type JsonObject,
  type JsonValue,
  jsonObjectSchema,
  type QuickReply,
  type Resolution,
  type TranscriptMessage,
} from '../../shared/index.ts'
import { type ConversationEvent, insertConversationEventsSync } from './conversation-event-store.ts'
import type { Database } from './database.ts'
import {
  conversationProfileContext,
  customerProfileContext,
  type ProfileSealer,
  plainProfiles,
} from './profile-sealer.ts'
import { conversations, customers, messages, turnEvents, turns } from './schema.ts'
import { TurnStatements } from './turn-statements.ts'

export const conversationStateSchema = z.object({
  vars: z.record(z.string(), z.json()).default({}),
  /** The customer profile (`user.*`) as of the conversation's start, plus what it learned. */
  user: z.record(z.string(), z.json()).default({}),
  nodes: z.record(z.string(), z.json()).default({}),
  /** What analyzers learned from the customer's messages (e.g. sentiment); read as `sys.*`. */
  signals: z.record(z.string(), z.json()).default({}),
  /** The node waiting for the next message, with the state it asked to keep. */
  cursor: z.object({ nodeId: z.string(), waitState: z.json().optional() }).nullable().default(null),
})
export type ConversationState = z.infer<typeof conversationStateSchema>

export type ConversationStatus = 'active' | 'waiting_agent' | 'closed'

export interface Conversation {
  id: string
  flowId: string
  flowVersion: number
  customerId: string | null
  channel: string
  locale: string
  status: ConversationStatus
  resolution: Resolution | null
  state: ConversationState
  turnCount: number
  messageCount: number
  variant: string | null
  /** The experiment that chose `variant`; null outside experiments. */
  experimentId: string | null
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

/**
 * A test conversation is the editor's test chat: pinned to a draft snapshot as
 * `flow_version = -<snapshot id>` (schema-snapshots.ts). Only the server sets the version, so,
 * unlike the channel name (which the caller picks), it cannot be forged. Analytics and the
 * desk's metrics leave test conversations out; access rules let designers speak only in them.
 */
export function isTestConversation(conversation: Pick<Conversation, 'flowVersion'>): boolean {
  return conversation.flowVersion < 0
}

export interface StoredTurn {
  id: string
  conversationId: string
  seq: number
  eventType: 'start' | 'message' | 'handoff'
  idempotencyKey: string | null
  result: JsonValue
  startedAt: string
  durationMs: number
  promptTokens: number
  completionTokens: number
  llmCalls: number
}

export interface TraceStep {
  turnId: string
  step: number
  nodeId: string
  nodeType: string
  port: string | null
  outcome: 'port' | 'wait' | 'end' | 'error' | 'no_edge'
  durationUs: number
  error: JsonValue | null
  notes: JsonValue | null
  createdAt: string
}

/** A customer's profile and the key it is stored under in `customers`. */
export interface StoredCustomerProfile {
  customerKey: string
  profile: JsonObject
}

export interface TurnCommit {
  /** The conversation as it is after the turn. */
  conversation: Conversation
  isNewConversation: boolean
  /** Lease held on an existing conversation; the commit fails if another process took it. */
  lockToken?: string
  turn: StoredTurn
  messages: TranscriptMessage[]
  steps: Omit<TraceStep, 'turnId' | 'createdAt'>[]
  /** The profile to store for the customer, under its key (see StartConversationRequest). */
  customerProfile?: StoredCustomerProfile
  /** KPI events nodes recorded in this turn (csat, goal), stored in the same transaction. */
  events?: ConversationEvent[]
  /** Further writes that belong to the turn (e.g. the handoff queue entry); may throw to undo it. */
  writeAlso?: () => void
}

/** The turn outlived its lease and another turn may have run: nothing of it is stored. */
export class LeaseLostError extends AppError {
  constructor(conversationId: string) {
    super(
      'conversation_busy',
      `The turn on conversation ${conversationId} took longer than its lease and was not saved; send the message again`,
      { conversationId },
    )
  }
}

type ConversationRow = typeof conversations.$inferSelect
type MessageRow = typeof messages.$inferSelect

/** Conversations, their transcripts and traces. A turn is written in one transaction. */
export class ConversationStore {
  private readonly selectConversation
  private readonly selectTurnByKey
  private readonly acquireLease
  private readonly selectRecentMessages
  private readonly statements: TurnStatements

  constructor(
    private readonly database: Database,
    /** Encrypts sensitive profile fields in `customers` and in each conversation's state. */
    private readonly profiles: ProfileSealer = plainProfiles,
  ) {
    this.statements = new TurnStatements(database.sqlite)
    const { db } = database
    // Prepared once: these run on every turn.
    this.selectConversation = db
      .select()
      .from(conversations)
      .where(eq(conversations.id, sql.placeholder('id')))
      .prepare()
    this.selectTurnByKey = db
      .select()
      .from(turns)
      .where(
        and(
          eq(turns.conversationId, sql.placeholder('conversationId')),
          eq(turns.idempotencyKey, sql.placeholder('key')),
        ),
      )
      .prepare()
    this.acquireLease = db
      .update(conversations)
      .set({
        lockToken: sql`${sql.placeholder('token')}`,
        lockUntil: sql`${sql.placeholder('until')}`,
      })
      .where(
        and(
          eq(conversations.id, sql.placeholder('id')),
          or(isNull(conversations.lockToken), lt(conversations.lockUntil, sql.placeholder('now'))),
        ),
      )
      .prepare()
    // Read by every turn of a flow with an llm, intent or retrieve node (their history).
    this.selectRecentMessages = db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, sql.placeholder('conversationId')))
      .orderBy(desc(messages.seq))
      .limit(sql.placeholder('limit'))
      .prepare()
  }

  async get(conversationId: string): Promise<Conversation> {
    const row = this.selectConversation.get({ id: conversationId })
    if (!row) throw new ConversationNotFoundError(conversationId)
    return this.withOpenProfile(toConversation(row))
  }

  async findTurn(conversationId: string, idempotencyKey: string): Promise<StoredTurn | undefined> {
    const row = this.selectTurnByKey.get({ conversationId, key: idempotencyKey })
    return row ?? undefined
  }

  /** The start turn that a repeated "create conversation" request refers to. */
  async findStartTurn(idempotencyKey: string): Promise<StoredTurn | undefined> {
    return this.database.db
      .select()
      .from(turns)
      .where(and(eq(turns.eventType, 'start'), eq(turns.idempotencyKey, idempotencyKey)))
      .get()
  }

  /**
   * Takes the conversation's lease unless another holder's lease is still running.
   * Returns 'missing' when the conversation does not exist.
   */
  async tryAcquireLease(
    conversationId: string,
    token: string,
    nowMs: number,
    leaseMs: number,
  ): Promise<'acquired' | 'busy' | 'missing'> {
    const { changes } = this.acquireLease.run({
      id: conversationId,
      token,
      until: nowMs + leaseMs,
      now: nowMs,
    })
    if (changes === 1) return 'acquired'
    return this.selectConversation.get({ id: conversationId }) ? 'busy' : 'missing'
  }

  /** Extends a lease still held by `token`; false when it was lost. */
  async renewLease(conversationId: string, token: string, untilMs: number): Promise<boolean> {
    const { changes } = this.database.db
      .update(conversations)
      .set({ lockUntil: untilMs })
      .where(and(eq(conversations.id, conversationId), eq(conversations.lockToken, token)))
      .run()
    return changes === 1
  }

  async releaseLease(conversationId: string, token: string): Promise<void> {
    this.database.db
      .update(conversations)
      .set({ lockToken: null, lockUntil: null })
      .where(and(eq(conversations.id, conversationId), eq(conversations.lockToken, token)))
      .run()
  }

  /** Writes everything a turn produced at once: all of it, or (on any failure) none of it. */
  async commitTurn(commit: TurnCommit): Promise<void> {
    const { db } = this.database
    const c = commit.conversation
    const turnId = commit.turn.id
    this.database.transaction(() => {
      if (commit.customerProfile) {
        const { customerKey, profile } = commit.customerProfile
        this.upsertCustomerSync(customerKey, profile, c.updatedAt)
      }
      const stored = this.withSealedProfile(c)
      if (!this.statements.writeConversation(stored, commit.isNewConversation, commit.lockToken)) {
        throw new LeaseLostError(c.id)
      }
      this.statements.writeTurn(commit.turn)
      const firstSeq = c.messageCount - commit.messages.length + 1
      this.statements.writeMessages(c.id, turnId, firstSeq, commit.messages)
      this.statements.writeSteps(c.id, turnId, commit.turn.startedAt, commit.steps)
      if (commit.events) insertConversationEventsSync(db, commit.events)
      commit.writeAlso?.()
    })
  }

  /** The last `limit` messages, oldest first. Reads the (conversation, seq) index only. */
  async recentMessages(conversationId: string, limit: number): Promise<TranscriptMessage[]> {
    const rows = this.selectRecentMessages.all({ conversationId, limit })
    return rows.reverse().map(toTranscriptMessage)
  }

  /** The messages one turn wrote, in order (served by the conversation's seq index). */
  async turnMessages(conversationId: string, turnId: string): Promise<TranscriptMessage[]> {
    return this.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.turnId, turnId)))
      .orderBy(asc(messages.seq))
      .all()
      .map(toTranscriptMessage)
  }

  async transcript(conversationId: string, afterSeq = 0): Promise<TranscriptMessage[]> {
    return this.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)))
      .orderBy(asc(messages.seq))
      .all()
      .map(toTranscriptMessage)
  }

  async trace(conversationId: string): Promise<{ turns: StoredTurn[]; steps: TraceStep[] }> {
    const { db } = this.database
    const turnRows = db
      .select()
      .from(turns)
      .where(eq(turns.conversationId, conversationId))
      .orderBy(asc(turns.seq))
      .all()
    const stepRows = db
      .select()
      .from(turnEvents)
      .where(eq(turnEvents.conversationId, conversationId))
      .orderBy(asc(turnEvents.id))
      .all()
    return {
      turns: turnRows,
      steps: stepRows.map(({ id: _id, conversationId: _c, ...step }) => step),
    }
  }

  async getCustomerProfile(customerId: string): Promise<JsonObject | undefined> {
    const row = this.database.db
      .select({ profile: customers.profile })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get()
    if (!row) return undefined
    return this.profiles.open(
      jsonObjectSchema.parse(row.profile),
      customerProfileContext(customerId),
    )
  }

  /** The conversation as stored: its copy of the profile sealed like the customer's. */
  private withSealedProfile(c: Conversation): Conversation {
    const user = this.profiles.seal(c.state.user, conversationProfileContext(c.id))
    return user === c.state.user ? c : { ...c, state: { ...c.state, user } }
  }

  private withOpenProfile(c: Conversation): Conversation {
    const user = this.profiles.open(c.state.user, conversationProfileContext(c.id))
    return user === c.state.user ? c : { ...c, state: { ...c.state, user } }
  }

  private upsertCustomerSync(customerId: string, profile: JsonObject, at: string): void {
    const sealed = this.profiles.seal(profile, customerProfileContext(customerId))
    this.database.db
      .insert(customers)
      .values({ id: customerId, profile: sealed, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({ target: customers.id, set: { profile: sealed, updatedAt: at } })
      .run()
  }
}

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    flowId: row.flowId,
    flowVersion: row.flowVersion,
    customerId: row.customerId,
    channel: row.channel,
    locale: row.locale,
    status: row.status,
    resolution: row.resolution,
    state: conversationStateSchema.parse(row.state),
    turnCount: row.turnCount,
    messageCount: row.messageCount,
    variant: row.variant,
    experimentId: row.experimentId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  }
}

function toTranscriptMessage(row: MessageRow): TranscriptMessage {
  const message: TranscriptMessage = {
    id: row.id,
    role: row.role,
    text: row.text,
    createdAt: row.createdAt,
  }
  if (row.quickReplies) message.quickReplies = quickRepliesSchema.parse(row.quickReplies)
  if (row.nodeId) message.nodeId = row.nodeId
  if (row.meta) message.meta = jsonObjectSchema.parse(row.meta)
  return message
}

const quickRepliesSchema: z.ZodType<QuickReply[]> = z.array(
  z.object({ label: z.string(), value: z.string().optional() }),
)
