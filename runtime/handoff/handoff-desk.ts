import type { HandoffAvailability, HandoffService, JsonValue } from '../../shared/index.ts'
import type { Engine, HandoffQueueWriter, TurnResult } from '../engine/index.ts'
import type { Logger } from '../logger.ts'
import type { Database } from '../storage/index.ts'
import { isQueueOpen } from './business-hours.ts'
import { type AgentIdentity, type DeskContext, isoAt } from './desk-context.ts'
import { DeskSettingsStore } from './desk-settings-store.ts'
import { HandoffStore } from './handoff-store.ts'
import { LiveHub } from './live-hub.ts'
import { PresenceStore } from './presence-store.ts'
import { TranscriptWriter } from './transcript-writer.ts'

export interface HandoffDeskOptions {
  database: Database
  now?: () => number
  presenceTimeoutMs?: number
  positionUpdateMs?: number
  /** Where failures the desk works around (e.g. a requeue retried later) are logged. */
  log?: Logger
}

/** When nobody has handled a conversation of the queue yet: a guess for the estimate. */
const defaultHandleMs = 5 * 60_000
/** A free agent usually picks up within this. */
const pickupMs = 30_000

/**
 * The agent desk (DESIGN §8): the queue nodes hand off to, the agents' presence, and what the
 * engine needs from it. Actions of the console live in agent-actions.ts, timers in
 * desk-timers.ts; all of them go through the engine's per-conversation lock.
 */
export class HandoffDesk {
  readonly context: DeskContext
  readonly hub = new LiveHub()
  private boundEngine: Engine | undefined

  constructor(options: HandoffDeskOptions) {
    const now = options.now ?? Date.now
    const { database } = options
    this.context = {
      database,
      handoffs: new HandoffStore(database),
      presence: new PresenceStore(database, now),
      settings: new DeskSettingsStore(database, now),
      transcript: new TranscriptWriter(database),
      hub: this.hub,
      now,
      engine: () => {
        if (!this.boundEngine) throw new Error('HandoffDesk.bindEngine was not called')
        return this.boundEngine
      },
      presenceTimeoutMs: options.presenceTimeoutMs ?? 60_000,
      positionUpdateMs: options.positionUpdateMs ?? 30_000,
      log: options.log,
    }
  }

  /** The engine is built with this desk's service and writer, so it is bound afterwards. */
  bindEngine(engine: Engine): void {
    this.boundEngine = engine
  }

  /** `ctx.handoff` for nodes (the engine records `request` per turn; see turn-handoff.ts). */
  readonly service: HandoffService = {
    check: async (queue) => this.availability(queue),
    estimateWaitMs: async (queue, position) => this.estimateWaitMs(queue, position),
    request: async () => {
      throw new Error('handoff.request runs inside a turn only')
    },
  }

  /** Writes the queue entry of a turn that handed off, in the turn's transaction. */
  readonly queueWriter: HandoffQueueWriter = {
    enqueueInTurn: ({ conversation, handoff, nowMs }) => {
      const { request, place } = handoff
      this.context.handoffs.insertSync({
        conversationId: conversation.id,
        flowId: conversation.flowId,
        nodeId: handoff.nodeId,
        queue: request.queue,
        reason: request.reason,
        priority: request.priority,
        summary: request.summary as JsonValue,
        status: 'waiting',
        agentId: null,
        agentName: null,
        queueMessage: request.queueMessage,
        lastPosition: place.position,
        requestedAt: isoAt(nowMs),
        claimedAt: null,
        firstReplyAt: null,
        endedAt: null,
        resolutionCode: null,
        transfers: 0,
        deadlineMs: request.timeoutMs > 0 ? nowMs + request.timeoutMs : null,
        timeoutMs: request.timeoutMs,
        nextUpdateMs: nowMs + this.context.positionUpdateMs,
      })
    },
  }

  /** Tells the live streams about a committed turn. */
  onTurnCommitted = (result: TurnResult): void => {
    this.hub.conversationChanged(result.conversationId)
    if (result.status === 'waiting_agent') this.hub.queueChanged()
  }

  availability(queue: string): HandoffAvailability {
    const { settings, presence, handoffs, now } = this.context
    const waiting = handoffs.countWaiting(queue)
    const agentsOnline = presence.onlineFor(queue).length
    if (!isQueueOpen(settings.queueSettings(queue), now())) {
      return { isAvailable: false, reason: 'outside_hours', agentsOnline, waiting }
    }
    if (agentsOnline === 0)
      return { isAvailable: false, reason: 'no_agents', agentsOnline, waiting }
    return { isAvailable: true, agentsOnline, waiting }
  }

  /**
   * Expected wait for a place: free seats of online agents take the first places at once;
   * after that each round of agents takes the queue's recent mean handle time.
   */
  estimateWaitMs(queue: string, position: number): number {
    const { presence, handoffs } = this.context
    const agents = presence.onlineFor(queue)
    const freeSeats = agents.reduce(
      (sum, agent) =>
        sum + Math.max(0, agent.maxConcurrent - handoffs.assignedTo(agent.agentId).length),
      0,
    )
    if (position <= freeSeats) return pickupMs
    const handleMs = handoffs.recentHandleMs(queue) ?? defaultHandleMs
    const rounds = Math.ceil((position - freeSeats) / Math.max(1, agents.length))
    return pickupMs + rounds * handleMs
  }

  setPresence(agent: AgentIdentity, change: Parameters<PresenceStore['set']>[1]) {
    const presence = this.context.presence.set(agent, change)
    this.hub.queueChanged()
    return presence
  }
}
