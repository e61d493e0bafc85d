import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm'
import {
  type HandoffPriority,
  type JsonValue,
  priorityToRank,
  rankToPriority,
} from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { agentPresence, conversations, handoffNotes, handoffs } from '../storage/schema.ts'
import { legacyDeskEvent } from './desk-events.ts'

export type HandoffStatus = (typeof handoffs.$inferSelect)['status']
export const activeStatuses: readonly HandoffStatus[] = ['waiting', 'assigned']

export interface Handoff {
  id: string
  conversationId: string
  flowId: string
  nodeId: string
  queue: string
  reason: string
  priority: HandoffPriority
  summary: JsonValue
  status: HandoffStatus
  agentId: string | null
  agentName: string | null
  queueMessage: string
  lastPosition: number | null
  requestedAt: string
  claimedAt: string | null
  firstReplyAt: string | null
  endedAt: string | null
  resolutionCode: string | null
  transfers: number
  deadlineMs: number | null
  /** The node's waiting timeout (0: waits for ever; null: stored before it was kept). */
  timeoutMs: number | null
  nextUpdateMs: number | null
}

export interface HandoffNote {
  id: string
  kind: 'note' | 'event'
  agentId: string | null
  agentName: string | null
  /** An agent's note, or a desk event in English (what older API readers show). */
  text: string
  /** A desk event's stable code (see desk-events.ts); null for an agent's note. */
  code: string | null
  /** The event's values, e.g. `{ resolutionCode: 'refunded' }`; null when it has none. */
  params: Record<string, string> | null
  createdAt: string
}

type Row = typeof handoffs.$inferSelect
type Changes = Partial<Omit<Row, 'id' | 'priority'>> & { priority?: number }

/** The handoffs table: the agent queue and every stay of a conversation with the agents. */
export class HandoffStore {
  constructor(private readonly database: Database) {}

  /** Writes a new queue entry; runs inside the handing-off turn's transaction. */
  insertSync(handoff: Omit<Handoff, 'id'>): string {
    const id = randomUUID()
    const { db } = this.database
    db.insert(handoffs)
      .values({ ...handoff, id, priority: priorityToRank(handoff.priority) })
      .run()
    // The first time only: analytics counts a conversation as handed off iff this is set.
    db.update(conversations)
      .set({ handedOffAt: sql`coalesce(${conversations.handedOffAt}, ${handoff.requestedAt})` })
      .where(eq(conversations.id, handoff.conversationId))
      .run()
    return id
  }

  get(id: string): Handoff | undefined {
    const row = this.database.db.select().from(handoffs).where(eq(handoffs.id, id)).get()
    return row && toHandoff(row)
  }

  /** The conversation's handoff that is waiting or with an agent, if any. */
  active(conversationId: string): Handoff | undefined {
    const row = this.database.db
      .select()
      .from(handoffs)
      .where(
        and(eq(handoffs.conversationId, conversationId), inArray(handoffs.status, activeStatuses)),
      )
      .orderBy(desc(handoffs.requestedAt))
      .get()
    return row && toHandoff(row)
  }

  /** The latest handoff of a conversation, ended or not. */
  latest(conversationId: string): Handoff | undefined {
    const row = this.database.db
      .select()
      .from(handoffs)
      .where(eq(handoffs.conversationId, conversationId))
      .orderBy(desc(handoffs.requestedAt))
      .get()
    return row && toHandoff(row)
  }

  /** Waiting conversations in queue order: priority first, then who waited longest. */
  waiting(queue?: string): Handoff[] {
    return this.database.db
      .select()
      .from(handoffs)
      .where(
        queue === undefined
          ? eq(handoffs.status, 'waiting')
          : and(eq(handoffs.status, 'waiting'), eq(handoffs.queue, queue)),
      )
      .orderBy(desc(handoffs.priority), asc(handoffs.requestedAt))
      .all()
      .map(toHandoff)
  }

