import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../runtime/config.ts'
import { startServer } from '../../runtime/server.ts'
import { expectError } from '../api/expect-error.ts'
import { echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp, testUserPassword } from '../support/test-app.ts'

describe('security headers', () => {
  let t: TestApp
  afterEach(() => t.close())

  it('sends a CSP without external sources, frame-ancestors none and no HSTS over plain HTTP', async () => {
    t = createTestApp()

    const response = await t.request('GET', '/api/health')

    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("worker-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toMatch(/https?:/)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('strict-transport-security')).toBeNull()
  })

  it('sends HSTS when a trusted proxy says the request came over https', async () => {
    t = createTestApp({ security: { trustProxy: true } })

    const response = await t.request('GET', '/api/health', undefined, {
      'x-forwarded-proto': 'https',
    })

    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=31536000/)
  })
})

describe('rate limits', () => {
  let t: TestApp
  afterEach(() => t.close())

  it('answers failed sign-ins beyond the limit per address with 429 and Retry-After', async () => {
    t = createTestApp({ security: { trustProxy: true, signInLimit: { burst: 2, perMinute: 2 } } })
    const attempt = (ip: string) =>
      t.app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ login: 'nobody', password: 'wrong-password' }),
      })

    await attempt('203.0.113.7')
    await attempt('203.0.113.7')
    const third = await attempt('203.0.113.7')
    const otherAddress = await attempt('198.51.100.1')

    expect(third.headers.get('retry-after')).toBe('30')
    await expectError(third, 429, 'rate_limited')
    expect(otherAddress.status).not.toBe(429)
  })

  it('counts by the address the trusted proxy appended, not by what the client wrote before it', async () => {
    t = createTestApp({ security: { trustProxy: true, signInLimit: { burst: 1, perMinute: 1 } } })
    const attempt = (forwardedFor: string) =>
      t.app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ login: 'nobody', password: 'wrong-password' }),
      })

    await attempt('10.9.9.1, 203.0.113.7')
    const spoofed = await attempt('10.9.9.2, 203.0.113.7')

    await expectError(spoofed, 429, 'rate_limited')
  })

  it('never counts a successful sign-in against the limit', async () => {
    t = createTestApp({ security: { trustProxy: true, signInLimit: { burst: 1, perMinute: 1 } } })
    const { user } = await t.accounts.createUser({
      username: 'li.na',
      role: 'designer',
      password: testUserPassword,
    })
    const signIn = () =>
      t.app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ login: user.username, password: testUserPassword }),
      })

    const statuses = [(await signIn()).status, (await signIn()).status, (await signIn()).status]

    expect(statuses).toEqual([200, 200, 200])
  })

  it('limits the conversation API per API key, wherever it calls from', async () => {
    t = createTestApp({
      security: { trustProxy: true, conversationLimit: { burst: 2, perMinute: 60 } },
    })
    await t.publish(echoFlow('echo'))
    const channel = t.requestWithApiKey(['echo'])
    const start = (ip: string) =>
      channel('POST', '/api/conversations', { flowId: 'echo' }, { 'x-forwarded-for': ip })

    const statuses = [(await start('10.0.0.1')).status, (await start('10.0.0.2')).status]
    const refused = await start('10.0.0.3')

    expect(statuses).toEqual([201, 201])
    expect(refused.headers.get('retry-after')).toBe('1')
    await expectError(refused, 429, 'rate_limited')
  })
})

describe('request size limit', () => {
  let t: TestApp
  afterEach(() => t.close())

  it('refuses a body over the limit with 413 before a route reads it', async () => {
    t = createTestApp()

    const response = await t.request('PUT', '/api/secrets/big', { value: 'x'.repeat(100_000) })

    await expectError(response, 413, 'payload_too_large')
    expect((await (await t.request('GET', '/api/secrets')).json()).secrets).toEqual([])
  })
})

describe('HTTPS', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('serves HTTPS with TLS_CERT and TLS_KEY, with HSTS', async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-tls-'))
    const cert = join(dir, 'cert.pem')
    const key = join(dir, 'key.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    )
    const config = loadConfig({
      DATA_DIR: join(dir, 'data'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      LOAD_EXAMPLES: 'false',
      TLS_CERT: cert,
      TLS_KEY: key,
    })
    const server = await startServer(config, {})

    const response = await new Promise<{ status: number; hsts: string | undefined; body: string }>(
      (resolve, reject) => {
        const req = httpsRequest(`${server.url}/api/health`, { ca: readFileSync(cert) }, (res) => {
          let body = ''
          res.on('data', (chunk) => {
            body += chunk
          })
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              hsts: res.headers['strict-transport-security'],
              body,
            }),
          )
        })
        req.on('error', reject)
        req.end()
      },
    )
    await server.close()

    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(response.status).toBe(200)
    expect(response.hsts).toMatch(/max-age=/)
  })

  it('refuses TLS_CERT without TLS_KEY at start', () => {
    expect(() => loadConfig({ TLS_CERT: '/tmp/cert.pem' })).toThrow(/TLS_CERT and TLS_KEY/)
  })
})
