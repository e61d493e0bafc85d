import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TurnResult } from '../../runtime/engine/index.ts'
import { createAddressPolicy, createHttpService } from '../../runtime/services/http/index.ts'
import type { JsonValue } from '../../shared/index.ts'
import { type HttpTarget, sendJson, startHttpTarget } from '../stubs/http-target.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

type StartAnswer = TurnResult & { id: string }
interface TraceView {
  turns: { steps: { nodeId: string; port: string | null; outcome: string; error: JsonValue }[] }[]
}

let t: TestApp
let crm: HttpTarget

beforeEach(async () => {
  crm = await startHttpTarget((req, res) => {
    if (req.url.startsWith('/orders/A1')) {
      sendJson(res, 200, { data: { items: [{ status: 'shipped' }] } })
    } else if (req.url.startsWith('/to-metadata')) {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' })
      res.end()
    } else sendJson(res, 404, { error: 'not found' })
  })
  t = createTestApp({
    // The CRM stub is local: allow-list exactly 127.0.0.1, as an operator would an intranet CRM.
    http: createHttpService({
      policy: createAddressPolicy({ cidrs: ['127.0.0.1'] }),
      sleep: async () => {},
    }),
    secrets: { resolve: async (name) => (name === 'crmToken' ? 'crm-secret-value' : undefined) },
  })
})

afterEach(async () => {
  t.close()
  await crm.close()
})

async function startOn(flowId: string): Promise<StartAnswer> {
  const response = await t.request('POST', '/api/conversations', { flowId })
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as StartAnswer
}

async function variablesOf(conversationId: string): Promise<Record<string, JsonValue>> {
  const response = await t.request('GET', `/api/conversations/${conversationId}`)
  return ((await response.json()) as { variables: Record<string, JsonValue> }).variables
}

async function stepsOf(conversationId: string) {
  const response = await t.request('GET', `/api/conversations/${conversationId}/trace`)
  return ((await response.json()) as TraceView).turns.flatMap((turn) => turn.steps)
}

function httpFlow(id: string, url: string) {
  return buildFlow(
    id,
    [
      { id: 'start', type: 'start' },
      {
        id: 'lookup',
        type: 'http',
        config: {
          url,
          auth: { secret: 'crmToken' },
          mappings: [{ variable: 'status', path: 'data.items[0].status' }],
        },
      },
      { id: 'ok', type: 'reply', config: { text: '订单状态：{{ vars.status }}' } },
      { id: 'failed', type: 'reply', config: { text: '查询失败' } },
    ],
    [
      ['start', 'next', 'lookup'],
      ['lookup', 'success', 'ok'],
      ['lookup', 'error', 'failed'],
    ],
    { variables: [{ name: 'status', type: 'string' }] },
  )
}

describe('http node in a flow', () => {
  it('calls the CRM with the secret and maps the answer into a variable', async () => {
    await t.publish(httpFlow('crm', `${crm.url}/orders/A1`))

    const started = await startOn('crm')

    expect(started.messages.map((m) => m.text)).toEqual(['订单状态：shipped'])
    expect(crm.requests[0]?.headers.authorization).toBe('Bearer crm-secret-value')
  })

  it('never stores the secret in the flow, the conversation or the trace', async () => {
    await t.publish(httpFlow('crm', `${crm.url}/orders/A1`))
    const started = await startOn('crm')

    const stored = [
      await (await t.request('GET', '/api/flows/crm')).text(),
      await (await t.request('GET', `/api/conversations/${started.id}/trace`)).text(),
      await (await t.request('GET', `/api/conversations/${started.id}`)).text(),
    ]

    for (const text of stored) expect(text).not.toContain('crm-secret-value')
  })

  it('takes the error port when a redirect points at the metadata address', async () => {
    await t.publish(httpFlow('crm', `${crm.url}/to-metadata`))

    const started = await startOn('crm')

    expect(started.messages.map((m) => m.text)).toEqual(['查询失败'])
    const lookup = (await stepsOf(started.id)).find((s) => s.nodeId === 'lookup')
    expect(lookup).toMatchObject({ outcome: 'error', error: { code: 'outbound_blocked' } })
  })

  it('refuses a private address that is not allow-listed', async () => {
    await t.publish(httpFlow('crm', 'http://10.0.0.1/orders/A1'))

    const started = await startOn('crm')

    expect(started.messages.map((m) => m.text)).toEqual(['查询失败'])
    expect(crm.requests).toHaveLength(0)
  })

  it('flags a template that tries to read a secret, and has no secret to give it', async () => {
    const flow = httpFlow('leaky', `${crm.url}/orders/A1`)
    const lookup = flow.nodes[1]
    if (lookup) {
      lookup.data.config = {
        url: `${crm.url}/orders/A1`,
        headers: [{ name: 'X-Token', value: 'Bearer {{ secrets.crmToken }}' }],
      }
    }

    const response = await t.request('POST', '/api/flows/leaky/validate', { flow })
    await t.publish(flow)
    await startOn('leaky')

    const body = (await response.json()) as { problems: { nodeId?: string; code?: string }[] }
    expect(body.problems).toContainEqual(
      expect.objectContaining({ nodeId: 'lookup', code: 'unknown_variable_root' }),
    )
    expect(crm.requests[0]?.headers['x-token']).toBe('Bearer')
  })
})

