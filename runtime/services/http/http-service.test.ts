import { afterEach, describe, expect, it } from 'vitest'
import { OutboundBlockedError, OutboundRequestError } from '../../../shared/index.ts'
import { type HttpTarget, sendJson, startHttpTarget } from '../../../test/stubs/http-target.ts'
import { createAddressPolicy } from './address-policy.ts'
import type { ResolveHost } from './guarded-lookup.ts'
import { createHttpService } from './http-service.ts'

// Names these tests use, so that no test needs DNS. Every real connection goes to 127.0.0.1.
const fakeDns: Record<string, string> = {
  localhost: '127.0.0.1',
  'metadata.test': '169.254.169.254',
  'intranet.test': '10.0.0.1',
  'v6-loopback.test': '::1',
  'mapped.test': '::ffff:127.0.0.1',
  'crm.test': '127.0.0.1',
}
const resolveHost: ResolveHost = async (hostname) => {
  const address = fakeDns[hostname]
  if (!address) throw Object.assign(new Error(`unknown host ${hostname}`), { code: 'ENOTFOUND' })
  return [{ address, family: address.includes(':') ? 6 : 4 }]
}

const sleeps: number[] = []
const noSleep = async (ms: number) => {
  sleeps.push(ms)
}

/** The service as a deployment without an allow-list has it. */
const guarded = createHttpService({ resolveHost, sleep: noSleep })
/** The service with 127.0.0.1 allow-listed, so tests can reach their local target. */
const allowingLocal = createHttpService({
  policy: createAddressPolicy({ cidrs: ['127.0.0.1'] }),
  resolveHost,
  sleep: noSleep,
})

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the request to be refused')
}

let target: HttpTarget | undefined
afterEach(async () => {
  await target?.close()
  target = undefined
  sleeps.length = 0
})

describe('http service: SSRF guard', () => {
  it.each([
    'http://127.0.0.1/',
    'http://[::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://0.0.0.0/',
    'http://[::ffff:127.0.0.1]/',
    'http://2130706433/',
    'http://0x7f.1/',
  ])('refuses %s before connecting', async (url) => {
    const error = await rejection(guarded.request({ method: 'GET', url }))

    expect(error).toBeInstanceOf(OutboundBlockedError)
  })

  it.each([
    ['localhost', 'loopback'],
    ['metadata.test', 'metadata'],
    ['intranet.test', 'private'],
    ['v6-loopback.test', 'loopback'],
    ['mapped.test', 'loopback'],
  ])('refuses the name %s, which resolves to a %s address', async (host, kind) => {
    target = await startHttpTarget((_req, res) => sendJson(res, 200, { ok: true }))

    const error = await rejection(
      guarded.request({ method: 'GET', url: `http://${host}:${target.port}/` }),
    )

    expect(error).toBeInstanceOf(OutboundBlockedError)
    expect((error as Error).message).toContain(kind)
    expect(target.requests).toHaveLength(0)
  })

  it('reaches an allow-listed address', async () => {
    target = await startHttpTarget((_req, res) => sendJson(res, 200, { ok: true }))

    const response = await allowingLocal.request({ method: 'GET', url: `${target.url}/ping` })

    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ ok: true })
  })

  it('refuses a redirect to a private address', async () => {
    target = await startHttpTarget((_req, res) => {
      res.writeHead(302, { location: 'http://10.0.0.1/admin' })
      res.end()
    })

    const error = await rejection(allowingLocal.request({ method: 'GET', url: target.url }))

    expect(error).toBeInstanceOf(OutboundBlockedError)
    expect(target.requests).toHaveLength(1)
  })

  it('refuses a redirect to a name that resolves to the metadata address', async () => {
    target = await startHttpTarget((_req, res) => {
      res.writeHead(307, { location: 'http://metadata.test/latest/meta-data/' })
      res.end()
    })

    const error = await rejection(allowingLocal.request({ method: 'POST', url: target.url }))

    expect(error).toBeInstanceOf(OutboundBlockedError)
    expect((error as Error).message).toContain('metadata')
  })

  it('follows allowed redirects, dropping credentials when the origin changes', async () => {
    const other = await startHttpTarget((req, res) => sendJson(res, 200, req.headers))
    target = await startHttpTarget((req, res) => {
      const location = req.url === '/start' ? '/same-origin' : `http://crm.test:${other.port}/`
      res.writeHead(301, { location })
      res.end()
    })

    const response = await allowingLocal.request({
      method: 'GET',
      url: `${target.url}/start`,
      headers: { authorization: 'Bearer secret-token', 'x-trace': 'kept' },
    })
    await other.close()

    expect(response.status).toBe(200)
    expect(target.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer secret-token',
      'Bearer secret-token',
    ])
    const seen = JSON.parse(response.body) as Record<string, string>
    expect(seen.authorization).toBeUndefined()
    expect(seen['x-trace']).toBe('kept')
  })

  it('turns a POST into a GET without body after a 303', async () => {
    target = await startHttpTarget((req, res) => {
      if (req.url === '/submit') {
        res.writeHead(303, { location: '/result' })
        res.end()
      } else sendJson(res, 200, { method: req.method, type: req.headers['content-type'] ?? null })
    })

    const response = await allowingLocal.request({
      method: 'POST',
      url: `${target.url}/submit`,
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })

    expect(JSON.parse(response.body)).toEqual({ method: 'GET', type: null })
    expect(target.requests[1]?.body).toBe('')
  })

  it('stops after maxRedirects', async () => {
    target = await startHttpTarget((_req, res) => {
      res.writeHead(302, { location: '/again' })
      res.end()
    })

    const error = await rejection(
      allowingLocal.request({ method: 'GET', url: target.url, maxRedirects: 5 }),
    )

    expect(error).toBeInstanceOf(OutboundRequestError)
    expect((error as OutboundRequestError).reason).toBe('redirects')
    expect(target.requests).toHaveLength(6)
  })

  it('refuses URLs that are not http or https', async () => {
    const error = await rejection(guarded.request({ method: 'GET', url: 'file:///etc/passwd' }))

    expect((error as OutboundRequestError).reason).toBe('invalid_url')
  })
})

