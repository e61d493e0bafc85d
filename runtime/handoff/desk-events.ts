import type { AgentIdentity } from './desk-context.ts'
import type { HandoffNote } from './handoff-store.ts'

/**
 * What the desk writes on a handoff's timeline, as a stable code with values: the console says
 * it in the agent's language, and the English `text` stays for readers of the API from before.
 */
export type DeskEvent =
  | { code: 'claimed' }
  | { code: 'transferred_to_queue'; params: { queue: string } }
  | { code: 'transferred_to_agent'; params: { agentId: string; agentName: string } }
  | { code: 'closed'; params: { resolutionCode: string } }
  | { code: 'returned' }
  | { code: 'customer_left' }
  | { code: 'requeued_agent_offline' }
  | { code: 'requeued_console_silent' }

export type DeskEventCode = DeskEvent['code']

/** Why an agent's conversations went back to the queue. */
export type RequeueCode = Extract<DeskEventCode, `requeued_${string}`>

export const deskEventCodes = [
  'claimed',
  'transferred_to_queue',
  'transferred_to_agent',
  'closed',
  'returned',
  'customer_left',
  'requeued_agent_offline',
  'requeued_console_silent',
] as const satisfies readonly DeskEventCode[]

/** The English words the desk stored before events had codes; still written as `text`. */
export function deskEventText(event: DeskEvent): string {
  switch (event.code) {
    case 'claimed':
      return 'claimed'
    case 'transferred_to_queue':
      return `transferred to queue ${event.params.queue}`
    case 'transferred_to_agent':
      return `transferred to agent ${event.params.agentName}`
    case 'closed':
      return `closed: ${event.params.resolutionCode}`
    case 'returned':
      return 'returned to the bot'
    case 'customer_left':
      return 'the customer left'
    case 'requeued_agent_offline':
      return 'agent offline; back in the queue'
    case 'requeued_console_silent':
      return 'console disconnected; back in the queue'
  }
}

/** A desk event for the notes timeline, by `agent` (null: the customer or the desk itself). */
export function deskEventNote(
  agent: AgentIdentity | null,
  deskEvent: DeskEvent,
  createdAt: string,
): Omit<HandoffNote, 'id'> {
  return {
    kind: 'event',
    agentId: agent?.id ?? null,
    agentName: agent?.name ?? null,
    text: deskEventText(deskEvent),
    code: deskEvent.code,
    params: 'params' in deskEvent ? deskEvent.params : null,
    createdAt,
  }
}

const legacyFixed: Record<string, DeskEvent> = {
  claimed: { code: 'claimed' },
  'returned to the bot': { code: 'returned' },
  'the customer left': { code: 'customer_left' },
  'agent went offline': { code: 'requeued_agent_offline' },
  'agent offline; back in the queue': { code: 'requeued_agent_offline' },
  'console disconnected; back in the queue': { code: 'requeued_console_silent' },
}

/**
 * The code of an event stored before events had one, read from its English text, so that old
 * timelines read like new ones. Undefined for text the desk never wrote (shown as it is).
 */
export function legacyDeskEvent(text: string): DeskEvent | undefined {
  const fixed = legacyFixed[text]
  if (fixed) return fixed
  const closed = /^closed: (.+)$/.exec(text)
  if (closed?.[1]) return { code: 'closed', params: { resolutionCode: closed[1] } }
  const toAgent = /^transferred to agent (.+)$/.exec(text)
  // The agent's id was not kept then; the name is what the console shows.
  if (toAgent?.[1])
    return { code: 'transferred_to_agent', params: { agentId: '', agentName: toAgent[1] } }
  const toQueue = /^transferred to queue (.*)$/.exec(text)
  if (toQueue?.[1] !== undefined)
    return { code: 'transferred_to_queue', params: { queue: toQueue[1] } }
  return undefined
}
