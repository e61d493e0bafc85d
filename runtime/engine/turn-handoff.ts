import type {
  HandoffRequest,
  HandoffService,
  NodeServices,
  QueuePlace,
} from '../../shared/index.ts'
import type { Conversation } from '../storage/index.ts'

/** A handoff a step asked for; it happens only if that step waits. */
export interface RequestedHandoff {
  request: HandoffRequest
  place: QueuePlace
}

/** The handoff a turn ended in, written to the queue in the turn's transaction. */
export interface TurnHandoff extends RequestedHandoff {
  nodeId: string
}

/** What the engine writes with a turn that handed off (runtime/handoff implements it). */
export interface HandoffQueueWriter {
  /** Runs inside the turn's transaction: throwing rolls the whole turn back. */
  enqueueInTurn(entry: {
    conversation: Conversation
    handoff: TurnHandoff
    turnId: string
    nowMs: number
  }): void
}

/**
 * The node services of one turn with `handoff.request` recording the request for the step
 * that makes it, instead of queueing at once: the queue entry is committed with the turn.
 */
export function turnHandoffServices(services: NodeServices): {
  services: NodeServices
  take(): RequestedHandoff | undefined
} {
  let requested: RequestedHandoff | undefined
  const base = services.handoff
  const handoff: HandoffService = {
    check: (queue) => base.check(queue),
    estimateWaitMs: (queue, position) => base.estimateWaitMs(queue, position),
    async request(request) {
      const { waiting } = await base.check(request.queue)
      const position = waiting + 1
      const place = {
        position,
        estimatedWaitMs: await base.estimateWaitMs(request.queue, position),
      }
      requested = { request, place }
      return place
    },
  }
  return {
    services: { ...services, handoff },
    take() {
      const taken = requested
      requested = undefined
      return taken
    },
  }
}