describe('http service: limits and retries', () => {
  it('cuts a 50 MB response off at the limit without reading it all', async () => {
    let sentBytes = 0
    target = await startHttpTarget((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const chunk = Buffer.alloc(64 * 1024, 120)
      const total = 50 * 1024 * 1024
      const pump = () => {
        while (sentBytes < total) {
          sentBytes += chunk.byteLength
          if (!res.write(chunk)) {
            res.once('drain', pump)
            return
          }
        }
        res.end()
      }
      res.on('close', () => res.removeAllListeners('drain'))
      pump()
    })

    const error = await rejection(allowingLocal.request({ method: 'GET', url: target.url }))

    expect(error).toBeInstanceOf(OutboundRequestError)
    expect((error as OutboundRequestError).reason).toBe('too_large')
    expect((error as Error).message).toContain('1048576 bytes')
    expect(sentBytes).toBeLessThan(50 * 1024 * 1024)
  })

  it('refuses a response whose declared length is over the limit at once', async () => {
    target = await startHttpTarget((_req, res) => {
      res.writeHead(200, { 'content-length': String(2000) })
      res.end('x'.repeat(2000))
    })

    const error = await rejection(
      allowingLocal.request({ method: 'GET', url: target.url, maxResponseBytes: 1000 }),
    )

    expect((error as OutboundRequestError).reason).toBe('too_large')
  })

  it('retries a 503 with exponential backoff, then returns the success', async () => {
    let calls = 0
    target = await startHttpTarget((_req, res) => {
      calls++
      if (calls < 3) sendJson(res, 503, { error: 'busy' })
      else sendJson(res, 200, { ok: true })
    })

    const response = await allowingLocal.request({
      method: 'GET',
      url: target.url,
      retries: 3,
      retryBaseDelayMs: 100,
    })

    expect(response.status).toBe(200)
    expect(response.attempts).toBe(3)
    expect(sleeps).toEqual([100, 200])
  })

  it('returns the last 5xx answer when the retries run out', async () => {
    target = await startHttpTarget((_req, res) => sendJson(res, 502, { error: 'down' }))

    const response = await allowingLocal.request({ method: 'GET', url: target.url, retries: 2 })

    expect(response.status).toBe(502)
    expect(target.requests).toHaveLength(3)
  })

  it('does not retry a 4xx answer', async () => {
    target = await startHttpTarget((_req, res) => sendJson(res, 404, { error: 'no such order' }))

    const response = await allowingLocal.request({ method: 'GET', url: target.url, retries: 2 })

    expect(response.status).toBe(404)
    expect(target.requests).toHaveLength(1)
  })

  it('does not retry a refused address', async () => {
    await rejection(guarded.request({ method: 'GET', url: 'http://10.0.0.1/', retries: 3 }))

    expect(sleeps).toEqual([])
  })

  it('times out a server that never answers, and retries it', async () => {
    target = await startHttpTarget(() => {
      // Never answers.
    })

    const error = await rejection(
      allowingLocal.request({ method: 'GET', url: target.url, timeoutMs: 50, retries: 1 }),
    )

    expect(error).toBeInstanceOf(OutboundRequestError)
    expect((error as OutboundRequestError).reason).toBe('timeout')
    expect(target.requests).toHaveLength(2)
  })

  it('reports a refused connection as a network error', async () => {
    target = await startHttpTarget((_req, res) => sendJson(res, 200, {}))
    const url = target.url
    await target.close()
    target = undefined

    const error = await rejection(allowingLocal.request({ method: 'GET', url }))

    expect((error as OutboundRequestError).reason).toBe('network')
  })

  it('sends the method, headers and body it was given', async () => {
    target = await startHttpTarget((req, res) => sendJson(res, 201, { got: req.body }))

    const response = await allowingLocal.request({
      method: 'POST',
      url: `${target.url}/orders?x=1`,
      headers: { 'content-type': 'application/json' },
      body: '{"订单":"A1"}',
    })

    expect(response.status).toBe(201)
    expect(target.requests[0]).toMatchObject({
      method: 'POST',
      url: '/orders?x=1',
      body: '{"订单":"A1"}',
    })
  })
})
