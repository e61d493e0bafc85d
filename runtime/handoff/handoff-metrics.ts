import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm'
import type { Database } from '../storage/index.ts'
import { conversations, handoffs } from '../storage/schema.ts'
import type { PresenceStore } from './presence-store.ts'

export interface MetricsWindow {
  from: string
  to: string
  queue?: string
}

interface Durations {
  count: number
  meanMs: number | null
  p50Ms: number | null
  p95Ms: number | null
}

/**
 * The desk's numbers for a window of handoffs (by the time they were requested): time from the
 * queue to the first agent reply, handle time (claim to end), conversations per agent per
 * online hour, the share of conversations handed off, and how often the bot resolved the
 * conversation after an agent handed it back.
 */
export function handoffMetrics(
  database: Database,
  presence: PresenceStore,
  window: MetricsWindow,
  nowMs: number,
) {
  const { db } = database
  // Test chats hand off like real conversations (so a flow can be tried end to end) but are
  // not the desk's work: they count nowhere, as in analytics.
  const inWindow = and(
    gte(handoffs.requestedAt, window.from),
    lt(handoffs.requestedAt, window.to),
    window.queue === undefined ? undefined : eq(handoffs.queue, window.queue),
    inArray(
      handoffs.conversationId,
      db
        .select({ id: conversations.id })
        .from(conversations)
        .where(gte(conversations.flowVersion, 0)),
    ),
  )
  const liveInWindow = and(
    gte(conversations.createdAt, window.from),
    lt(conversations.createdAt, window.to),
    gte(conversations.flowVersion, 0),
  )
  const rows = db.select().from(handoffs).where(inWindow).all()
  const firstReply = durations(
    rows.map((r) =>
      r.firstReplyAt ? Date.parse(r.firstReplyAt) - Date.parse(r.requestedAt) : NaN,
    ),
  )
  const handle = durations(
    rows.map((r) =>
      r.claimedAt && r.endedAt ? Date.parse(r.endedAt) - Date.parse(r.claimedAt) : NaN,
    ),
  )
  const onlineMs = onlineTimeByAgent(presence, window, nowMs)
  const byAgent = new Map<string, { name: string; handled: number; handleMs: number[] }>()
  for (const row of rows) {
    if (!row.agentId || !row.endedAt || (row.status !== 'closed' && row.status !== 'returned'))
      continue
    const entry = byAgent.get(row.agentId) ?? {
      name: row.agentName ?? row.agentId,
      handled: 0,
      handleMs: [],
    }
    entry.handled++
    if (row.claimedAt) entry.handleMs.push(Date.parse(row.endedAt) - Date.parse(row.claimedAt))
    byAgent.set(row.agentId, entry)
  }
  const agents = [...byAgent].map(([agentId, entry]) => {
    const hours = (onlineMs.get(agentId) ?? 0) / 3_600_000
    return {
      agentId,
      name: entry.name,
      handled: entry.handled,
      onlineHours: round(hours),
      perHour: hours > 0 ? round(entry.handled / hours) : null,
      handle: durations(entry.handleMs),
    }
  })
  const started =
    db.select({ count: sql<number>`count(*)` }).from(conversations).where(liveInWindow).get()
      ?.count ?? 0
  const handedOff =
    db
      .select({ count: sql<number>`count(*)` })
      .from(conversations)
      .where(and(liveInWindow, isNotNull(conversations.handedOffAt)))
      .get()?.count ?? 0
  const returned = rows.filter((r) => r.status === 'returned')
  const resolvedAfterReturn = returned.filter((r) =>
    isResolvedByBotAfter(database, r.conversationId, r.requestedAt),
  ).length
  const count = (status: string) => rows.filter((r) => r.status === status).length
  return {
    window,
    handoffs: rows.length,
    byStatus: {
      waiting: count('waiting'),
      assigned: count('assigned'),
      returned: returned.length,
      closed: count('closed'),
      timedOut: count('timed_out'),
      abandoned: count('abandoned'),
    },
    timeToFirstReply: firstReply,
    handleTime: handle,
    agents,
    conversationsStarted: started,
    conversationsHandedOff: handedOff,
    handedOffShare: started > 0 ? round(handedOff / started) : null,
    returnedToBot: returned.length,
    resolvedByBotAfterReturn: resolvedAfterReturn,
    botResolvesAfterReturnShare:
      returned.length > 0 ? round(resolvedAfterReturn / returned.length) : null,
  }
}

/** Closed as resolved, with no later handoff: the bot finished what the agent handed back. */
function isResolvedByBotAfter(
  database: Database,
  conversationId: string,
  requestedAt: string,
): boolean {
  const conversation = database.db
    .select({ status: conversations.status, resolution: conversations.resolution })
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .get()
  if (conversation?.status !== 'closed' || conversation.resolution !== 'resolved') return false
  const later = database.db
    .select({ count: sql<number>`count(*)` })
    .from(handoffs)
    .where(
      and(
        eq(handoffs.conversationId, conversationId),
        sql`${handoffs.requestedAt} > ${requestedAt}`,
      ),
    )
    .get()
  return (later?.count ?? 0) === 0
}

/** Milliseconds each agent was online inside the window, from the presence log. */
function onlineTimeByAgent(
  presence: PresenceStore,
  window: MetricsWindow,
  nowMs: number,
): Map<string, number> {
  const startMs = Date.parse(window.from)
  const endMs = Math.min(Date.parse(window.to), nowMs)
  const status = presence.statusBefore(window.from)
  const since = new Map<string, number>()
  for (const [agentId, s] of status) if (s === 'online') since.set(agentId, startMs)
  const total = new Map<string, number>()
  const add = (agentId: string, untilMs: number) => {
    const from = since.get(agentId)
    if (from === undefined) return
    total.set(agentId, (total.get(agentId) ?? 0) + Math.max(0, untilMs - from))
    since.delete(agentId)
  }
  for (const entry of presence.log(window.from)) {
    const atMs = Date.parse(entry.at)
    if (atMs >= endMs) break
    add(entry.agentId, atMs)
    if (entry.status === 'online') since.set(entry.agentId, atMs)
  }
  for (const agentId of [...since.keys()]) add(agentId, endMs)
  return total
}

function durations(values: number[]): Durations {
  const sorted = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b)
  if (sorted.length === 0) return { count: 0, meanMs: null, p50Ms: null, p95Ms: null }
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null
  return {
    count: sorted.length,
    meanMs: Math.round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
