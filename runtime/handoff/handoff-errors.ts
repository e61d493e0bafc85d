import { AppError } from '../../shared/index.ts'

/** The conversation is not waiting for or with an agent. */
export class HandoffNotFoundError extends AppError {
  constructor(conversationId: string) {
    super(
      'handoff_not_found',
      `Conversation ${conversationId} is not waiting for or talking to an agent`,
      { conversationId },
    )
  }
}

/** Another agent claimed the conversation first; `details` says who. */
export class HandoffClaimedError extends AppError {
  constructor(conversationId: string, agent: { agentId: string | null; agentName: string | null }) {
    super(
      'handoff_claimed',
      `Conversation ${conversationId} is already taken by ${agent.agentName ?? 'another agent'}`,
      { conversationId, agentId: agent.agentId, agentName: agent.agentName },
    )
  }
}

/** Replying, transferring, closing and returning need the conversation to be yours. */
export class HandoffNotAssignedError extends AppError {
  constructor(conversationId: string, status: string, agentName: string | null) {
    super(
      'handoff_not_assigned',
      agentName
        ? `Conversation ${conversationId} is with ${agentName}, not you`
        : `Conversation ${conversationId} is ${status}: claim it first`,
      { conversationId, status, agentName },
    )
  }
}

export class AgentAtCapacityError extends AppError {
  constructor(agentName: string, maxConcurrent: number) {
    super(
      'agent_at_capacity',
      `${agentName} already has ${maxConcurrent} conversation(s), the most allowed at once`,
      { agentName, maxConcurrent },
    )
  }
}

/** A transfer target is offline, away, or full. */
export class AgentUnavailableError extends AppError {
  constructor(agentId: string, reason: string) {
    super('agent_unavailable', `Agent ${agentId} cannot take the conversation: ${reason}`, {
      agentId,
      reason,
    })
  }
}
