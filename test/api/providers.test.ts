import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OpenAiStub } from '../stubs/openai-stub.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'

const secretKey = 'sk-proj-SECRETVALUE-0123456789abcd'

let stub: OpenAiStub
let t: TestApp

beforeAll(async () => {
  stub = await OpenAiStub.start({ apiKey: secretKey })
})
afterAll(() => stub.close())
afterEach(() => {
  stub.reset()
  t?.close()
})

function providerBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'deepseek',
    baseUrl: stub.baseUrl,
    apiKey: secretKey,
    chatModel: 'deepseek-chat',
    embeddingModel: 'text-embedding-3-small',
    ...overrides,
  }
}

/** A flow whose only work is a model call, answering in one streamed message. */
async function publishModelFlow(app: TestApp): Promise<void> {
  await app.publish(
    buildFlow(
      'model-flow',
      [
        { id: 'start', type: 'start' },
        { id: 'ask', type: 'test-llm' },
      ],
      [['start', 'next', 'ask']],
    ),
  )
}

async function botTextsOf(app: TestApp): Promise<string[]> {
  const started = await app.request('POST', '/api/conversations', { flowId: 'model-flow' })
  expect(started.status).toBe(201)
  const body = (await started.json()) as { messages: { text: string }[] }
  return body.messages.map((message) => message.text)
}

