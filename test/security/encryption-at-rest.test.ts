import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

const providerKey = 'sk-live-PROVIDERKEY0123456789'
const crmToken = 'crm-token-SECRET-987654321'
const profile = {
  phone: '13812345678',
  idCard: '11010519491231002X',
  // Not a listed field, but its text is personal data: sealed too.
  contact: 'zhang.wei@example.com',
  vipLevel: 'gold-member-level',
}

/** Every byte SQLite wrote for this database: the file, its WAL and shared memory. */
function databaseBytes(t: TestApp): Buffer {
  const dir = dirname(t.databaseFile)
  return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))))
}

describe('encryption at rest', () => {
  let t: TestApp
  beforeEach(async () => {
    t = createTestApp()
    await t.publish(echoFlow('echo'))
    const provider = {
      name: 'openai',
      baseUrl: 'http://127.0.0.1:9/v1',
      chatModel: 'm',
      apiKey: providerKey,
    }
    expect((await t.request('POST', '/api/providers', provider)).status).toBe(201)
    expect((await t.request('PUT', '/api/secrets/crmToken', { value: crmToken })).status).toBe(201)
    const started = await t.request('POST', '/api/conversations', {
      flowId: 'echo',
      customerId: 'customer-1',
      profile,
    })
    expect(started.status).toBe(201)
  })
  afterEach(() => t.close())

  it('leaves no provider key, secret or sensitive profile field in plain text in the database files', () => {
    const bytes = databaseBytes(t)

    for (const plain of [providerKey, crmToken, profile.phone, profile.idCard, profile.contact]) {
      expect(bytes.includes(Buffer.from(plain)), plain).toBe(false)
    }
    // The grep itself works: a field that is not sensitive is there in plain text.
    expect(bytes.includes(Buffer.from(profile.vipLevel))).toBe(true)
  })

  it('gives the profile back as it was sent, to the flow and to the next conversation', async () => {
    const again = await t.request('POST', '/api/conversations', {
      flowId: 'echo',
      customerId: 'customer-1',
    })
    const { id } = (await again.json()) as { id: string }

    const conversation = await t.conversations.get(id)

    expect(conversation.state.user).toEqual(profile)
    expect(await t.conversations.getCustomerProfile('customer-1')).toEqual(profile)
  })

  it('resolves a stored secret for nodes before the environment', async () => {
    expect(await t.secretStore.reveal('crmToken')).toBe(crmToken)
  })
})
