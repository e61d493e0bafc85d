import { describe, expect, it } from 'vitest'
import {
  type HttpRequest,
  type HttpResponse,
  type HttpService,
  OutboundBlockedError,
  testContext,
} from '../../shared/index.ts'
import http from './index.ts'

function fakeHttp(answer: Partial<HttpResponse> | Error = {}) {
  const requests: HttpRequest[] = []
  const service: HttpService = {
    async request(request) {
      requests.push(request)
      if (answer instanceof Error) throw answer
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{}',
        attempts: 1,
        ...answer,
      }
    },
  }
  return { service, requests }
}

const secrets = {
  resolve: async (name: string) => (name === 'crmToken' ? 'tok-123' : undefined),
}

describe('http node', () => {
  it('renders the URL, query, headers and JSON body from variables', async () => {
    const { service, requests } = fakeHttp()
    const config = http.config.parse({
      method: 'POST',
      url: 'https://crm.example.com/orders/{{ vars.orderId }}',
      query: [{ name: 'q', value: '{{ input }}' }],
      headers: [{ name: 'X-Channel', value: '{{ sys.channel }}' }],
      bodyType: 'json',
      json: {
        orderId: '{{ vars.orderId }}',
        amount: '{{ vars.amount }}',
        note: '备注：{{ input }}',
      },
    })
    const ctx = testContext({
      text: '退货 "急"&x=1',
      vars: { orderId: 'A1024', amount: 99.5 },
      http: service,
    })

    await http.run(ctx, config)

    const sent = requests[0]
    expect(sent?.url).toBe(
      'https://crm.example.com/orders/A1024?q=%E9%80%80%E8%B4%A7+%22%E6%80%A5%22%26x%3D1',
    )
    expect(sent?.headers?.['x-channel']).toBe('api')
    expect(sent?.headers?.['content-type']).toContain('application/json')
    expect(JSON.parse(sent?.body ?? '')).toEqual({
      orderId: 'A1024',
      amount: 99.5,
      note: '备注：退货 "急"&x=1',
    })
  })

  it('puts the secret named in auth into the Authorization header', async () => {
    const { service, requests } = fakeHttp()
    const config = http.config.parse({
      url: 'https://crm.example.com/me',
      auth: { secret: 'crmToken', scheme: 'Bearer' },
    })

    await http.run(testContext({ http: service, secrets }), config)

    expect(requests[0]?.headers?.authorization).toBe('Bearer tok-123')
  })

  it('fails with secret_missing when the named secret is not configured', async () => {
    const { service, requests } = fakeHttp()
    const config = http.config.parse({
      url: 'https://crm.example.com/me',
      auth: { secret: 'erpKey', scheme: '' },
    })

    await expect(http.run(testContext({ http: service, secrets }), config)).rejects.toMatchObject({
      code: 'secret_missing',
      message: expect.stringContaining('SECRET_ERPKEY'),
    })
    expect(requests).toHaveLength(0)
  })

  it('keeps secrets out of the trace and the output', async () => {
    const { service } = fakeHttp()
    const config = http.config.parse({
      url: 'https://crm.example.com/me?customer=138',
      auth: { secret: 'crmToken' },
    })
    const ctx = testContext({ http: service, secrets })

    const result = await http.run(ctx, config)

    const written = JSON.stringify([result, ctx.effects.notes])
    expect(written).not.toContain('tok-123')
    expect(written).not.toContain('customer=138')
  })

  it('maps response fields into variables with paths and takes success', async () => {
    const { service } = fakeHttp({
      body: JSON.stringify({ data: { items: [{ status: 'shipped', eta: '2026-01-03' }] } }),
    })
    const config = http.config.parse({
      url: 'https://crm.example.com/orders',
      mappings: [
        { variable: 'status', path: 'data.items[0].status' },
        { variable: 'missing', path: 'data.items[3].status' },
      ],
    })
    const ctx = testContext({ http: service })

    const result = await http.run(ctx, config)

    expect(result).toMatchObject({ port: 'success', output: { status: 200 } })
    expect(ctx.effects.variables.get('status')).toBe('shipped')
    expect(ctx.effects.variables.get('missing')).toBeNull()
    expect(ctx.effects.notes.some((n) => n.message.includes('data.items[3].status'))).toBe(true)
  })

  it('outputs the status, parsed body and a subset of the headers', async () => {
    const { service } = fakeHttp({
      status: 201,
      headers: { 'content-type': 'application/json', 'set-cookie': 'session=1', etag: '"v1"' },
      body: '{"id":7}',
    })
    const config = http.config.parse({ url: 'https://crm.example.com/orders' })

    const result = await http.run(testContext({ http: service }), config)

    expect(result).toEqual({
      port: 'success',
      output: {
        status: 201,
        body: { id: 7 },
        headers: { 'content-type': 'application/json', etag: '"v1"' },
      },
    })
  })

  it('keeps a text body as text', async () => {
    const { service } = fakeHttp({ headers: { 'content-type': 'text/plain' }, body: 'OK' })
    const config = http.config.parse({ url: 'https://crm.example.com/ping' })

    const result = await http.run(testContext({ http: service }), config)

    expect(result).toMatchObject({ output: { body: 'OK' } })
  })

  it('takes error with the answer as output on a non-2xx status, mapping nothing', async () => {
    const { service } = fakeHttp({ status: 404, body: '{"error":"no such order"}' })
    const config = http.config.parse({
      url: 'https://crm.example.com/orders/1',
      mappings: [{ variable: 'status', path: 'status' }],
    })
    const ctx = testContext({ http: service })

    const result = await http.run(ctx, config)

    expect(result).toMatchObject({
      port: 'error',
      output: { status: 404, body: { error: 'no such order' } },
    })
    expect(ctx.effects.variables.size).toBe(0)
  })

  it('throws the SSRF refusal, which takes the error port', async () => {
    const { service } = fakeHttp(
      new OutboundBlockedError('10.0.0.1', '10.0.0.1', 'a private address'),
    )
    const config = http.config.parse({ url: 'http://10.0.0.1/admin' })

    await expect(http.run(testContext({ http: service }), config)).rejects.toMatchObject({
      code: 'outbound_blocked',
    })
  })

  it('fails clearly when the rendered URL is not a URL', async () => {
    const { service } = fakeHttp()
    const config = http.config.parse({ url: '{{ vars.base }}/orders' })

    await expect(
      http.run(testContext({ http: service, vars: { base: '' } }), config),
    ).rejects.toMatchObject({
      code: 'outbound_failed',
      message: expect.stringContaining('/orders'),
    })
  })

  it('passes the limits on to the service', async () => {
    const { service, requests } = fakeHttp()
    const config = http.config.parse({
      url: 'https://crm.example.com/',
      timeoutMs: 3000,
      retries: 4,
      maxResponseBytes: 4096,
    })

    await http.run(testContext({ http: service }), config)

    expect(requests[0]).toMatchObject({ timeoutMs: 3000, retries: 4, maxResponseBytes: 4096 })
  })

  it('sends form bodies URL-encoded', async () => {
    const { service, requests } = fakeHttp()
    const config = http.config.parse({
      method: 'POST',
      url: 'https://crm.example.com/form',
      bodyType: 'form',
      form: [{ name: 'text', value: '{{ input }}' }],
    })

    await http.run(testContext({ http: service, text: 'a&b=c 中' }), config)

    expect(requests[0]?.body).toBe('text=a%26b%3Dc+%E4%B8%AD')
  })

  describe('config', () => {
    it('has safe defaults', () => {
      const config = http.config.parse({ url: 'https://x.example/' })

      expect(config).toMatchObject({
        method: 'GET',
        bodyType: 'none',
        timeoutMs: 10_000,
        retries: 2,
        maxResponseBytes: 1024 * 1024,
      })
    })

    it.each([
      [{}, 'url'],
      [{ url: 'https://x/', method: 'GET', bodyType: 'json' }, 'bodyType'],
      [{ url: 'https://x/', auth: { secret: 'bad name!' } }, 'auth'],
      [{ url: 'https://x/', headers: [{ name: 'Bad Header', value: '' }] }, 'headers'],
      [{ url: 'https://x/', mappings: [{ variable: 'x', path: 'a..b' }] }, 'mappings'],
      [{ url: 'https://x/', timeoutMs: 10 }, 'timeoutMs'],
      [{ url: 'https://x/', retries: 50 }, 'retries'],
      [{ url: 'https://x/', maxResponseBytes: 1e9 }, 'maxResponseBytes'],
    ])('refuses %j at %s', (input, field) => {
      const parsed = http.config.safeParse(input)

      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues.map((i) => i.path[0])).toContain(field)
    })
  })

  it('has the ports success and error', () => {
    expect(http.outputs(http.config.parse({ url: 'https://x/' }))).toEqual(['success', 'error'])
  })
})