describe('/api/providers', () => {
  it('lists only the built-in offline provider, as default, in a new workspace', async () => {
    t = createTestApp()

    const response = await t.request('GET', '/api/providers')

    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.defaultProvider).toBe('offline')
    expect(body.providers).toEqual([
      expect.objectContaining({ name: 'offline', source: 'builtin', isReadOnly: true }),
    ])
  })

  it('creates a provider and never returns its API key, only a masked hint', async () => {
    t = createTestApp()

    const created = await t.request('POST', '/api/providers', providerBody())
    const read = await t.request('GET', '/api/providers/deepseek')

    expect(created.status).toBe(201)
    const text = await read.text()
    expect(text).not.toContain('SECRETVALUE')
    expect(JSON.parse(text)).toMatchObject({
      name: 'deepseek',
      source: 'workspace',
      hasApiKey: true,
      apiKeyHint: 'sk-…abcd',
      chatModel: 'deepseek-chat',
      isDefault: true,
    })
  })

  it('keeps the API key out of the SQLite files in plain text', async () => {
    t = createTestApp()
    await t.request('POST', '/api/providers', providerBody())
    await t.request('PUT', '/api/providers/deepseek', { chatModel: 'deepseek-reasoner' })

    const files = [t.databaseFile, `${t.databaseFile}-wal`]
    const bytes = files.map((file) => {
      try {
        return readFileSync(file)
      } catch {
        return Buffer.alloc(0)
      }
    })

    // The control: the grep does see what was saved in plain text, wherever SQLite put it.
    expect(Buffer.concat(bytes).includes(Buffer.from('deepseek-reasoner'))).toBe(true)
    for (const content of bytes) {
      expect(content.includes(Buffer.from('SECRETVALUE'))).toBe(false)
      expect(content.includes(Buffer.from(secretKey.slice(-12)))).toBe(false)
    }
  })

  it('answers model calls through a new provider at once, without a restart', async () => {
    t = createTestApp()
    await publishModelFlow(t)
    stub.reply('退货运费由买家承担。')
    await botTextsOf(t)
    expect(stub.requests).toEqual([])

    await t.request('POST', '/api/providers', providerBody())
    const texts = await botTextsOf(t)

    expect(texts).toEqual(['退货运费由买家承担。'])
    expect(stub.requests.at(-1)?.headers.authorization).toBe(`Bearer ${secretKey}`)
  })

  it('goes back to the offline provider when the last provider is deleted', async () => {
    t = createTestApp()
    await publishModelFlow(t)
    await t.request('POST', '/api/providers', providerBody())

    const deleted = await t.request('DELETE', '/api/providers/deepseek')
    const list = await (await t.request('GET', '/api/providers')).json()
    stub.reset()
    await botTextsOf(t)

    expect(deleted.status).toBe(204)
    expect(list.defaultProvider).toBe('offline')
    expect(stub.requests).toEqual([])
  })

  it('updates fields, keeps the key when none is sent, and removes it with null', async () => {
    t = createTestApp()
    await t.request('POST', '/api/providers', providerBody())

    const kept = await (
      await t.request('PUT', '/api/providers/deepseek', { chatModel: 'deepseek-reasoner' })
    ).json()
    const removed = await (
      await t.request('PUT', '/api/providers/deepseek', { apiKey: null })
    ).json()

    expect(kept).toMatchObject({ chatModel: 'deepseek-reasoner', hasApiKey: true })
    expect(removed).toMatchObject({ hasApiKey: false, apiKeyHint: null })
  })

  it('sets the default provider, the offline one included', async () => {
    t = createTestApp()
    await t.request('POST', '/api/providers', providerBody())
    await t.request('POST', '/api/providers', providerBody({ name: 'qwen', chatModel: 'qwen-max' }))

    const madeQwen = await t.request('POST', '/api/providers/qwen/default')
    const afterQwen = await (await t.request('GET', '/api/providers')).json()
    await t.request('POST', '/api/providers/offline/default')
    const afterOffline = await (await t.request('GET', '/api/providers')).json()

    expect(await madeQwen.json()).toEqual({ defaultProvider: 'qwen' })
    expect(afterQwen.defaultProvider).toBe('qwen')
    expect(afterOffline.defaultProvider).toBe('offline')
  })

  it('shows the environment provider read-only and refuses to change it', async () => {
    t = createTestApp({
      envProviders: [
        { name: 'default', baseUrl: stub.baseUrl, apiKey: secretKey, chatModel: 'gpt-4o-mini' },
      ],
    })

    const list = await (await t.request('GET', '/api/providers')).json()
    const put = await t.request('PUT', '/api/providers/default', { chatModel: 'x' })
    const del = await t.request('DELETE', '/api/providers/default')
    const create = await t.request('POST', '/api/providers', providerBody({ name: 'default' }))

    expect(list.providers[0]).toMatchObject({
      name: 'default',
      source: 'env',
      isReadOnly: true,
      isDefault: true,
      hasApiKey: true,
    })
    expect(JSON.stringify(list)).not.toContain('SECRETVALUE')
    await expectError(put, 409, 'provider_read_only')
    await expectError(del, 409, 'provider_read_only')
    await expectError(create, 409, 'provider_read_only')
  })

  it('refuses a second provider of the same name, and unknown names', async () => {
    t = createTestApp()
    await t.request('POST', '/api/providers', providerBody())

    await expectError(
      await t.request('POST', '/api/providers', providerBody()),
      409,
      'provider_exists',
    )
    await expectError(await t.request('GET', '/api/providers/nope'), 404, 'provider_not_found')
    await expectError(await t.request('DELETE', '/api/providers/nope'), 404, 'provider_not_found')
    await expectError(
      await t.request('POST', '/api/providers/nope/default'),
      404,
      'provider_not_found',
    )
  })

  it('refuses bad input with every problem and its path, storing nothing', async () => {
    t = createTestApp()

    const response = await t.request('POST', '/api/providers', {
      name: 'has space',
      baseUrl: 'ftp://example.com',
      chatModel: '',
    })
    const list = await (await t.request('GET', '/api/providers')).json()

    const error = await expectError(response, 422, 'invalid_request')
    const paths = (error.details as { problems: { path: string[] }[] }).problems.map((p) =>
      p.path.join('.'),
    )
    expect(paths).toEqual(expect.arrayContaining(['name', 'baseUrl', 'chatModel']))
    expect(list.providers).toHaveLength(1)
  })

  describe('POST /api/providers/:name/test', () => {
    it('reports ok with the latency when the model answers', async () => {
      t = createTestApp()
      await t.request('POST', '/api/providers', providerBody())
      stub.reply('OK')

      const body = await (await t.request('POST', '/api/providers/deepseek/test')).json()

      expect(body).toMatchObject({ ok: true, model: 'deepseek-chat', reply: 'OK' })
      expect(body.latencyMs).toBeGreaterThanOrEqual(0)
    })

    it('reports the provider refusing the key, without the key', async () => {
      t = createTestApp()
      await t.request('POST', '/api/providers', providerBody({ apiKey: 'sk-wrong-key-000000000' }))

      const body = await (await t.request('POST', '/api/providers/deepseek/test')).json()

      expect(body).toMatchObject({ ok: false, error: { failure: 'status', status: 401 } })
      expect(JSON.stringify(body)).not.toContain('sk-wrong-key')
    })

    it('reports a timeout when the provider never answers', async () => {
      t = createTestApp()
      await t.request('POST', '/api/providers', providerBody())
      stub.reply({ hang: true })

      const response = await t.request('POST', '/api/providers/deepseek/test?timeoutMs=300')

      expect(await response.json()).toMatchObject({ ok: false, error: { failure: 'timeout' } })
    })

    it('reports an unreachable server', async () => {
      t = createTestApp()
      await t.request('POST', '/api/providers', providerBody({ baseUrl: 'http://127.0.0.1:9/v1' }))

      const body = await (await t.request('POST', '/api/providers/deepseek/test')).json()

      expect(body).toMatchObject({ ok: false, error: { failure: 'connection' } })
    })

    it('passes the offline provider at once', async () => {
      t = createTestApp()

      const body = await (await t.request('POST', '/api/providers/offline/test')).json()

      expect(body).toMatchObject({ ok: true, isOffline: true, model: 'offline' })
    })
  })
})