  /** Which of these conversations are test chats (isTestConversation), in one query. */
  testConversations(conversationIds: readonly string[]): Set<string> {
    if (conversationIds.length === 0) return new Set()
    const rows = this.database.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(inArray(conversations.id, [...conversationIds]), lt(conversations.flowVersion, 0)))
      .all()
    return new Set(rows.map((row) => row.id))
  }

  assignedTo(agentId: string): Handoff[] {
    return this.database.db
      .select()
      .from(handoffs)
      .where(and(eq(handoffs.agentId, agentId), eq(handoffs.status, 'assigned')))
      .orderBy(asc(handoffs.claimedAt))
      .all()
      .map(toHandoff)
  }

  /** Agents marked offline who still hold conversations (a requeue that failed part-way). */
  offlineAgentsWithConversations(): string[] {
    return this.database.db
      .selectDistinct({ agentId: agentPresence.agentId })
      .from(handoffs)
      .innerJoin(agentPresence, eq(agentPresence.agentId, handoffs.agentId))
      .where(and(eq(handoffs.status, 'assigned'), eq(agentPresence.status, 'offline')))
      .all()
      .map((row) => row.agentId)
  }

  /** Place in its queue (1 = next) of a waiting handoff. */
  positionOf(handoff: Handoff): number {
    const rank = priorityToRank(handoff.priority)
    const ahead = this.database.db
      .select({ count: sql<number>`count(*)` })
      .from(handoffs)
      .where(
        and(
          eq(handoffs.status, 'waiting'),
          eq(handoffs.queue, handoff.queue),
          or(
            sql`${handoffs.priority} > ${rank}`,
            and(eq(handoffs.priority, rank), sql`${handoffs.requestedAt} < ${handoff.requestedAt}`),
          ),
        ),
      )
      .get()
    return (ahead?.count ?? 0) + 1
  }

  countWaiting(queue: string): number {
    const row = this.database.db
      .select({ count: sql<number>`count(*)` })
      .from(handoffs)
      .where(and(eq(handoffs.status, 'waiting'), eq(handoffs.queue, queue)))
      .get()
    return row?.count ?? 0
  }

  /**
   * Changes a handoff only if it is still in one of `from` (and with `agentId`, if given):
   * false when someone else changed it first.
   */
  updateSync(
    id: string,
    from: readonly HandoffStatus[],
    changes: Changes,
    agentId?: string,
  ): boolean {
    const where = [eq(handoffs.id, id), inArray(handoffs.status, from)]
    if (agentId !== undefined) where.push(eq(handoffs.agentId, agentId))
    const { changes: count } = this.database.db
      .update(handoffs)
      .set(changes)
      .where(and(...where))
      .run()
    return count === 1
  }

  /** Waiting handoffs whose deadline has passed. */
  dueTimeouts(nowMs: number): Handoff[] {
    return this.waitingDue(handoffs.deadlineMs, nowMs, 100)
  }

  /** Waiting handoffs whose place in the queue is due to be told again. */
  dueUpdates(nowMs: number): Handoff[] {
    return this.waitingDue(handoffs.nextUpdateMs, nowMs, 500)
  }

  /** Waiting handoffs whose time in `dueAt` is set and not after `nowMs`, at most `limit`. */
  private waitingDue(
    dueAt: typeof handoffs.deadlineMs | typeof handoffs.nextUpdateMs,
    nowMs: number,
    limit: number,
  ): Handoff[] {
    return (
      this.database.db
        .select()
        .from(handoffs)
        .where(and(eq(handoffs.status, 'waiting'), isNotNull(dueAt), lte(dueAt, nowMs)))
        // The longest overdue first, so a backlog past `limit` is worked off in order.
        .orderBy(asc(dueAt))
        .limit(limit)
        .all()
        .map(toHandoff)
    )
  }

  /** Asks for the places of a queue to be told again at the next sweep. */
  refreshPlaces(queue: string, nowMs: number): void {
    this.database.db
      .update(handoffs)
      .set({ nextUpdateMs: nowMs })
      .where(and(eq(handoffs.status, 'waiting'), eq(handoffs.queue, queue)))
      .run()
  }

  /** Mean time from claim to end of the queue's last ended stays; undefined with none yet. */
  recentHandleMs(queue: string): number | undefined {
    const rows = this.database.db
      .select({ claimedAt: handoffs.claimedAt, endedAt: handoffs.endedAt })
      .from(handoffs)
      .where(
        and(eq(handoffs.queue, queue), isNotNull(handoffs.claimedAt), isNotNull(handoffs.endedAt)),
      )
      .orderBy(desc(handoffs.endedAt))
      .limit(20)
      .all()
    const durations = rows
      .map((r) => Date.parse(r.endedAt ?? '') - Date.parse(r.claimedAt ?? ''))
      .filter((ms) => Number.isFinite(ms) && ms >= 0)
    if (durations.length === 0) return undefined
    return durations.reduce((sum, ms) => sum + ms, 0) / durations.length
  }

  addNoteSync(
    handoff: Pick<Handoff, 'id' | 'conversationId'>,
    note: Omit<HandoffNote, 'id'>,
  ): HandoffNote {
    const stored = { ...note, id: randomUUID() }
    this.database.db
      .insert(handoffNotes)
      .values({ ...stored, handoffId: handoff.id, conversationId: handoff.conversationId })
      .run()
    return stored
  }

  notes(conversationId: string): HandoffNote[] {
    return this.database.db
      .select()
      .from(handoffNotes)
      .where(eq(handoffNotes.conversationId, conversationId))
      .orderBy(asc(handoffNotes.createdAt))
      .all()
      .map(({ handoffId: _h, conversationId: _c, ...note }) => withLegacyCode(note))
  }
}

/** Events stored before they had codes get theirs from their English text. */
function withLegacyCode(note: HandoffNote): HandoffNote {
  if (note.kind !== 'event' || note.code !== null) return note
  const legacy = legacyDeskEvent(note.text)
  if (!legacy) return note
  return { ...note, code: legacy.code, params: 'params' in legacy ? legacy.params : null }
}

function toHandoff(row: Row): Handoff {
  return { ...row, priority: rankToPriority(row.priority) }
}
