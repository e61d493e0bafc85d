import type { Resolution } from '../../shared/index.ts'
import type { TurnResult } from '../engine/index.ts'
import type { Conversation } from '../storage/index.ts'
import { type AgentIdentity, type DeskContext, isoAt } from './desk-context.ts'
import { deskEventNote, type RequeueCode } from './desk-events.ts'
import { changed, ownHandoff, requeueDeadline } from './desk-guards.ts'
import { deskText } from './desk-texts.ts'
import { HandoffNotAssignedError } from './handoff-errors.ts'
import type { Handoff } from './handoff-store.ts'

/** Ends the conversation with a resolution code; the flow does not go on. */
export async function close(
  desk: DeskContext,
  agent: AgentIdentity,
  conversationId: string,
  body: { resolutionCode: string; resolution: Extract<Resolution, 'resolved' | 'unresolved'> },
): Promise<void> {
  await desk.engine().runExclusive(conversationId, async (conversation) => {
    const handoff = ownHandoff(desk, conversationId, agent)
    const nowMs = desk.now()
    const at = isoAt(nowMs)
    desk.database.transaction(() => {
      const ended = { status: 'closed' as const, endedAt: at, resolutionCode: body.resolutionCode }
      // Still with whoever had it when checked (an admin may close for another agent).
      if (!desk.handoffs.updateSync(handoff.id, ['assigned'], ended, handoff.agentId)) {
        throw new HandoffNotAssignedError(conversationId, handoff.status, handoff.agentName)
      }
      desk.transcript.appendSync(
        conversationId,
        [
          {
            role: 'system',
            text: deskText('closed', conversation.locale),
            meta: { event: 'closed' },
          },
        ],
        nowMs,
        { status: 'closed', resolution: body.resolution },
      )
      desk.handoffs.addNoteSync(
        handoff,
        deskEventNote(
          agent,
          { code: 'closed', params: { resolutionCode: body.resolutionCode } },
          at,
        ),
      )
    })
  })
  changed(desk, conversationId)
}

/** Hands the conversation back to the bot: the flow goes on at the handoff node's `returned`. */
export async function returnToBot(
  desk: DeskContext,
  agent: AgentIdentity,
  conversationId: string,
): Promise<TurnResult> {
  const handoff = ownHandoff(desk, conversationId, agent)
  const result = await desk.engine().resumeAtPort(conversationId, {
    nodeId: handoff.nodeId,
    port: 'returned',
    check: () => {
      ownHandoff(desk, conversationId, agent)
    },
    writeAlso: () => {
      const nowMs = desk.now()
      const at = isoAt(nowMs)
      if (
        !desk.handoffs.updateSync(
          handoff.id,
          ['assigned'],
          { status: 'returned', endedAt: at },
          handoff.agentId,
        )
      ) {
        throw new HandoffNotAssignedError(conversationId, handoff.status, handoff.agentName)
      }
      desk.handoffs.addNoteSync(handoff, deskEventNote(agent, { code: 'returned' }, at))
    },
  })
  desk.hub.queueChanged()
  return result
}

/** The customer left (the channel says so): the stay ends as abandoned, the conversation closes. */
export async function leave(desk: DeskContext, conversationId: string): Promise<void> {
  await desk.engine().runExclusive(conversationId, async (conversation: Conversation) => {
    if (conversation.status === 'closed') return
    const handoff = desk.handoffs.active(conversationId)
    const nowMs = desk.now()
    const at = isoAt(nowMs)
    desk.database.transaction(() => {
      if (handoff) {
        desk.handoffs.updateSync(handoff.id, ['waiting', 'assigned'], {
          status: 'abandoned',
          endedAt: at,
        })
        desk.handoffs.addNoteSync(handoff, deskEventNote(null, { code: 'customer_left' }, at))
      }
      desk.transcript.appendSync(
        conversationId,
        [{ role: 'system', text: deskText('left', conversation.locale), meta: { event: 'left' } }],
        nowMs,
        { status: 'closed', resolution: 'abandoned' },
      )
    })
    if (handoff) desk.handoffs.refreshPlaces(handoff.queue, nowMs)
  })
  changed(desk, conversationId)
}

/**
 * Puts an agent's conversations back in their queues (the agent went offline or their console
 * went silent), at the front: these customers already waited once, and they wait the node's
 * timeout again. One that fails (e.g. busy) stays with the offline agent and is logged; the
 * timer sweep retries it, so the others are never held up by it.
 */
export async function requeueAgent(
  desk: DeskContext,
  agentId: string,
  why: RequeueCode,
): Promise<number> {
  let count = 0
  for (const handoff of desk.handoffs.assignedTo(agentId)) {
    try {
      if (await requeueOne(desk, handoff, agentId, why)) count++
    } catch (error) {
      desk.log?.error('requeue failed; the timer retries it', {
        handoffId: handoff.id,
        conversationId: handoff.conversationId,
        error: String(error),
      })
    }
    desk.hub.conversationChanged(handoff.conversationId)
  }
  if (count > 0) desk.hub.queueChanged()
  return count
}

async function requeueOne(
  desk: DeskContext,
  handoff: Handoff,
  agentId: string,
  why: RequeueCode,
): Promise<boolean> {
  return desk.engine().runExclusive(handoff.conversationId, async (conversation) => {
    const nowMs = desk.now()
    const at = isoAt(nowMs)
    return desk.database.transaction(() => {
      const back = {
        status: 'waiting' as const,
        agentId: null,
        agentName: null,
        claimedAt: null,
        priority: 3,
        deadlineMs: requeueDeadline(handoff, nowMs),
        nextUpdateMs: nowMs,
      }
      if (!desk.handoffs.updateSync(handoff.id, ['assigned'], back, agentId)) return false
      desk.transcript.appendSync(
        handoff.conversationId,
        [
          {
            role: 'system',
            text: deskText('requeued', conversation.locale),
            meta: { event: 'requeued' },
          },
        ],
        nowMs,
      )
      desk.handoffs.addNoteSync(
        handoff,
        deskEventNote({ id: agentId, name: handoff.agentName ?? '' }, { code: why }, at),
      )
      return true
    })
  })
}
