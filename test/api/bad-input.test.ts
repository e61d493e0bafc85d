import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildFlow, echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError, problemPaths, problemsOf } from './expect-error.ts'

const flowLimitBytes = 5 * 1024 * 1024
const messageLimitBytes = 64 * 1024
const publishLimitBytes = 64 * 1024

let t: TestApp
/** A running conversation on the published flow `echo`, waiting for the customer. */
let conversationId: string

beforeEach(async () => {
  t = createTestApp()
  await t.publish(echoFlow('echo'))
  const started = await t.request('POST', '/api/conversations', { flowId: 'echo' })
  conversationId = ((await started.json()) as { id: string }).id
})

afterEach(() => t.close())

/** Everything a bad request could have changed: read through the API, plus row counts. */
async function snapshot() {
  const read = async (path: string) => {
    const response = await t.request('GET', path)
    return { status: response.status, body: await response.json() }
  }
  const counts = t.database.sqlite
    .prepare(
      `select (select count(*) from flows) as flows,
              (select count(*) from flow_versions) as versions,
              (select count(*) from conversations) as conversations,
              (select count(*) from turns) as turns,
              (select count(*) from messages) as messages`,
    )
    .get()
  return {
    flows: await read('/api/flows'),
    draft: await read('/api/flows/echo'),
    versions: await read('/api/flows/echo/versions'),
    conversation: await read(`/api/conversations/${conversationId}`),
    counts,
  }
}

interface BodyRoute {
  name: string
  method: 'POST' | 'PUT'
  path: () => string
  limitBytes: number
  /** A body the route accepts in the state beforeEach sets up. */
  validBody: () => Record<string, unknown>
  successStatus: number
}

const bodyRoutes: BodyRoute[] = [
  {
    name: 'POST /api/flows',
    method: 'POST',
    path: () => '/api/flows',
    limitBytes: flowLimitBytes,
    validBody: () => echoFlow('new-flow'),
    successStatus: 201,
  },
  {
    name: 'PUT /api/flows/:id',
    method: 'PUT',
    path: () => '/api/flows/echo',
    limitBytes: flowLimitBytes,
    validBody: () => ({ revision: 1, flow: echoFlow('echo') }),
    successStatus: 200,
  },
  {
    name: 'POST /api/flows/:id/validate',
    method: 'POST',
    path: () => '/api/flows/echo/validate',
    limitBytes: flowLimitBytes,
    validBody: () => ({ flow: echoFlow('echo') }),
    successStatus: 200,
  },
  {
    name: 'POST /api/flows/:id/publish',
    method: 'POST',
    path: () => '/api/flows/echo/publish',
    limitBytes: publishLimitBytes,
    validBody: () => ({ note: '第二版' }),
    successStatus: 201,
  },
  {
    name: 'POST /api/conversations',
    method: 'POST',
    path: () => '/api/conversations',
    limitBytes: messageLimitBytes,
    validBody: () => ({ flowId: 'echo', profile: { name: '张三' } }),
    successStatus: 201,
  },
  {
    name: 'POST /api/conversations/:id/messages',
    method: 'POST',
    path: () => `/api/conversations/${conversationId}/messages`,
    limitBytes: messageLimitBytes,
    validBody: () => ({ text: '你好' }),
    successStatus: 200,
  },
]

/** `body` grown to `bytes` bytes of JSON with a key every route's schema ignores. */
function padded(body: Record<string, unknown>, bytes: number): string {
  const base = JSON.stringify({ ...body, padding: '' })
  return JSON.stringify({ ...body, padding: 'x'.repeat(bytes - Buffer.byteLength(base)) })
}

const malformedBodies = ['{"text": "你好"', 'not json', "{'text': '你好'}", '{"text": "你好",}']

describe.each(bodyRoutes.map((route) => [route.name, route] as const))('%s', (_name, route) => {
  it.each(malformedBodies)(
    'refuses the malformed JSON %j with 400 malformed_json and changes nothing',
    async (body) => {
      const before = await snapshot()

      const response = await t.request(route.method, route.path(), body)

      await expectError(response, 400, 'malformed_json')
      expect(await snapshot()).toEqual(before)
    },
  )

  it('refuses a body one byte over the limit with 413 payload_too_large and changes nothing', async () => {
    const before = await snapshot()

    const response = await t.request(
      route.method,
      route.path(),
      padded(route.validBody(), route.limitBytes + 1),
    )

    const error = await expectError(response, 413, 'payload_too_large')
    expect(error.details).toEqual({ limitBytes: route.limitBytes })
    expect(await snapshot()).toEqual(before)
  })

  it('accepts a body exactly at the limit', async () => {
    const response = await t.request(
      route.method,
      route.path(),
      padded(route.validBody(), route.limitBytes),
    )

    expect(response.status, await response.clone().text()).toBe(route.successStatus)
  })

  it('refuses an over-long body that declares a small Content-Length', async () => {
    const response = await t.request(
      route.method,
      route.path(),
      padded(route.validBody(), route.limitBytes + 1),
      { 'content-length': '10' },
    )

    await expectError(response, 413, 'payload_too_large')
  })
})

