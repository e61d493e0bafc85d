import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiKey } from '../../shared/index.ts'
import { echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'

let t: TestApp

beforeEach(async () => {
  t = createTestApp()
  await t.publish(echoFlow('shop'))
  await t.publish(echoFlow('bank'))
})

afterEach(() => t.close())

async function createKey(flowIds: string[]) {
  const response = await t.request('POST', '/api/api-keys', { name: '网页聊天', flowIds })
  return (await response.json()) as { key: string; apiKey: ApiKey }
}

const withKey = (key: string) => ({
  authorization: `Bearer ${key}`,
  'content-type': 'application/json',
})

describe('POST /api/api-keys', () => {
  it('shows the key once and lists only its prefix afterwards', async () => {
    const { key, apiKey } = await createKey(['shop'])

    expect(key).toMatch(/^sbk_[\w-]{43}$/)
    expect(apiKey).toMatchObject({ scope: 'conversations', flowIds: ['shop'], revokedAt: null })
    const list = await (await t.request('GET', '/api/api-keys')).text()
    expect(list).not.toContain(key)
    expect(list).toContain(key.slice(0, 10))
  })

  it('refuses a key for a flow that does not exist', async () => {
    const response = await t.request('POST', '/api/api-keys', { name: 'x', flowIds: ['nope'] })

    await expectError(response, 404, 'flow_not_found')
    expect(await (await t.request('GET', '/api/api-keys')).json()).toEqual({ apiKeys: [] })
  })
})

describe('a channel API key', () => {
  it('starts conversations and talks on its own flows', async () => {
    const { key } = await createKey(['shop'])

    const started = await t.app.request('/api/conversations', {
      method: 'POST',
      headers: withKey(key),
      body: JSON.stringify({ flowId: 'shop' }),
    })
    const { id } = (await started.json()) as { id: string }
    const posted = await t.app.request(`/api/conversations/${id}/messages`, {
      method: 'POST',
      headers: withKey(key),
      body: JSON.stringify({ text: '你好' }),
    })

    expect(started.status).toBe(201)
    expect(posted.status).toBe(200)
  })

  it('may not start a conversation on another flow (403)', async () => {
    const { key } = await createKey(['shop'])

    const response = await t.app.request('/api/conversations', {
      method: 'POST',
      headers: withKey(key),
      body: JSON.stringify({ flowId: 'bank' }),
    })

    await expectError(response, 403, 'forbidden')
  })

  it('cannot see or write to a conversation of another flow (404, as if it did not exist)', async () => {
    const { key } = await createKey(['shop'])
    const other = (await (
      await t.request('POST', '/api/conversations', { flowId: 'bank' })
    ).json()) as {
      id: string
    }

    const read = await t.app.request(`/api/conversations/${other.id}`, { headers: withKey(key) })
    const write = await t.app.request(`/api/conversations/${other.id}/messages`, {
      method: 'POST',
      headers: withKey(key),
      body: JSON.stringify({ text: '转账' }),
    })

    await expectError(read, 404, 'conversation_not_found')
    await expectError(write, 404, 'conversation_not_found')
  })

  it('may not touch flows, users or anything but the conversation API (403)', async () => {
    const { key } = await createKey(['shop'])

    const response = await t.app.request('/api/flows/shop', {
      method: 'DELETE',
      headers: withKey(key),
    })

    await expectError(response, 403, 'forbidden')
    expect((await t.request('GET', '/api/flows/shop')).status).toBe(200)
  })

  it('stops working at once when revoked', async () => {
    const { key, apiKey } = await createKey(['shop'])

    const revoked = await t.request('DELETE', `/api/api-keys/${apiKey.id}`)
    const response = await t.app.request('/api/auth/me', { headers: withKey(key) })

    expect(((await revoked.json()) as ApiKey).revokedAt).not.toBeNull()
    await expectError(response, 401, 'unauthorized')
  })

  it('keeps the customer profiles it stores to itself: another key with the same customerId neither reads nor changes them', async () => {
    const bank = await createKey(['bank'])
    const shop = await createKey(['shop'])
    const start = async (key: string, body: object) => {
      const response = await t.app.request('/api/conversations', {
        method: 'POST',
        headers: withKey(key),
        body: JSON.stringify(body),
      })
      const { id } = (await response.json()) as { id: string }
      const read = await t.app.request(`/api/conversations/${id}`, { headers: withKey(key) })
      return (await read.json()) as { customerId: string; profile: Record<string, unknown> }
    }
    const profile = { name: '张三', idCard: '110101199003071234' }
    await start(bank.key, { flowId: 'bank', customerId: 'c-42', profile })

    const readByShop = await start(shop.key, { flowId: 'shop', customerId: 'c-42' })
    await start(shop.key, { flowId: 'shop', customerId: 'c-42', profile: { name: '冒充' } })
    const bankAgain = await start(bank.key, { flowId: 'bank', customerId: 'c-42' })

    expect(readByShop.customerId).toBe('c-42')
    expect(readByShop.profile).toEqual({})
    expect(bankAgain.customerId).toBe('c-42')
    expect(bankAgain.profile).toEqual(profile)
  })

  it('is stored only as a hash', async () => {
    const { key } = await createKey(['shop'])

    const rows = t.database.sqlite.prepare('SELECT * FROM api_keys').all()

    expect(JSON.stringify(rows)).not.toContain(key.slice(12))
  })
})

describe('DELETE /api/api-keys/{id}', () => {
  it('answers 404 api_key_not_found for an unknown id', async () => {
    await expectError(await t.request('DELETE', '/api/api-keys/nope'), 404, 'api_key_not_found')
  })
})
