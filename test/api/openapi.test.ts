import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { routeAccess } from '../../runtime/http/access.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

const operationSchema = z.object({
  summary: z.string().min(1),
  tags: z.array(z.string()).min(1),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  parameters: z
    .array(z.object({ name: z.string(), in: z.literal('path'), required: z.literal(true) }))
    .optional(),
  requestBody: z
    .object({
      required: z.boolean(),
      content: z.object({
        'application/json': z.object({ schema: z.record(z.string(), z.unknown()) }),
      }),
    })
    .optional(),
  responses: z.record(
    z.string().regex(/^[1-5]\d\d$/),
    z.object({ description: z.string().min(1) }),
  ),
})
type OperationObject = z.infer<typeof operationSchema>

/** The parts of an OpenAPI 3.1 document these tests rely on. */
const documentSchema = z.object({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.object({ title: z.string().min(1), version: z.string().min(1) }),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  paths: z.record(z.string().startsWith('/'), z.record(z.string(), operationSchema)),
  components: z.object({
    securitySchemes: z.record(z.string(), z.object({ type: z.string(), scheme: z.string() })),
    schemas: z.record(z.string(), z.unknown()),
  }),
})
type OpenApiDocument = z.infer<typeof documentSchema>

let t: TestApp
let document: OpenApiDocument

beforeAll(async () => {
  t = createTestApp()
  const response = await t.request('GET', '/api/openapi.json')
  expect(response.status).toBe(200)
  document = documentSchema.parse(await response.json())
})

afterAll(() => t.close())

function documentedOperations(): { key: string; path: string; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.includes(method))
      .map(([method, operation]) => ({ key: `${method} ${path}`, path, operation })),
  )
}

/** The app's real /api routes as `method /path/{param}`; `app.use` and catch-alls are 'ALL'. */
function appRoutes(): string[] {
  const keys = t.app.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
    .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
  return [...new Set(keys)].sort()
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with paths and the bearer scheme', () => {
    expect(document.openapi).toMatch(/^3\.1\./)
    expect(Object.keys(document.paths).length).toBeGreaterThan(0)
    expect(document.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' })
    expect(document.security).toEqual([{ bearer: [] }])
  })

  it('documents every /api route the app has', () => {
    const documented = documentedOperations().map((op) => op.key)

    expect(appRoutes().filter((route) => !documented.includes(route))).toEqual([])
  })

  it('documents no route the app does not have', () => {
    const routes = appRoutes()

    expect(documentedOperations().filter((op) => !routes.includes(op.key))).toEqual([])
  })

  it('documents as public exactly the routes routeAccess lets go without signing in', () => {
    const open = documentedOperations().filter((op) => op.operation.security?.length === 0)
    const publicInTable = Object.entries(routeAccess)
      .filter(([, rule]) => rule === 'public')
      .map(([key]) => key.replace(/^(\w+) /, (_, method: string) => `${method.toLowerCase()} `))

    expect(open.map((op) => op.key).sort()).toEqual(publicInTable.sort())
  })

  it('declares each path parameter of every operation', () => {
    for (const { key, path, operation } of documentedOperations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1])
      const declared = (operation.parameters ?? []).map((parameter) => parameter.name)
      expect(declared, key).toEqual(inPath)
    }
  })

  it('documents 401 for every operation that needs the token', () => {
    const protectedOps = documentedOperations().filter((op) => op.operation.security === undefined)

    expect(protectedOps.filter((op) => !('401' in op.operation.responses))).toEqual([])
  })

  it('documents 404 for every operation on a flow or conversation id', () => {
    const withId = documentedOperations().filter((op) => op.path.includes('{id}'))

    expect(withId.filter((op) => !('404' in op.operation.responses)).map((op) => op.key)).toEqual(
      [],
    )
  })

  it('documents 400, 413 and 422 for every operation that reads a JSON body', () => {
    const missing = documentedOperations()
      .filter((op) => op.operation.requestBody !== undefined)
      .flatMap((op) =>
        ['400', '413', '422']
          .filter((status) => !(status in op.operation.responses))
          .map((status) => `${op.key} ${status}`),
      )

    expect(missing).toEqual([])
  })

  it('marks the body optional exactly where the route works without one', () => {
    const optional = documentedOperations()
      .filter((op) => op.operation.requestBody?.required === false)
      .map((op) => op.key)
      .sort()

    expect(optional).toEqual(['post /api/flows/{id}/publish', 'post /api/flows/{id}/validate'])
  })
})
