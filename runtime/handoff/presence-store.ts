import { and, asc, eq, gte, lt, ne } from 'drizzle-orm'
import type { AgentStatus } from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { agentPresence, agentPresenceLog } from '../storage/schema.ts'

export interface AgentPresence {
  agentId: string
  name: string
  status: AgentStatus
  queues: string[]
  maxConcurrent: number
  lastSeenMs: number
  updatedAt: string
}

export const defaultMaxConcurrent = 3

/** Agents' presence (online, away, offline), their queues and limits. */
export class PresenceStore {
  constructor(
    private readonly database: Database,
    private readonly now: () => number,
  ) {}

  get(agentId: string): AgentPresence | undefined {
    return this.database.db
      .select()
      .from(agentPresence)
      .where(eq(agentPresence.agentId, agentId))
      .get()
  }

  list(): AgentPresence[] {
    return this.database.db.select().from(agentPresence).orderBy(asc(agentPresence.name)).all()
  }

  /** Sets presence (logging a change of status) and returns it. */
  set(
    agent: { id: string; name: string },
    change: { status: AgentStatus; queues?: string[]; maxConcurrent?: number },
  ): AgentPresence {
    const nowMs = this.now()
    const at = new Date(nowMs).toISOString()
    const previous = this.get(agent.id)
    const next: AgentPresence = {
      agentId: agent.id,
      name: agent.name,
      status: change.status,
      queues: change.queues ?? previous?.queues ?? [],
      maxConcurrent: change.maxConcurrent ?? previous?.maxConcurrent ?? defaultMaxConcurrent,
      lastSeenMs: nowMs,
      updatedAt: at,
    }
    this.database.transaction(() => {
      this.database.db
        .insert(agentPresence)
        .values(next)
        .onConflictDoUpdate({ target: agentPresence.agentId, set: next })
        .run()
      if (previous?.status !== next.status) {
        this.database.db
          .insert(agentPresenceLog)
          .values({ agentId: agent.id, status: next.status, at })
          .run()
      }
    })
    return next
  }

  /** A sign of life from the agent's console. */
  touch(agentId: string): void {
    this.database.db
      .update(agentPresence)
      .set({ lastSeenMs: this.now() })
      .where(eq(agentPresence.agentId, agentId))
      .run()
  }

  /** Agents marked present whose console went quiet before `beforeMs`. */
  silentSince(beforeMs: number): AgentPresence[] {
    return this.database.db
      .select()
      .from(agentPresence)
      .where(and(ne(agentPresence.status, 'offline'), lt(agentPresence.lastSeenMs, beforeMs)))
      .all()
  }

  /** Online agents who take `queue` (an empty queue list takes every queue). */
  onlineFor(queue: string): AgentPresence[] {
    return this.database.db
      .select()
      .from(agentPresence)
      .where(eq(agentPresence.status, 'online'))
      .all()
      .filter((agent) => agent.queues.length === 0 || agent.queues.includes(queue))
  }

  /** Presence changes from `fromIso` on, oldest first, with the state just before it. */
  log(fromIso: string): { agentId: string; status: AgentStatus; at: string }[] {
    return this.database.db
      .select({
        agentId: agentPresenceLog.agentId,
        status: agentPresenceLog.status,
        at: agentPresenceLog.at,
      })
      .from(agentPresenceLog)
      .where(gte(agentPresenceLog.at, fromIso))
      .orderBy(asc(agentPresenceLog.at), asc(agentPresenceLog.id))
      .all()
  }

  /** The last status each agent had before `beforeIso`. */
  statusBefore(beforeIso: string): Map<string, AgentStatus> {
    const rows = this.database.db
      .select()
      .from(agentPresenceLog)
      .where(lt(agentPresenceLog.at, beforeIso))
      .orderBy(asc(agentPresenceLog.at), asc(agentPresenceLog.id))
      .all()
    const result = new Map<string, AgentStatus>()
    for (const row of rows) result.set(row.agentId, row.status)
    return result
  }
}
