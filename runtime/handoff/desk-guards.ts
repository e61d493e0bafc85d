import type { AgentIdentity, DeskContext } from './desk-context.ts'
import {
  AgentAtCapacityError,
  HandoffNotAssignedError,
  HandoffNotFoundError,
} from './handoff-errors.ts'
import type { Handoff } from './handoff-store.ts'
import { defaultMaxConcurrent } from './presence-store.ts'

// What the desk's actions check and share.

export function activeHandoff(desk: DeskContext, conversationId: string): Handoff {
  const handoff = desk.handoffs.active(conversationId)
  if (!handoff) throw new HandoffNotFoundError(conversationId)
  return handoff
}

/**
 * The one ownership rule of the desk: an agent acts only on a handoff that is theirs (claimed
 * by them); admins on any, to step in for an agent who is stuck or gone.
 */
export function mayHandle(handoff: Pick<Handoff, 'agentId'>, agent: AgentIdentity): boolean {
  return agent.isAdmin === true || handoff.agentId === agent.id
}

/**
 * The conversation's handoff, which must be assigned to `agent` (or to anyone, for an admin):
 * replying, typing, transferring, closing and returning. Refused: 409 handoff_not_assigned.
 */
export function ownHandoff(
  desk: DeskContext,
  conversationId: string,
  agent: AgentIdentity,
): Handoff & { agentId: string } {
  const handoff = activeHandoff(desk, conversationId)
  const { agentId } = handoff
  if (handoff.status !== 'assigned' || agentId === null || !mayHandle(handoff, agent)) {
    throw new HandoffNotAssignedError(conversationId, handoff.status, handoff.agentName)
  }
  return { ...handoff, agentId }
}

/**
 * The handoff an internal note goes on: the active one, else the last. It must be the agent's
 * (assigned to them, or ended with them, so they can still write down what happened after
 * closing); a waiting one must be claimed first. Admins may note on any.
 */
export function handoffForNote(
  desk: DeskContext,
  conversationId: string,
  agent: AgentIdentity,
): Handoff {
  const handoff = desk.handoffs.active(conversationId) ?? desk.handoffs.latest(conversationId)
  if (!handoff) throw new HandoffNotFoundError(conversationId)
  if (!mayHandle(handoff, agent)) {
    throw new HandoffNotAssignedError(conversationId, handoff.status, handoff.agentName)
  }
  return handoff
}

export function checkCapacity(desk: DeskContext, agentId: string, agentName: string): void {
  const max = desk.presence.get(agentId)?.maxConcurrent ?? defaultMaxConcurrent
  if (desk.handoffs.assignedTo(agentId).length >= max)
    throw new AgentAtCapacityError(agentName, max)
}

export function changed(desk: DeskContext, conversationId: string): void {
  desk.hub.conversationChanged(conversationId)
  desk.hub.queueChanged()
}

/**
 * A handoff back in a queue waits its node's timeout again, from now. Rows stored before the
 * timeout was kept (timeoutMs null) get the node's default of 10 minutes; 0 waits for ever.
 */
export function requeueDeadline(handoff: Pick<Handoff, 'timeoutMs'>, nowMs: number): number | null {
  const timeoutMs = handoff.timeoutMs ?? defaultRequeueTimeoutMs
  return timeoutMs > 0 ? nowMs + timeoutMs : null
}

export const defaultRequeueTimeoutMs = 10 * 60_000
