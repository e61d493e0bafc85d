import { renderTemplate, type TranscriptMessage } from '../../shared/index.ts'
import type { Conversation } from '../storage/index.ts'
import { type AgentIdentity, type DeskContext, isoAt } from './desk-context.ts'
import { deskEventNote } from './desk-events.ts'
import {
  activeHandoff,
  changed,
  checkCapacity,
  handoffForNote,
  ownHandoff,
  requeueDeadline,
} from './desk-guards.ts'
import { deskText } from './desk-texts.ts'
import {
  AgentUnavailableError,
  HandoffClaimedError,
  HandoffNotAssignedError,
} from './handoff-errors.ts'
import type { Handoff, HandoffNote } from './handoff-store.ts'

export { close, leave, requeueAgent, returnToBot } from './conversation-endings.ts'

/**
 * Takes a waiting conversation. Claims of one conversation run one after another under its
 * lock: the first wins, the next gets handoff_claimed saying who has it.
 */
export async function claim(
  desk: DeskContext,
  agent: AgentIdentity,
  conversationId: string,
): Promise<Handoff> {
  const claimed = await desk.engine().runExclusive(conversationId, async (conversation) => {
    const handoff = activeHandoff(desk, conversationId)
    if (handoff.status === 'assigned') {
      if (handoff.agentId === agent.id) return handoff
      throw new HandoffClaimedError(conversationId, handoff)
    }
    checkCapacity(desk, agent.id, agent.name)
    const nowMs = desk.now()
    const at = isoAt(nowMs)
    desk.database.transaction(() => {
      const isMine = desk.handoffs.updateSync(handoff.id, ['waiting'], {
        status: 'assigned',
        agentId: agent.id,
        agentName: agent.name,
        claimedAt: at,
        deadlineMs: null,
        nextUpdateMs: null,
      })
      if (!isMine) throw new HandoffClaimedError(conversationId, handoff)
      desk.transcript.appendSync(
        conversationId,
        [
          {
            role: 'system',
            text: deskText('joined', conversation.locale, agent.name),
            meta: { event: 'agent_joined', agentName: agent.name },
          },
        ],
        nowMs,
      )
      desk.handoffs.addNoteSync(handoff, deskEventNote(agent, { code: 'claimed' }, at))
    })
    // Everyone behind moved up a place: tell them at the next sweep.
    desk.handoffs.refreshPlaces(handoff.queue, nowMs)
    return {
      ...handoff,
      status: 'assigned' as const,
      agentId: agent.id,
      agentName: agent.name,
      claimedAt: at,
    }
  })
  changed(desk, conversationId)
  return claimed
}

/** Sends the agent's message; `{{ user.name }}`-style variables are filled from the conversation. */
export async function reply(
  desk: DeskContext,
  agent: AgentIdentity,
  conversationId: string,
  text: string,
): Promise<TranscriptMessage> {
  const sent = await desk.engine().runExclusive(conversationId, async (conversation) => {
    const handoff = ownHandoff(desk, conversationId, agent)
    const nowMs = desk.now()
    const filled = text.includes('{{') ? renderTemplate(text, scopeOf(conversation, nowMs)) : text
    return desk.database.transaction(() => {
      if (!handoff.firstReplyAt) {
        desk.handoffs.updateSync(handoff.id, ['assigned'], { firstReplyAt: isoAt(nowMs) })
      }
      const [message] = desk.transcript.appendSync(
        conversationId,
        [{ role: 'agent', text: filled, meta: { agentId: agent.id, agentName: agent.name } }],
        nowMs,
      )
      if (!message) throw new Error('the agent message was not stored')
      return message
    })
  })
  desk.hub.typing(conversationId, agent.name, false)
  desk.hub.conversationChanged(conversationId)
  return sent
}

/** Shows the customer that the agent is typing (not stored). */
export function typing(
  desk: DeskContext,
  agent: AgentIdentity,
  conversationId: string,
  isTyping: boolean,
): void {
  ownHandoff(desk, conversationId, agent)
  desk.hub.typing(conversationId, agent.name, isTyping)
}

/** An internal note: agents see it, the customer never does. Only on the agent's own handoff. */
export function addNote(
  desk: DeskContext,
  agent: AgentIdentity,
  conversationId: string,
  text: string,
): HandoffNote {
  const handoff = handoffForNote(desk, conversationId, agent)
  const note = desk.handoffs.addNoteSync(handoff, {
    kind: 'note',
    agentId: agent.id,
    agentName: agent.name,
    text,
    code: null,
    params: null,
    createdAt: isoAt(desk.now()),
  })
  desk.hub.conversationChanged(conversationId)
  return note
}

/**
 * Passes the conversation on: to another queue (it waits there, at the front of its priority,
 * since it waited already) or straight to an online agent with a free seat.
 */
export async function transfer(
  desk: DeskContext,
  agent: AgentIdentity,
  conversationId: string,
  to: { queue: string } | { agentId: string },
): Promise<Handoff> {
  const result = await desk.engine().runExclusive(conversationId, async (conversation) => {
    const handoff = ownHandoff(desk, conversationId, agent)
    const nowMs = desk.now()
    const at = isoAt(nowMs)
    let target: AgentIdentity | undefined
    if ('agentId' in to) {
      const presence = desk.presence.get(to.agentId)
      if (presence?.status !== 'online') {
        throw new AgentUnavailableError(to.agentId, presence ? presence.status : 'never signed in')
      }
      target = { id: presence.agentId, name: presence.name }
      checkCapacity(desk, target.id, target.name)
    }
    const changes = target
      ? {
          agentId: target.id,
          agentName: target.name,
          claimedAt: at,
          transfers: handoff.transfers + 1,
        }
      : {
          status: 'waiting' as const,
          queue: 'queue' in to ? to.queue : handoff.queue,
          agentId: null,
          agentName: null,
          claimedAt: null,
          transfers: handoff.transfers + 1,
          deadlineMs: requeueDeadline(handoff, nowMs),
          nextUpdateMs: nowMs,
        }
    desk.database.transaction(() => {
      // Still with whoever had it when checked (an admin may act for another agent).
      if (!desk.handoffs.updateSync(handoff.id, ['assigned'], changes, handoff.agentId)) {
        throw new HandoffNotAssignedError(conversationId, handoff.status, handoff.agentName)
      }
      const text = target
        ? deskText('joined', conversation.locale, target.name)
        : deskText('transferred', conversation.locale)
      desk.transcript.appendSync(
        conversationId,
        [{ role: 'system', text, meta: { event: 'transferred' } }],
        nowMs,
      )
      const moved = target
        ? {
            code: 'transferred_to_agent' as const,
            params: { agentId: target.id, agentName: target.name },
          }
        : {
            code: 'transferred_to_queue' as const,
            params: { queue: 'queue' in to ? to.queue : handoff.queue },
          }
      desk.handoffs.addNoteSync(handoff, deskEventNote(agent, moved, at))
    })
    return { ...handoff, ...changes }
  })
  changed(desk, conversationId)
  return result
}

function scopeOf(conversation: Conversation, nowMs: number) {
  const { state } = conversation
  return {
    input: '',
    vars: state.vars,
    user: state.user,
    nodes: state.nodes,
    sys: { ...state.signals, conversationId: conversation.id, time: isoAt(nowMs) },
  }
}
