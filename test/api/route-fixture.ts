import { expect } from 'vitest'
import type { apiOperations } from '../../runtime/http/openapi.ts'
import { echoFlow } from '../support/flow-builder.ts'
import { type TestApp, testUserPassword } from '../support/test-app.ts'

export type Operation = (typeof apiOperations)[number]

/** What exists before each request: a published flow with one running conversation, etc. */
export interface RouteFixture {
  flowId: string
  revision: number
  conversationId: string
  /** A conversation of the editor's test chat (on a draft snapshot of the flow). */
  testConversationId: string
  knowledgeBaseId: string
  documentId: string
  policyId: string
  providerName: string
  userId: string
  username: string
  apiKeyId: string
  /** A running experiment between versions 1 and 2 of the flow. */
  experimentId: string
  cannedResponseId: string
}

export const fixturePassword = 'fixture-password-123'

/** Makes one of everything the API has, through the API, as the admin token. */
export async function createRouteFixture(t: TestApp): Promise<RouteFixture> {
  const flowId = 'echo'
  await t.publish(echoFlow(flowId))
  await t.publish(echoFlow(flowId))
  const draft = (await (await t.request('GET', `/api/flows/${flowId}`)).json()) as {
    revision: number
  }
  const started = (await (await t.request('POST', '/api/conversations', { flowId })).json()) as {
    id: string
  }
  const testStarted = (await (
    await t.request('POST', `/api/flows/${flowId}/test-conversations`, {})
  ).json()) as { id: string }
  const base = (await (
    await t.request('POST', '/api/knowledge-bases', { name: '售后' })
  ).json()) as { id: string }
  const document = (await (
    await t.request('POST', `/api/knowledge-bases/${base.id}/documents`, {
      name: '退货.txt',
      text: '七天无理由退货。',
    })
  ).json()) as { id: string }
  await t.knowledge.ingestion.idle()
  const policy = { id: 'audit-policy', name: '审计' }
  expect((await t.request('POST', '/api/compliance/policies', policy)).status).toBe(201)
  // Port 9 refuses at once: the connection test answers its 200 quickly.
  const provider = { name: 'local', baseUrl: 'http://127.0.0.1:9/v1', chatModel: 'm' }
  expect((await t.request('POST', '/api/providers', provider)).status).toBe(201)
  // Secret routes share the `{name}` parameter: a secret of the same name exists too.
  expect(
    (await t.request('PUT', `/api/secrets/${provider.name}`, { value: 'fixture-secret' })).status,
  ).toBe(201)
  const { user } = await t.accounts.createUser({
    username: 'fixture-user',
    role: 'designer',
    password: fixturePassword,
  })
  const { apiKey } = await t.accounts.apiKeys.create({
    name: 'fixture key',
    flowIds: [flowId],
    createdBy: 'test',
  })
  const experiment = await t.experiments.create(
    {
      flowId,
      name: '实验',
      description: '',
      variants: [
        { name: 'A', version: 1, weight: 50 },
        { name: 'B', version: 2, weight: 50 },
      ],
      primaryKpi: 'automationResolutionRate',
      guardrails: [],
      alpha: 0.05,
      power: 0.8,
      mde: 0.05,
      baseline: 0.7,
      minConversations: 100,
    },
    'test',
  )
  // Running: start (a repeat), pause, stop and promote all answer 200.
  await t.experiments.start(experiment.id)
  // Queue settings named like the provider: `{name}` in a path stands for both.
  t.desk.context.settings.putQueue(provider.name, {})
  const canned = t.desk.context.settings.putCanned(undefined, { title: '问候', text: '您好' })
  return {
    cannedResponseId: canned.id,
    experimentId: experiment.id,
    flowId,
    revision: draft.revision,
    conversationId: started.id,
    testConversationId: testStarted.id,
    knowledgeBaseId: base.id,
    documentId: document.id,
    policyId: policy.id,
    providerName: provider.name,
    userId: user.id,
    username: user.username,
    apiKeyId: apiKey.id,
  }
}

const customerSideRoutes = [
  'post /api/conversations/{id}/messages',
  'post /api/conversations/{id}/leave',
  'get /api/conversations/{id}/stream',
]

/**
 * A request for `operation` that succeeds against the fixture when the caller may make it.
 * A route that reads a body needs a sample here.
 */
