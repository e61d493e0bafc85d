import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routeAccess } from '../../runtime/http/access.ts'
import { apiOperations } from '../../runtime/http/openapi.ts'
import { createTestApp, type TestApp, testToken } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'
import {
  createRouteFixture,
  type Operation,
  type RouteFixture,
  sampleRequest,
} from './route-fixture.ts'

// Who may do what once signed in: route-access.test.ts. Here: nobody gets in without
// credentials, and bad credentials change nothing (so one fixture serves the whole file).

function send(
  app: TestApp['app'],
  operation: Operation,
  fixture: RouteFixture,
  headers: Record<string, string>,
): Promise<Response> {
  const { path, body } = sampleRequest(operation, fixture)
  return Promise.resolve(
    app.request(path, {
      method: operation.method.toUpperCase(),
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
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
let fixture: RouteFixture

beforeAll(async () => {
  t = createTestApp()
  fixture = await createRouteFixture(t)
})

afterAll(async () => {
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

  it('is, with sign-in, sign-out and the session check, the only operation documented as public', () => {
    const publicPaths = apiOperations.filter((op) => op.isPublic).map((op) => op.path)

    expect(publicPaths.sort()).toEqual([
      '/api/auth/session',
      '/api/auth/sign-in',
      '/api/auth/sign-out',
      '/api/health',
    ])
  })

  it('is public in routeAccess exactly where openapi.ts says so', () => {
    const publicRules = Object.keys(routeAccess).filter((key) => routeAccess[key] === 'public')
    const documented = apiOperations
      .filter((op) => op.isPublic)
      .map((op) => `${op.method.toUpperCase()} ${op.path}`)

    expect(publicRules.sort()).toEqual(documented.sort())
  })
})

const protectedOperations = apiOperations
  .filter((op) => !op.isPublic)
  .map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const)

describe.each(protectedOperations)('%s', (_name, operation) => {
  it('answers 401 unauthorized without credentials', async () => {
    const response = await send(t.app, operation, fixture, {})

    await expectError(response, 401, 'unauthorized')
  })

  it('answers 401 unauthorized with a wrong token', async () => {
    const response = await send(t.app, operation, fixture, {
      authorization: `Bearer ${testToken}-wrong`,
    })

    await expectError(response, 401, 'unauthorized')
  })

  it('answers 401 unauthorized with a token that is a prefix of the right one', async () => {
    const response = await send(t.app, operation, fixture, {
      authorization: `Bearer ${testToken.slice(0, -1)}`,
    })

    await expectError(response, 401, 'unauthorized')
  })

  it('answers 401 unauthorized with an unknown API key', async () => {
    const response = await send(t.app, operation, fixture, {
      authorization: 'Bearer sbk_not-a-real-key',
    })

    await expectError(response, 401, 'unauthorized')
  })

  it('answers 401 unauthorized with an unknown session cookie', async () => {
    const response = await send(t.app, operation, fixture, { cookie: 'sb_session=forged' })

    await expectError(response, 401, 'unauthorized')
  })

  it.each(malformedHeaders)(
    'answers 401 unauthorized with the malformed header %j',
    async (header) => {
      const response = await send(t.app, operation, fixture, { authorization: header })

      await expectError(response, 401, 'unauthorized')
    },
  )
})

describe('requests without valid credentials', () => {
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

  it('accept the auth scheme in any letter case', async () => {
    const response = await t.app.request('/api/flows', {
      headers: { authorization: `bearer ${testToken}` },
    })

    expect(response.status).toBe(200)
  })
})