describe('body limits', () => {
  it('counts message bytes, not characters: 22,000 Chinese characters are over 64 KB', async () => {
    const before = await snapshot()
    const text = '好'.repeat(22_000)

    const response = await t.request('POST', `/api/conversations/${conversationId}/messages`, {
      text,
    })

    expect(text.length).toBeLessThan(messageLimitBytes)
    await expectError(response, 413, 'payload_too_large')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a 6 MB flow with 413 payload_too_large', async () => {
    const flow = { ...echoFlow('huge'), description: '大'.repeat(2 * 1024 * 1024) }

    const response = await t.request('POST', '/api/flows', flow)

    await expectError(response, 413, 'payload_too_large')
    await expectError(await t.request('GET', '/api/flows/huge'), 404, 'flow_not_found')
  })
})

describe('bodies of the wrong shape', () => {
  it('refuses a flow document of the wrong shape with 422 flow_invalid listing every problem', async () => {
    const before = await snapshot()

    const response = await t.request('POST', '/api/flows', {
      schemaVersion: 2,
      id: 'bad id!',
      name: '',
      nodes: 'none',
      edges: [],
    })

    const error = await expectError(response, 422, 'flow_invalid')
    expect(problemPaths(error)).toEqual(
      expect.arrayContaining([['schemaVersion'], ['id'], ['name'], ['nodes']]),
    )
    expect(problemsOf(error).every((p) => p.code === 'schema')).toBe(true)
    expect(await snapshot()).toEqual(before)
  })

  it.each([
    {
      name: 'PUT /api/flows/:id without a flow and with revision 0',
      method: 'PUT',
      path: () => '/api/flows/echo',
      body: { revision: 0 },
      paths: [['revision'], ['flow']],
    },
    {
      name: 'POST /api/flows/:id/publish with a numeric note and a text revision',
      method: 'POST',
      path: () => '/api/flows/echo/publish',
      body: { note: 5, revision: 'one' },
      paths: [['note'], ['revision']],
    },
    {
      name: 'POST /api/flows/:id/validate with a list',
      method: 'POST',
      path: () => '/api/flows/echo/validate',
      body: [],
      paths: [[]],
    },
    {
      name: 'POST /api/conversations with every field wrong',
      method: 'POST',
      path: () => '/api/conversations',
      body: {
        flowId: 'bad id!',
        customerId: '',
        channel: '',
        profile: 'vip',
        locale: 'Chinese',
        idempotencyKey: '',
      },
      paths: [['flowId'], ['customerId'], ['channel'], ['profile'], ['locale'], ['idempotencyKey']],
    },
    {
      name: 'POST /api/conversations without a flowId',
      method: 'POST',
      path: () => '/api/conversations',
      body: {},
      paths: [['flowId']],
    },
    {
      name: 'POST /api/conversations/:id/messages with every field wrong',
      method: 'POST',
      path: () => `/api/conversations/${conversationId}/messages`,
      body: { text: 5, payload: 7, idempotencyKey: '' },
      paths: [['text'], ['payload'], ['idempotencyKey']],
    },
    {
      name: 'POST /api/conversations/:id/messages with text over 4000 characters',
      method: 'POST',
      path: () => `/api/conversations/${conversationId}/messages`,
      body: { text: '好'.repeat(4001) },
      paths: [['text']],
    },
  ])(
    'refuses $name with 422 invalid_request listing every problem, and changes nothing',
    async ({ method, path, body, paths }) => {
      const before = await snapshot()

      const response = await t.request(method, path(), body)

      const error = await expectError(response, 422, 'invalid_request')
      expect(problemPaths(error)).toEqual(expect.arrayContaining(paths))
      expect(problemPaths(error)).toHaveLength(paths.length)
      expect(await snapshot()).toEqual(before)
    },
  )

  it.each([
    ['POST /api/conversations', () => '/api/conversations', { flowId: 'echo' }],
    [
      'POST /api/conversations/:id/messages',
      () => `/api/conversations/${conversationId}/messages`,
      { text: '你好' },
    ],
  ])(
    '%s refuses an Idempotency-Key header over 200 characters with 422 invalid_request',
    async (_name, path, body) => {
      const before = await snapshot()

      const response = await t.request('POST', path(), body, { 'idempotency-key': 'k'.repeat(201) })

      await expectError(response, 422, 'invalid_request')
      expect(await snapshot()).toEqual(before)
    },
  )
})