describe('code node in a flow', () => {
  function codeFlow(id: string, code: string) {
    return buildFlow(
      id,
      [
        { id: 'start', type: 'start' },
        { id: 'calc', type: 'code', config: { code } },
        { id: 'ok', type: 'reply', config: { text: '积分：{{ vars.points }}' } },
        { id: 'failed', type: 'reply', config: { text: '计算失败' } },
      ],
      [
        ['start', 'next', 'calc'],
        ['calc', 'next', 'ok'],
        ['calc', 'error', 'failed'],
      ],
      { variables: [{ name: 'points', type: 'number', default: 10 }] },
    )
  }

  it('runs the code on the variables and stores what it returns', async () => {
    await t.publish(codeFlow('calc', 'return { points: input.vars.points * 2 + 1 }'))

    const started = await startOn('calc')

    expect(started.messages.map((m) => m.text)).toEqual(['积分：21'])
    expect(await variablesOf(started.id)).toMatchObject({ points: 21 })
  })

  it.each([
    ['loops forever', 'while (true) {}', 'timeout'],
    [
      'allocates without end',
      'const a = []; for (;;) a.push("x".repeat(1000) + a.length)',
      'memory',
    ],
    ['calls require', 'require("child_process").execSync("id")', 'exception'],
    ['reads process', 'return { points: process.pid }', 'exception'],
  ])(
    'takes the error port, and the server keeps answering, when the code %s',
    async (_what, code, reason) => {
      await t.publish(codeFlow('bad-code', code))

      const started = await startOn('bad-code')

      expect(started.messages.map((m) => m.text)).toEqual(['计算失败'])
      const calc = (await stepsOf(started.id)).find((s) => s.nodeId === 'calc')
      expect(calc).toMatchObject({ outcome: 'error', error: { code: 'code_failed' } })
      expect(JSON.stringify(calc?.error)).toContain(reason === 'exception' ? 'threw' : '')
      expect(await variablesOf(started.id)).toMatchObject({ points: 10 })
      expect((await t.request('GET', '/api/health')).status).toBe(200)
    },
  )
})

describe('bad action configs', () => {
  it('lists every problem of a bad http and code config when saving', async () => {
    const flow = buildFlow(
      'bad-actions',
      [
        { id: 'start', type: 'start' },
        { id: 'lookup', type: 'http', config: { url: '', retries: 99 } },
        { id: 'calc', type: 'code', config: { timeoutMs: 999_999 } },
      ],
      [
        ['start', 'next', 'lookup'],
        ['lookup', 'success', 'calc'],
      ],
    )

    const response = await t.request('POST', '/api/flows/bad-actions/validate', { flow })

    const body = (await response.json()) as { problems: { nodeId?: string; path: unknown[] }[] }
    const paths = body.problems.map((p) => JSON.stringify(p.path))
    expect(paths.some((p) => p.includes('url'))).toBe(true)
    expect(paths.some((p) => p.includes('retries'))).toBe(true)
    expect(paths.some((p) => p.includes('timeoutMs'))).toBe(true)
  })
})