export function sampleRequest(
  operation: Operation,
  fixture: RouteFixture,
): { path: string; body?: unknown } {
  const idByPrefix: [string, string][] = [
    ['/api/conversations/', fixture.conversationId],
    ['/api/knowledge-bases/', fixture.knowledgeBaseId],
    ['/api/compliance/policies/', fixture.policyId],
    ['/api/users/', fixture.userId],
    ['/api/api-keys/', fixture.apiKeyId],
    ['/api/experiments/', fixture.experimentId],
    ['/api/agent/conversations/', fixture.conversationId],
    ['/api/canned-responses/', fixture.cannedResponseId],
  ]
  // The customer's side is used in the test chat: designers may act there and only there (their
  // refusal in live conversations: test/api/customer-side-access.test.ts).
  const isCustomerSide = customerSideRoutes.includes(`${operation.method} ${operation.path}`)
  const id = isCustomerSide
    ? fixture.testConversationId
    : (idByPrefix.find(([prefix]) => operation.path.startsWith(prefix))?.[1] ?? fixture.flowId)
  const path = operation.path
    .replace('{id}', id)
    .replace('{version}', '1')
    .replace('{documentId}', fixture.documentId)
    .replace('{name}', fixture.providerName)
    // Live streams stay open; `once` sends what is there now and ends.
    .concat(operation.path.endsWith('/stream') ? '?once=1' : '')
  const bodies: Record<string, unknown> = {
    'post /api/flows': echoFlow('second-flow'),
    'put /api/flows/{id}': { revision: fixture.revision, flow: echoFlow(fixture.flowId) },
    'post /api/flows/{id}/validate': {},
    'post /api/flows/{id}/publish': { note: '第二版' },
    'post /api/flows/{id}/test-conversations': {},
    'post /api/conversations': { flowId: fixture.flowId },
    'post /api/conversations/{id}/messages': { text: '你好' },
    'post /api/conversations/{id}/events': { type: 'conversion', name: 'order_paid' },
    'post /api/conversations/{id}/leave': {},
    'put /api/agent/presence': { status: 'online' },
    'post /api/agent/conversations/{id}/messages': { text: '您好' },
    'post /api/agent/conversations/{id}/typing': { isTyping: true },
    'post /api/agent/conversations/{id}/notes': { text: '备注' },
    'post /api/agent/conversations/{id}/transfer': { queue: 'billing' },
    'post /api/agent/conversations/{id}/close': { resolutionCode: 'resolved' },
    'put /api/queues/{name}': { hours: [] },
    'post /api/canned-responses': { title: '稍等', text: '请稍等' },
    'put /api/canned-responses/{id}': { title: '问候', text: '{{ user.name }}您好' },
    'post /api/knowledge-bases': { name: '售后' },
    'put /api/knowledge-bases/{id}': { name: '售后知识' },
    'post /api/knowledge-bases/{id}/documents': { name: '运费.txt', text: '满99元包邮。' },
    'post /api/knowledge-bases/{id}/search': { query: '退货' },
    'post /api/compliance/policies': { id: 'second-policy', name: '第二' },
    'put /api/compliance/policies/{id}': { id: fixture.policyId, name: '改名' },
    'post /api/compliance/policies/{id}/copy': { id: 'copied-policy' },
    'post /api/compliance/policies/{id}/try': { text: '你好' },
    'post /api/providers': { name: 'second', baseUrl: 'http://127.0.0.1:9/v1', chatModel: 'm' },
    'put /api/providers/{name}': { chatModel: 'm2' },
    'post /api/auth/sign-in': { login: fixture.username, password: fixturePassword },
    'post /api/auth/password': {
      currentPassword: testUserPassword,
      newPassword: 'another-horse-battery',
    },
    'post /api/users': { username: 'new-user', role: 'agent' },
    'put /api/users/{id}': { role: 'analyst' },
    'post /api/api-keys': { name: '网页聊天', flowIds: [fixture.flowId] },
    'put /api/secrets/{name}': { value: 'crm-token-sample', description: '样例' },
    'post /api/experiments': {
      flowId: fixture.flowId,
      name: '第二个实验',
      variants: [
        { name: 'A', version: 1, weight: 50 },
        { name: 'B', version: 2, weight: 50 },
      ],
    },
    'post /api/experiments/{id}/promote': { variant: 'B' },
    'put /api/analytics/prices': { promptPer1k: 0.002, completionPer1k: 0.006, currency: 'CNY' },
  }
  const key = `${operation.method} ${operation.path}`
  if (operation.body && !(key in bodies)) {
    throw new Error(`test/api/route-fixture.ts has no sample body for ${key}: add one`)
  }
  return key in bodies ? { path, body: bodies[key] } : { path }
}