describe('unknown flows and conversations', () => {
  const unknownConversation = randomUUID()

  it.each([
    ['GET', '/api/flows/nope', undefined],
    ['PUT', '/api/flows/nope', { revision: 1, flow: echoFlow('nope') }],
    ['DELETE', '/api/flows/nope', undefined],
    ['POST', '/api/flows/nope/validate', {}],
    ['POST', '/api/flows/nope/publish', {}],
    ['GET', '/api/flows/nope/versions', undefined],
    ['GET', '/api/flows/nope/versions/1', undefined],
    ['POST', '/api/conversations', { flowId: 'nope' }],
  ])('%s %s answers 404 flow_not_found', async (method, path, body) => {
    const response = await t.request(method, path, body)

    const error = await expectError(response, 404, 'flow_not_found')
    expect(error.details).toEqual({ flowId: 'nope' })
  })

  it.each([
    ['POST', `/api/conversations/${unknownConversation}/messages`, { text: '你好' }],
    ['GET', `/api/conversations/${unknownConversation}`, undefined],
    ['GET', `/api/conversations/${unknownConversation}/trace`, undefined],
  ])('%s %s answers 404 conversation_not_found', async (method, path, body) => {
    const response = await t.request(method, path, body)

    await expectError(response, 404, 'conversation_not_found')
  })

  it('answers 404 conversation_not_found to a message for an unknown conversation even when streaming', async () => {
    const response = await t.request(
      'POST',
      `/api/conversations/${unknownConversation}/messages`,
      { text: '你好' },
      { accept: 'text/event-stream' },
    )

    await expectError(response, 404, 'conversation_not_found')
  })
})

describe('conversations that cannot take the request', () => {
  /** start → reply → end: the conversation closes in its first turn. */
  async function startClosedConversation(): Promise<string> {
    await t.publish(
      buildFlow(
        'one-shot',
        [
          { id: 'start', type: 'start' },
          { id: 'notice', type: 'reply', config: { text: '系统维护中，请稍后再来。' } },
          { id: 'bye', type: 'end', config: { resolution: 'unresolved' } },
        ],
        [
          ['start', 'next', 'notice'],
          ['notice', 'next', 'bye'],
        ],
      ),
    )
    const started = await t.request('POST', '/api/conversations', { flowId: 'one-shot' })
    const body = (await started.json()) as { id: string; status: string }
    expect(body.status).toBe('closed')
    return body.id
  }

  async function readConversation(id: string): Promise<unknown> {
    return (await t.request('GET', `/api/conversations/${id}`)).json()
  }

  it('refuses a message to a closed conversation with 409 conversation_closed and keeps the transcript', async () => {
    const closedId = await startClosedConversation()
    const before = await readConversation(closedId)

    const response = await t.request('POST', `/api/conversations/${closedId}/messages`, {
      text: '还在吗？',
    })

    await expectError(response, 409, 'conversation_closed')
    expect(await readConversation(closedId)).toEqual(before)
  })

  it('refuses a streamed message to a closed conversation with 409, not inside the stream', async () => {
    const closedId = await startClosedConversation()

    const response = await t.request(
      'POST',
      `/api/conversations/${closedId}/messages`,
      { text: '还在吗？' },
      { accept: 'text/event-stream' },
    )

    await expectError(response, 409, 'conversation_closed')
  })

  it('refuses a streamed message with a new idempotency key to a closed conversation with 409', async () => {
    const closedId = await startClosedConversation()
    const before = await readConversation(closedId)

    const response = await t.request(
      'POST',
      `/api/conversations/${closedId}/messages`,
      { text: '还在吗？', idempotencyKey: 'never-used-before' },
      { accept: 'text/event-stream' },
    )

    await expectError(response, 409, 'conversation_closed')
    expect(await readConversation(closedId)).toEqual(before)
  })

  it('refuses to start a conversation on a flow never published with 409 flow_not_published', async () => {
    await t.request('POST', '/api/flows', echoFlow('draft-only'))
    const before = await snapshot()

    const response = await t.request('POST', '/api/conversations', { flowId: 'draft-only' })

    await expectError(response, 409, 'flow_not_published')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a streamed start on a flow never published with 409, not inside the stream', async () => {
    await t.request('POST', '/api/flows', echoFlow('draft-only'))

    const response = await t.request(
      'POST',
      '/api/conversations',
      { flowId: 'draft-only' },
      { accept: 'text/event-stream' },
    )

    await expectError(response, 409, 'flow_not_published')
  })

  it('refuses a streamed start on an unknown flow with 404, not inside the stream', async () => {
    const response = await t.request(
      'POST',
      '/api/conversations',
      { flowId: 'nope' },
      { accept: 'text/event-stream' },
    )

    await expectError(response, 404, 'flow_not_found')
  })
})

describe('ids in the URL', () => {
  it.each(['bad%20id', '-starts-with-dash', 'x'.repeat(101)])(
    'refuses the flow id %j with 422 invalid_request',
    async (flowId) => {
      const response = await t.request('GET', `/api/flows/${flowId}`)

      await expectError(response, 422, 'invalid_request')
    },
  )
})

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/no-such-thing'],
    ['GET', '/api/flows/echo/drafts'],
    ['GET', '/api/flows/echo/versions/1/extra'],
    ['PATCH', '/api/flows/echo'],
    ['POST', '/api/health'],
    ['DELETE', `/api/conversations/some-id`],
  ])('%s %s answers 404 route_not_found', async (method, path) => {
    const response = await t.request(method, path)

    const error = await expectError(response, 404, 'route_not_found')
    expect(error.details).toEqual({ method, path })
  })
})
