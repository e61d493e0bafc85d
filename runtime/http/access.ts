import type { Role } from '../../shared/index.ts'

/**
 * Who may call which route: the ONE table the access middleware (auth.ts) enforces. Keys are
 * `'<METHOD> <openapi path>'` exactly as listed in openapi.ts. A route without a row is refused
 * to everyone (fail closed), and test/api/route-access.test.ts fails until it has one.
 *
 * Values: `'public'` (no sign-in at all), or the roles allowed, plus `'api_key'` where channel
 * API keys may call it (the conversation API only; keys are further limited to their flows).
 */
export type Caller = Role | 'api_key'
export type RouteRule = 'public' | readonly Caller[]

const everyone = ['admin', 'designer', 'agent', 'analyst'] as const
const designers = ['admin', 'designer'] as const
const readers = ['admin', 'designer', 'analyst'] as const
const admins = ['admin'] as const
const agents = ['admin', 'agent'] as const

export const routeAccess: Record<string, RouteRule> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': [...everyone, 'api_key'],
  'GET /api/node-types': everyone,

  // Accounts (runtime/http/routes/auth.ts, users.ts, api-keys.ts)
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/sign-out': 'public',
  'GET /api/auth/me': [...everyone, 'api_key'],
  'GET /api/auth/session': 'public',
  'POST /api/auth/password': everyone,
  'GET /api/users': admins,
  'POST /api/users': admins,
  'GET /api/users/{id}': admins,
  'PUT /api/users/{id}': admins,
  'POST /api/users/{id}/password': admins,
  'GET /api/api-keys': admins,
  'POST /api/api-keys': admins,
  'DELETE /api/api-keys/{id}': admins,

  // Flows: designers write; analysts read them to make sense of analytics and transcripts;
  // agents see the list to filter the console.
  'GET /api/flows': everyone,
  'POST /api/flows': designers,
  'GET /api/flows/{id}': readers,
  'PUT /api/flows/{id}': designers,
  'DELETE /api/flows/{id}': designers,
  'POST /api/flows/{id}/validate': designers,
  'POST /api/flows/{id}/publish': designers,
  'GET /api/flows/{id}/versions': readers,
  'GET /api/flows/{id}/versions/{version}': readers,
  'POST /api/flows/{id}/test-conversations': designers,

  // The conversation API: channels (API keys) talk, designers try, analysts and agents read.
  // Designers start test chats (above), not live conversations; on the customer's side
  // (messages, leave, stream) the route lets them act only in test conversations
  // (conversation-access.ts assertMayActAsCustomer).
  'POST /api/conversations': ['admin', 'api_key'],
  'POST /api/conversations/{id}/messages': [...designers, 'api_key'],
  'GET /api/conversations/{id}': [...everyone, 'api_key'],
  'GET /api/conversations/{id}/trace': readers,
  'POST /api/conversations/{id}/events': [...designers, 'agent', 'api_key'],
  'GET /api/conversations/{id}/events': [...everyone, 'api_key'],

  // Model providers are workspace settings: designers pick them, admins change them.
  'GET /api/providers': designers,
  'POST /api/providers': admins,
  'GET /api/providers/{name}': designers,
  'PUT /api/providers/{name}': admins,
  'DELETE /api/providers/{name}': admins,
  'POST /api/providers/{name}/default': admins,
  'POST /api/providers/{name}/test': admins,

  'GET /api/knowledge-bases': readers,
  'POST /api/knowledge-bases': designers,
  'GET /api/knowledge-bases/{id}': readers,
  'PUT /api/knowledge-bases/{id}': designers,
  'DELETE /api/knowledge-bases/{id}': designers,
  'GET /api/knowledge-bases/{id}/documents': readers,
  'POST /api/knowledge-bases/{id}/documents': designers,
  'GET /api/knowledge-bases/{id}/documents/{documentId}': readers,
  'GET /api/knowledge-bases/{id}/documents/{documentId}/chunks': readers,
  'DELETE /api/knowledge-bases/{id}/documents/{documentId}': designers,
  'POST /api/knowledge-bases/{id}/search': designers,

  'GET /api/compliance/policies': readers,
  'POST /api/compliance/policies': designers,
  'GET /api/compliance/policies/{id}': readers,
  'PUT /api/compliance/policies/{id}': designers,
  'DELETE /api/compliance/policies/{id}': designers,
  'POST /api/compliance/policies/{id}/copy': designers,
  'POST /api/compliance/policies/{id}/try': designers,
  'GET /api/compliance/events': readers,

  // Experiments: designers run them; analysts read the results.
  'GET /api/experiments': readers,
  'POST /api/experiments': designers,
  'GET /api/statistics/sample-size': readers,
  'GET /api/experiments/{id}': readers,
  'GET /api/experiments/{id}/results': readers,
  'POST /api/experiments/{id}/start': designers,
  'POST /api/experiments/{id}/pause': designers,
  'POST /api/experiments/{id}/stop': designers,
  'POST /api/experiments/{id}/promote': designers,

  // Analytics: analysts, designers and admins read; token prices are a workspace setting.
  'GET /api/analytics/kpis': readers,
  'GET /api/analytics/unanswered': readers,
  'GET /api/analytics/flows/{id}/nodes': readers,
  'GET /api/analytics/prices': readers,
  'PUT /api/analytics/prices': admins,

  // Secrets and the audit log: admins only (runtime/http/routes/secrets.ts, audit.ts).
  'GET /api/secrets': admins,
  'PUT /api/secrets/{name}': admins,
  'DELETE /api/secrets/{name}': admins,
  'GET /api/audit': admins,
  'GET /api/audit/export': admins,
  'GET /api/audit/verify': admins,

  // Human handoff: agents work the console; admins set queues and canned responses. The
  // customer's live stream and "left" belong to the conversation API (channels, test chat;
  // designers only in test conversations, as for messages). Agent-console writes need the
  // conversation to be assigned to the agent (runtime/handoff desk-guards.ts ownHandoff).
  'GET /api/conversations/{id}/stream': [...designers, 'api_key'],
  'POST /api/conversations/{id}/leave': [...designers, 'api_key'],
  'GET /api/agent/queue': agents,
  'GET /api/agent/stream': agents,
  'PUT /api/agent/presence': agents,
  'GET /api/agent/conversations/{id}': agents,
  'GET /api/agent/conversations/{id}/stream': agents,
  'POST /api/agent/conversations/{id}/claim': agents,
  'POST /api/agent/conversations/{id}/messages': agents,
  'POST /api/agent/conversations/{id}/typing': agents,
  'POST /api/agent/conversations/{id}/notes': agents,
  'POST /api/agent/conversations/{id}/transfer': agents,
  'POST /api/agent/conversations/{id}/close': agents,
  'POST /api/agent/conversations/{id}/return': agents,
  'GET /api/agent/canned-responses': agents,
  'GET /api/agent/metrics': ['admin', 'agent', 'analyst'],
  'GET /api/queues': ['admin', 'designer', 'agent'],
  'PUT /api/queues/{name}': admins,
  'DELETE /api/queues/{name}': admins,
  'POST /api/canned-responses': admins,
  'PUT /api/canned-responses/{id}': admins,
  'DELETE /api/canned-responses/{id}': admins,
}
