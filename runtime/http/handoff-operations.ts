import { presenceBodySchema } from '../../shared/index.ts'
import {
  agentMessageBodySchema,
  agentNoteBodySchema,
  agentTypingBodySchema,
  closeBodySchema,
  transferBodySchema,
} from './routes/agent-console.ts'
import { leaveBodySchema } from './routes/conversation-stream.ts'
import { cannedResponseBodySchema, queueSettingsSchema } from './routes/desk-settings.ts'

const get = 'get' as const
const post = 'post' as const
const put = 'put' as const
const del = 'delete' as const

/** Human handoff operations (agent console, queues, the customer stream), for openapi.ts. */
export function handoffOperations() {
  const tag = 'handoff' as const
  const conversation = '/api/agent/conversations/{id}'
  return [
    {
      method: get,
      path: '/api/conversations/{id}/stream',
      summary:
        'Live messages (bot, agent, desk) and status of a conversation as Server-Sent Events; resume with Last-Event-ID or ?after=<seq>',
      tag: 'conversations' as const,
      success: { status: 200, description: 'text/event-stream: message, status, typing' },
      errors: [401, 403, 404],
      isStreamable: true,
    },
    {
      method: post,
      path: '/api/conversations/{id}/leave',
      summary: 'The customer left: ends a wait or chat with an agent as abandoned and closes it',
      tag: 'conversations' as const,
      body: leaveBodySchema,
      success: { status: 204, description: 'Closed' },
      errors: [400, 401, 403, 404, 409, 413, 422],
    },
    {
      method: get,
      path: '/api/agent/queue',
      summary: 'The queue: waiting conversations (priority, wait), mine, and agents online',
      tag,
      success: { status: 200, description: '{ now, waiting, mine, agents, me }' },
      errors: [401, 403],
    },
    {
      method: get,
      path: '/api/agent/stream',
      summary: 'The queue as Server-Sent Events (`queue` snapshots); keeps the agent present',
      tag,
      success: { status: 200, description: 'text/event-stream: queue' },
      errors: [401, 403],
      isStreamable: true,
    },
    {
      method: put,
      path: '/api/agent/presence',
      summary: 'Set my presence (online, away, offline), queues and most conversations at once',
      tag,
      body: presenceBodySchema,
      success: { status: 200, description: 'My presence' },
      errors: [400, 401, 403, 413, 422],
    },
    {
      method: get,
      path: conversation,
      summary:
        'A conversation for an agent: transcript, trace, summary, entities, profile, notes (PII masked per policy)',
      tag,
      success: { status: 200, description: '{ conversation, handoff, summary, entities, … }' },
      errors: [401, 403, 404],
    },
    {
      method: get,
      path: `${conversation}/stream`,
      summary: 'Server-Sent `changed` events when the conversation changes (read it again)',
      tag,
      success: { status: 200, description: 'text/event-stream: changed' },
      errors: [401, 403, 404],
      isStreamable: true,
    },
    {
      method: post,
      path: `${conversation}/claim`,
      summary: 'Claim a waiting conversation; 409 handoff_claimed says who was first',
      tag,
      success: { status: 200, description: '{ handoff }' },
      errors: [401, 403, 404, 409],
    },
    {
      method: post,
      path: `${conversation}/messages`,
      summary: 'Reply to the customer (same channel and stream as the bot); {{ }} variables filled',
      tag,
      body: agentMessageBodySchema,
      success: { status: 201, description: '{ message }' },
      errors: [400, 401, 403, 404, 409, 413, 422],
    },
    {
      method: post,
      path: `${conversation}/typing`,
      summary: 'Show or hide "agent is typing" on the customer stream',
      tag,
      body: agentTypingBodySchema,
      success: { status: 204, description: 'Sent' },
      errors: [400, 401, 403, 404, 409, 413, 422],
    },
    {
      method: post,
      path: `${conversation}/notes`,
      summary:
        'Add an internal note (never shown to the customer); 409 handoff_not_assigned unless yours',
      tag,
      body: agentNoteBodySchema,
      success: { status: 201, description: '{ note }' },
      errors: [400, 401, 403, 404, 409, 413, 422],
    },
    {
      method: post,
      path: `${conversation}/transfer`,
      summary: 'Transfer to another queue ({ queue }) or online agent ({ agentId })',
      tag,
      body: transferBodySchema,
      success: { status: 200, description: '{ handoff }' },
      errors: [400, 401, 403, 404, 409, 413, 422],
    },
    {
      method: post,
      path: `${conversation}/close`,
      summary: 'Close the conversation with a resolution code',
      tag,
      body: closeBodySchema,
      success: { status: 204, description: 'Closed' },
      errors: [400, 401, 403, 404, 409, 413, 422],
    },
    {
      method: post,
      path: `${conversation}/return`,
      summary: "Return to the bot: the flow goes on at the handoff node's `returned` port",
      tag,
      success: { status: 200, description: '{ conversationId, turnId, status, messages }' },
      errors: [401, 403, 404, 409],
    },
    {
      method: get,
      path: '/api/agent/canned-responses',
      summary: 'Canned responses (for every queue, and ?queue= if given)',
      tag,
      success: { status: 200, description: '{ cannedResponses }' },
      errors: [401, 403, 422],
    },
    {
      method: get,
      path: '/api/agent/metrics',
      summary:
        'Time to first agent reply, handle time, conversations per agent per hour, handoff share, bot resolution after return (?from&to&queue)',
      tag,
      success: { status: 200, description: 'The metrics of the window' },
      errors: [401, 403, 422],
    },
    {
      method: get,
      path: '/api/queues',
      summary: 'Queues with settings (business hours, holidays, resolution codes)',
      tag,
      success: { status: 200, description: '{ queues }' },
      errors: [401, 403],
    },
    {
      method: put,
      path: '/api/queues/{name}',
      summary: "Create or replace a queue's settings",
      tag,
      body: queueSettingsSchema,
      success: { status: 200, description: 'The queue' },
      errors: [400, 401, 403, 413, 422],
    },
    {
      method: del,
      path: '/api/queues/{name}',
      summary: "Delete a queue's settings (the queue is then always open)",
      tag,
      success: { status: 204, description: 'Deleted' },
      errors: [401, 403, 404],
    },
    {
      method: post,
      path: '/api/canned-responses',
      summary: 'Create a canned response',
      tag,
      body: cannedResponseBodySchema,
      success: { status: 201, description: 'The canned response' },
      errors: [400, 401, 403, 413, 422],
    },
    {
      method: put,
      path: '/api/canned-responses/{id}',
      summary: 'Change a canned response',
      tag,
      body: cannedResponseBodySchema,
      success: { status: 200, description: 'The canned response' },
      errors: [400, 401, 403, 404, 413, 422],
    },
    {
      method: del,
      path: '/api/canned-responses/{id}',
      summary: 'Delete a canned response',
      tag,
      success: { status: 204, description: 'Deleted' },
      errors: [401, 403, 404],
    },
  ]
}
