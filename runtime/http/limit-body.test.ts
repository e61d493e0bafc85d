import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../logger.ts'
import { limitBody } from './apply-security.ts'
import { onError } from './on-error.ts'

function appWithCap(maxBytes: number) {
  const app = new Hono()
  app.onError(onError(createLogger({ isSilent: true })))
  app.use('*', limitBody(maxBytes))
  app.post('/echo', async (c) => c.json({ length: (await c.req.text()).length }))
  return app
}

describe('the request body cap', () => {
  it('refuses a body whose Content-Length is over the cap before reading it', async () => {
    const response = await appWithCap(10).request('/echo', {
      method: 'POST',
      headers: { 'content-length': '11' },
      body: 'x'.repeat(11),
    })

    expect(response.status).toBe(413)
    expect((await response.json()).error.code).toBe('payload_too_large')
  })

  it('counts a chunked body as it streams and refuses it past the cap', async () => {
    const response = await appWithCap(10).request('/echo', {
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked' },
      body: 'x'.repeat(11),
    })

    expect(response.status).toBe(413)
  })

  it('lets a body at the cap through', async () => {
    const response = await appWithCap(10).request('/echo', {
      method: 'POST',
      headers: { 'content-length': '10' },
      body: 'x'.repeat(10),
    })

    expect(await response.json()).toEqual({ length: 10 })
  })
})
