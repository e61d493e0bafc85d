import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Caller, routeAccess } from '../../runtime/http/access.ts'
import { apiOperations } from '../../runtime/http/openapi.ts'
import { createTestApp, type RequestFn, type TestApp } from '../support/test-app.ts'
import { snapshotTestDatabase } from '../support/test-database.ts'
import { expectError } from './expect-error.ts'
import { createRouteFixture, type RouteFixture, sampleRequest } from './route-fixture.ts'

// The route × role matrix: every route the app has, called by every kind of caller, answers
// what its row in runtime/http/access.ts says. A route without a row fails here.

const callers = ['admin_token', 'admin', 'designer', 'agent', 'analyst', 'api_key'] as const
type TestCaller = (typeof callers)[number]

/** Where the route itself refuses a caller its rule lets in (and why). */
const refusedByRoute: Partial<Record<string, Partial<Record<TestCaller, number>>>> = {
  // Only users have a password to change.
  'POST /api/auth/password': { admin_token: 403 },
  // The fixture conversation never reached an agent (test/api/handoff*.test.ts cover these).
  ...Object.fromEntries(
    ['claim', 'messages', 'typing', 'notes', 'transfer', 'close', 'return'].map((action) => [
      `POST /api/agent/conversations/{id}/${action}`,
      { admin_token: 404, admin: 404, agent: 404 },
    ]),
  ),
}

function apiRouteKeys(t: TestApp): string[] {
  const keys = t.app.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
  return [...new Set(keys)].sort()
}

function expectedStatus(key: string, caller: TestCaller, successStatus: number): number {
  const rule = routeAccess[key]
  if (rule === undefined) return 403
  if (rule === 'public') return successStatus
  const asCaller: Caller = caller === 'admin_token' ? 'admin' : caller
  if (!rule.includes(asCaller)) return 403
  return refusedByRoute[key]?.[caller] ?? successStatus
}

interface World {
  t: TestApp
  fixture: RouteFixture
}

let pristine: { file: string; fixture: RouteFixture; dir: string }

/** A fresh app on a copy of the fixture's database: much cheaper than making it again. */
function createWorld(): World {
  return { t: createTestApp({ databaseCopyOf: pristine.file }), fixture: pristine.fixture }
}

async function closeWorld({ t }: World): Promise<void> {
  await t.knowledge.ingestion.idle()
  t.close()
}

// Refused calls and reads change nothing, so they share one app; a write that gets through gets
// a fresh one, so that no case depends on another's leftovers.
let shared: World

beforeAll(async () => {
  const t = createTestApp()
  const fixture = await createRouteFixture(t)
  await t.knowledge.ingestion.idle()
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-matrix-'))
  pristine = { file: join(dir, 'pristine.db'), fixture, dir }
  snapshotTestDatabase(t.database, pristine.file)
  shared = { t, fixture }
})

afterAll(async () => {
  await closeWorld(shared)
  rmSync(pristine.dir, { recursive: true, force: true })
})

function requestFor({ t, fixture }: World, caller: TestCaller): RequestFn {
  if (caller === 'admin_token') return t.request
  if (caller === 'api_key') return t.requestWithApiKey([fixture.flowId])
  return t.requestAs(caller)
}

describe('the access table', () => {
  it('has a rule for every /api route the app has', () => {
    expect(apiRouteKeys(shared.t).filter((key) => !(key in routeAccess))).toEqual([])
  })

  it('has no rule for a route the app does not have', () => {
    const routes = apiRouteKeys(shared.t)

    expect(Object.keys(routeAccess).filter((key) => !routes.includes(key))).toEqual([])
  })

  it('lets admins (the role) do everything but public routes need no role at all', () => {
    const notForAdmins = Object.entries(routeAccess).filter(
      ([, rule]) => rule !== 'public' && !rule.includes('admin'),
    )

    expect(notForAdmins).toEqual([])
  })

  it('gives API keys nothing but the conversation API and who-am-I', () => {
    const forKeys = Object.entries(routeAccess)
      .filter(([, rule]) => rule !== 'public' && rule.includes('api_key'))
      .map(([key]) => key)
      .filter((key) => !/^\w+ \/api\/conversations(\/|$)/.test(key))

    expect(forKeys.sort()).toEqual(['GET /api/auth/me', 'GET /api/openapi.json'])
  })
})

const cases = apiOperations.flatMap((operation) =>
  callers.map((caller) => {
    const key = `${operation.method.toUpperCase()} ${operation.path}`
    const status = expectedStatus(key, caller, operation.success.status)
    return [key, caller, status, operation] as const
  }),
)

describe.each(cases)('%s as %s', (_key, caller, status, operation) => {
  it(`answers ${status}`, async () => {
    const isSharing = status === 403 || operation.method === 'get'
    const world = isSharing ? shared : createWorld()
    const { path, body } = sampleRequest(operation, world.fixture)

    try {
      const response = await requestFor(world, caller)(operation.method.toUpperCase(), path, body)

      if (status === 403) {
        await expectError(response, 403, 'forbidden')
      } else {
        expect(response.status, await response.clone().text()).toBe(status)
      }
    } finally {
      if (!isSharing) await closeWorld(world)
    }
  })
})
