import type { JsonValue } from '../../shared/index.ts'
import { type ConversationStore, isTestConversation } from '../storage/index.ts'
import { type AgentMasking, maskValue, maskVariables } from './agent-masking.ts'
import type { AgentIdentity, DeskContext } from './desk-context.ts'
import type { Handoff } from './handoff-store.ts'

/**
 * A queue entry as the console lists it. `isTest`: the conversation is a designer's test chat
 * (the editor's), which hands off like a real one so that the flow can be tried end to end,
 * and which the console marks so that no agent takes it for a customer.
 */
export function queueItem(desk: DeskContext, handoff: Handoff, nowMs: number, isTest: boolean) {
  const summary = handoff.summary
  const text =
    typeof summary === 'object' && summary !== null && !Array.isArray(summary) ? summary.text : null
  return {
    conversationId: handoff.conversationId,
    flowId: handoff.flowId,
    queue: handoff.queue,
    reason: handoff.reason,
    priority: handoff.priority,
    status: handoff.status,
    agentId: handoff.agentId,
    agentName: handoff.agentName,
    requestedAt: handoff.requestedAt,
    claimedAt: handoff.claimedAt,
    waitedMs: Math.max(0, nowMs - Date.parse(handoff.requestedAt)),
    position: handoff.status === 'waiting' ? desk.handoffs.positionOf(handoff) : null,
    summary: typeof text === 'string' ? text : '',
    transfers: handoff.transfers,
    isTest,
  }
}

/** What the console's live queue shows an agent: who waits, their own chats, who is online. */
export function queueSnapshot(desk: DeskContext, agent: AgentIdentity) {
  const nowMs = desk.now()
  const waiting = desk.handoffs.waiting()
  const mine = desk.handoffs.assignedTo(agent.id)
  const tests = desk.handoffs.testConversations([...waiting, ...mine].map((h) => h.conversationId))
  const item = (h: Handoff) => queueItem(desk, h, nowMs, tests.has(h.conversationId))
  return {
    now: new Date(nowMs).toISOString(),
    waiting: waiting.map(item),
    mine: mine.map(item),
    agents: desk.presence.list().map((a) => ({
      agentId: a.agentId,
      name: a.name,
      status: a.status,
      queues: a.queues,
      maxConcurrent: a.maxConcurrent,
      assigned: desk.handoffs.assignedTo(a.agentId).length,
    })),
    me: desk.presence.get(agent.id) ?? null,
  }
}

/**
 * One conversation for an agent: transcript, the bot's trace, summary, entities, variables,
 * profile and notes, with personal data masked as the flow's compliance policy says.
 */
export async function agentConversationView(
  desk: DeskContext,
  conversations: ConversationStore,
  masking: AgentMasking,
  conversationId: string,
) {
  const conversation = await conversations.get(conversationId)
  const [messages, trace, mask] = await Promise.all([
    conversations.transcript(conversationId),
    conversations.trace(conversationId),
    masking(conversation),
  ])
  const handoff = desk.handoffs.active(conversationId) ?? desk.handoffs.latest(conversationId)
  const nowMs = desk.now()
  const summary = handoff ? maskValue(handoff.summary, mask) : null
  const { state } = conversation
  return {
    conversation: {
      id: conversation.id,
      flowId: conversation.flowId,
      flowVersion: conversation.flowVersion,
      customerId: conversation.customerId,
      channel: conversation.channel,
      locale: conversation.locale,
      status: conversation.status,
      createdAt: conversation.createdAt,
    },
    handoff: handoff
      ? {
          ...queueItem(desk, handoff, nowMs, isTestConversation(conversation)),
          resolutionCode: handoff.resolutionCode,
        }
      : null,
    summary,
    entities: entitiesOf(summary),
    signals: maskVariables(state.signals, mask),
    variables: maskVariables(state.vars, mask),
    profile: maskVariables(state.user, mask),
    resolutionCodes: desk.settings.queueSettings(handoff?.queue ?? 'default').resolutionCodes,
    messages: messages.map((m) =>
      mask.piiTypes.size === 0 ? m : { ...m, text: String(maskValue(m.text, mask)) },
    ),
    notes: desk.handoffs.notes(conversationId),
    trace: trace.turns.map((turn) => ({
      id: turn.id,
      seq: turn.seq,
      eventType: turn.eventType,
      startedAt: turn.startedAt,
      steps: trace.steps
        .filter((s) => s.turnId === turn.id)
        .map((s) => ({
          step: s.step,
          nodeId: s.nodeId,
          nodeType: s.nodeType,
          port: s.port,
          outcome: s.outcome,
        })),
    })),
  }
}

function entitiesOf(summary: JsonValue | null): JsonValue {
  if (typeof summary !== 'object' || summary === null || Array.isArray(summary)) return {}
  return summary.entities ?? {}
}
