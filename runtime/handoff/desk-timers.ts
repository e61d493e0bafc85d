import { fillQueueMessage } from '../../nodes/index.ts'
import { ConversationClosedError, ConversationNotFoundError } from '../../shared/index.ts'
import type { Logger } from '../logger.ts'
import { requeueAgent } from './agent-actions.ts'
import { type DeskContext, isoAt } from './desk-context.ts'
import type { HandoffDesk } from './handoff-desk.ts'
import type { Handoff } from './handoff-store.ts'

export interface SweepReport {
  timedOut: number
  placesTold: number
  agentsSetOffline: number
}

/**
 * One pass of the desk's timers, whose deadlines are stored (so they survive a restart):
 * waits that ran out take the node's `unavailable` port, waiting customers hear their new place
 * in the queue, and agents whose console went silent go offline and lose their conversations
 * to the queue. Each change goes through the engine's per-conversation lock.
 */
export async function sweepDesk(desk: HandoffDesk, log?: Logger): Promise<SweepReport> {
  const context = desk.context
  const nowMs = context.now()
  const report: SweepReport = { timedOut: 0, placesTold: 0, agentsSetOffline: 0 }
  for (const handoff of context.handoffs.dueTimeouts(nowMs)) {
    try {
      if (await timeOut(context, handoff)) report.timedOut++
    } catch (error) {
      if (error instanceof ConversationClosedError || error instanceof ConversationNotFoundError) {
        // Nothing left to resume: end the wait instead of retrying it at every sweep.
        const ended = { status: 'timed_out' as const, endedAt: isoAt(context.now()) }
        if (context.handoffs.updateSync(handoff.id, ['waiting'], ended)) {
          context.handoffs.refreshPlaces(handoff.queue, context.now())
          context.hub.queueChanged()
        }
        log?.info('handoff timeout ended without a turn', {
          handoffId: handoff.id,
          error: String(error),
        })
        continue
      }
      // Claimed or left meanwhile: the turn was refused or undone and nothing changed.
      log?.info('handoff timeout skipped', { handoffId: handoff.id, error: String(error) })
    }
  }
  for (const agent of context.presence.silentSince(nowMs - context.presenceTimeoutMs)) {
    context.presence.set({ id: agent.agentId, name: agent.name }, { status: 'offline' })
    await requeueAgent(context, agent.agentId, 'requeued_console_silent')
    report.agentsSetOffline++
  }
  // Conversations an earlier requeue could not hand back (busy, a crash) are retried here.
  for (const agentId of context.handoffs.offlineAgentsWithConversations()) {
    await requeueAgent(context, agentId, 'requeued_agent_offline')
  }
  for (const handoff of context.handoffs.dueUpdates(nowMs)) {
    try {
      if (await tellPlace(desk, handoff)) report.placesTold++
    } catch (error) {
      log?.info('queue place update skipped', { handoffId: handoff.id, error: String(error) })
    }
  }
  if (report.timedOut + report.agentsSetOffline > 0) context.hub.queueChanged()
  return report
}

async function timeOut(desk: DeskContext, handoff: Handoff): Promise<boolean> {
  await desk.engine().resumeAtPort(handoff.conversationId, {
    nodeId: handoff.nodeId,
    port: 'unavailable',
    // Refuse before any node runs: a claim since the sweep read the deadline wins.
    check: () => {
      if (desk.handoffs.get(handoff.id)?.status !== 'waiting') {
        throw new Error('the handoff is no longer waiting')
      }
    },
    writeAlso: () => {
      const ended = { status: 'timed_out' as const, endedAt: isoAt(desk.now()) }
      if (!desk.handoffs.updateSync(handoff.id, ['waiting'], ended)) {
        throw new Error('the handoff is no longer waiting')
      }
    },
  })
  desk.handoffs.refreshPlaces(handoff.queue, desk.now())
  return true
}

/** Recomputes a waiting customer's place; tells them only when it changed. */
async function tellPlace(desk: HandoffDesk, handoff: Handoff): Promise<boolean> {
  const context = desk.context
  return context.engine().runExclusive(handoff.conversationId, async () => {
    const current = context.handoffs.get(handoff.id)
    if (current?.status !== 'waiting') return false
    const nowMs = context.now()
    const position = context.handoffs.positionOf(current)
    const next = { nextUpdateMs: nowMs + context.positionUpdateMs, lastPosition: position }
    if (position === current.lastPosition || current.queueMessage.trim() === '') {
      context.handoffs.updateSync(current.id, ['waiting'], next)
      return false
    }
    const estimatedWaitMs = desk.estimateWaitMs(current.queue, position)
    context.database.transaction(() => {
      context.handoffs.updateSync(current.id, ['waiting'], next)
      context.transcript.appendSync(
        current.conversationId,
        [
          {
            role: 'system',
            text: fillQueueMessage(current.queueMessage, { position, estimatedWaitMs }),
            meta: { event: 'queue_place', queue: { position, estimatedWaitMs } },
          },
        ],
        nowMs,
      )
    })
    context.hub.conversationChanged(current.conversationId)
    return true
  })
}

/** Sweeps every `intervalMs` until stopped (the server's timer; tests call sweepDesk). */
export function startDeskTimer(desk: HandoffDesk, intervalMs: number, log?: Logger): () => void {
  let isRunning = false
  const timer = setInterval(() => {
    if (isRunning) return
    isRunning = true
    sweepDesk(desk, log)
      .catch((error) => log?.error('handoff timer failed', error))
      .finally(() => {
        isRunning = false
      })
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
