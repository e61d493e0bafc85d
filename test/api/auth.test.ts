import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiOperations } from '../../runtime/http/openapi.ts'
import { echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp, testToken } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'

type Operation = (typeof apiOperations)[number]

/** What exists before each request: a published flow with one running conversation. */
interface Fixture {
  flowId: string
  revision: number
  conversationId: string
  knowledgeBaseId: string
  documentId: string
  policyId: string
  providerName: string
}

/** A request for `operation` that succeeds against the fixture when the token is right. */
function sampleRequest(operation: Operation, fixture: Fixture): { path: string; body?: unknown } {
  const id = operation.path.startsWith('/api/conversations/')
    ? fixture.conversationId
    : operation.path.startsWith('/api/knowledge-bases/')
      ? fixture.knowledgeBaseId
      : operation.path.startsWith('/api/compliance/policies/')
        ? fixture.policyId
        : fixture.flowId
  const path = operation.path
    .replace('{id}', id)
    .replace('{version}', '1')
    .replace('{documentId}', fixture.documentId)
    .replace('{name}', fixture.providerName)
  const bodies: Record<string, unknown> = {
    'post /api/flows': echoFlow('second-flow'),
    'put /api/flows/{id}': { revision: fixture.revision, flow: echoFlow(fixture.flowId) },
    'post /api/flows/{id}/validate': {},
    'post /api/flows/{id}/publish': { note: '第二版' },
    'post /api/flows/{id}/test-conversations': {},
    'post /api/conversations': { flowId: fixture.flowId },
    'post /api/conversations/{id}/messages': { text: '你好' },
    'post /api/conversations/{id}/events': { type: 'conversion', name: 'order_paid' },
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
  }
  const key = `${operation.method} ${operation.path}`
  if (operation.body && !(key in bodies)) {
    throw new Error(`auth.test.ts has no sample body for ${key}: add one`)
  }
  return key in bodies ? { path, body: bodies[key] } : { path }
}

function send(
  app: TestApp['app'],
  operation: Operation,
  fixture: Fixture,
  authorization: string | undefined,
): Promise<Response> {
  const { path, body } = sampleRequest(operation, fixture)
  const headers: Record<string, string> = {}
  if (authorization !== undefined) headers.authorization = authorization
  if (body !== undefined) headers['content-type'] = 'application/json'
  return Promise.resolve(
    app.request(path, {
      method: operation.method.toUpperCase(),
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
}

const malformedHeaders = [
  'Bearer',
  'Bearer ',
  testToken,
  `Basic ${Buffer.from(`admin:${testToken}`).toString('base64')}`,
  `Token ${testToken}`,
  `Bearer${testToken}`,
  `Bearer ${testToken} ${testToken}`,
  `Bearer ${testToken},`,
]

let t: TestApp
let fixture: Fixture

beforeEach(async () => {
  t = createTestApp()
  const flowId = 'echo'
  await t.publish(echoFlow(flowId))
  const draft = (await (await t.request('GET', `/api/flows/${flowId}`)).json()) as {
    revision: number
  }
  const started = (await (await t.request('POST', '/api/conversations', { flowId })).json()) as {
    id: string
  }
  const base = (await (
    await t.request('POST', '/api/knowledge-bases', { name: '售后' })
  ).json()) as {
    id: string
  }
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
  fixture = {
    flowId,
    revision: draft.revision,
    conversationId: started.id,
    knowledgeBaseId: base.id,
    documentId: document.id,
    policyId: policy.id,
    providerName: provider.name,
  }
})

afterEach(async () => {
  await t.knowledge.ingestion.idle()
  t.close()
})

describe('health check', () => {
  it('answers without a token', async () => {
    const response = await t.app.request('/api/health')

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', version: 'test' })
  })

  it('answers even with a wrong token', async () => {
    const response = await t.app.request('/api/health', {
      headers: { authorization: 'Bearer wrong-token' },
    })

    expect(response.status).toBe(200)
  })

  it('is the only operation documented as public', () => {
    const publicPaths = apiOperations.filter((op) => op.isPublic).map((op) => op.path)

    expect(publicPaths).toEqual(['/api/health'])
  })
})

const protectedOperations = apiOperations
  .filter((op) => !op.isPublic)
  .map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const)

describe.each(protectedOperations)('%s', (_name, operation) => {
  it('answers 401 unauthorized without an Authorization header', async () => {
    const response = await send(t.app, operation, fixture, undefined)

    await expectError(response, 401, 'unauthorized')
  })

  it('answers 401 unauthorized with a wrong token', async () => {
    const response = await send(t.app, operation, fixture, `Bearer ${testToken}-wrong`)

    await expectError(response, 401, 'unauthorized')
  })

  it('answers 401 unauthorized with a token that is a prefix of the right one', async () => {
    const response = await send(t.app, operation, fixture, `Bearer ${testToken.slice(0, -1)}`)

    await expectError(response, 401, 'unauthorized')
  })

  it.each(malformedHeaders)(
    'answers 401 unauthorized with the malformed header %j',
    async (header) => {
      const response = await send(t.app, operation, fixture, header)

      await expectError(response, 401, 'unauthorized')
    },
  )

  it('lets the right token through to the documented success status', async () => {
    const response = await send(t.app, operation, fixture, `Bearer ${testToken}`)

    expect(response.status, await response.clone().text()).toBe(operation.success.status)
  })

  it('accepts the auth scheme in any letter case', async () => {
    const response = await send(t.app, operation, fixture, `bearer ${testToken}`)

    expect(response.status).toBe(operation.success.status)
  })
})

describe('requests without a valid token', () => {
  it('change nothing', async () => {
    const headers = { authorization: 'Bearer wrong-token', 'content-type': 'application/json' }

    await t.app.request(`/api/flows/${fixture.flowId}`, { method: 'DELETE', headers })
    await t.app.request(`/api/conversations/${fixture.conversationId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: '你好' }),
    })

    expect((await t.request('GET', `/api/flows/${fixture.flowId}`)).status).toBe(200)
    const conversation = (await (
      await t.request('GET', `/api/conversations/${fixture.conversationId}`)
    ).json()) as { turnCount: number; messages: unknown[] }
    expect(conversation.turnCount).toBe(1)
    expect(conversation.messages).toHaveLength(1)
  })

  it('learn nothing about unknown routes: 401 before 404', async () => {
    const response = await t.app.request('/api/no-such-route')

    await expectError(response, 401, 'unauthorized')
  })
})
