import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import OpenAI, { AuthenticationError } from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { OpenAiStub } from './openai-stub.ts'

let stub: OpenAiStub
let client: OpenAI

beforeAll(async () => {
  stub = await OpenAiStub.start()
  client = new OpenAI({ baseURL: stub.baseUrl, apiKey: 'test-key', maxRetries: 0 })
})
afterAll(() => stub.close())
beforeEach(() => stub.reset())

const question = [{ role: 'user' as const, content: '我想退货' }]

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0)
  return dot
}

describe('OpenAI stub, chat completions', () => {
  it('echoes the last user message by default', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: question,
    })

    expect(completion.choices[0]?.message.content).toBe('Echo: 我想退货')
    expect(completion.model).toBe('gpt-4o-mini')
    expect(completion.usage?.total_tokens).toBeGreaterThan(0)
  })

  it('answers with the scripted text, computed from the request when given a function', async () => {
    stub.reply((request) => ({ text: `${request.model} heard ${request.lastUserText}` }))

    const completion = await client.chat.completions.create({ model: 'qwen', messages: question })

    expect(completion.choices[0]?.message.content).toBe('qwen heard 我想退货')
  })

  it('uses answers queued with replyOnce first, in order, then the standing reply', async () => {
    stub
      .reply('standing')
      .replyOnce('first')
      .replyOnce({ json: { n: 2 } })
    const ask = async () =>
      (await client.chat.completions.create({ model: 'm', messages: question })).choices[0]?.message
        .content

    expect([await ask(), await ask(), await ask()]).toEqual(['first', '{"n":2}', 'standing'])
  })

  it('returns tool calls in the shape the SDK parses', async () => {
    stub.reply({ toolCalls: [{ name: 'lookup_order', arguments: { orderId: 'A1' } }] })

    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: question,
      tools: [{ type: 'function', function: { name: 'lookup_order', parameters: {} } }],
    })

    const choice = completion.choices[0]!
    expect(choice.finish_reason).toBe('tool_calls')
    const call = choice.message.tool_calls?.[0]
    expect(call?.type === 'function' && call.function).toEqual({
      name: 'lookup_order',
      arguments: '{"orderId":"A1"}',
    })
  })

  it('streams text as several deltas, then a usage chunk when include_usage is asked', async () => {
    stub.reply('您好，请提供订单号。')

    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: question,
      stream: true,
      stream_options: { include_usage: true },
    })
    const deltas: string[] = []
    let usageTokens = 0
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content
      if (content) deltas.push(content)
      if (chunk.usage) usageTokens = chunk.usage.total_tokens
    }

    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe('您好，请提供订单号。')
    expect(usageTokens).toBeGreaterThan(0)
  })

  it('streams tool calls that the SDK assembles into the same shape', async () => {
    stub.reply({ toolCalls: [{ name: 'lookup_order', arguments: { orderId: 'A1-2026-0001' } }] })

    const completion = await client.chat.completions
      .stream({ model: 'gpt-4o-mini', messages: question })
      .finalChatCompletion()

    const call = completion.choices[0]?.message.tool_calls?.[0]
    expect(call?.type === 'function' && call.function).toEqual({
      name: 'lookup_order',
      arguments: '{"orderId":"A1-2026-0001"}',
    })
  })

  it('answers a scripted error with its status and an OpenAI error body', async () => {
    stub.reply({ error: { status: 429, message: 'Rate limit reached' } })

    const failure = client.chat.completions.create({ model: 'm', messages: question })

    await expect(failure).rejects.toMatchObject({ status: 429, message: '429 Rate limit reached' })
  })

  it('rejects a request without a bearer token with a 401 JSON error', async () => {
    const response = await fetch(`${stub.baseUrl}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: question }),
    })

    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } })
  })

  it('rejects a wrong key when started with one', async () => {
    const strict = await OpenAiStub.start({ apiKey: 'right-key' })
    const wrongClient = new OpenAI({ baseURL: strict.baseUrl, apiKey: 'wrong-key', maxRetries: 0 })

    const failure = wrongClient.models.list()

    await expect(failure).rejects.toBeInstanceOf(AuthenticationError)
    await strict.close()
  })

  it('records requests with their headers and parsed bodies', async () => {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: question })

    const [recorded] = stub.requests
    expect(recorded?.path).toBe('/v1/chat/completions')
    expect(recorded?.headers.authorization).toBe('Bearer test-key')
    expect(recorded?.body).toMatchObject({ model: 'gpt-4o-mini', messages: question })
  })

  it('keeps only the last 1,000 requests', async () => {
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 101 }, () =>
          fetch(`${stub.baseUrl}/models`, { headers: { authorization: 'Bearer k' } }),
        ),
      )
    }

    expect(stub.requests).toHaveLength(1_000)
  })

  it('lets close() end requests that are hanging', async () => {
    const hanging = await OpenAiStub.start()
    hanging.reply({ hang: true })
    const hangingClient = new OpenAI({ baseURL: hanging.baseUrl, apiKey: 'k', maxRetries: 0 })
    const pending = hangingClient.chat.completions.create({ model: 'm', messages: question })

    await expect.poll(() => hanging.requests.length).toBe(1)
    await hanging.close()

    await expect(pending).rejects.toThrow(/Connection error/)
  })
})

describe('OpenAI stub, embeddings and models', () => {
  it('returns 64-dimension unit vectors by default, decoded by the SDK from base64', async () => {
    const result = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['退货政策', 'refund policy'],
    })

    expect(result.data).toHaveLength(2)
    const vector = result.data[0]!.embedding
    expect(vector).toHaveLength(64)
    expect(cosine(vector, vector)).toBeCloseTo(1, 5)
  })

  it('honours the dimensions a request asks for, in float format too', async () => {
    const result = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      dimensions: 16,
      encoding_format: 'float',
    })

    expect(result.data[0]?.embedding).toHaveLength(16)
  })

  it('gives equal texts equal vectors and related texts a higher cosine than unrelated ones', async () => {
    const { data } = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['退货需要多久', '退货需要多久', '退货多久能到账', '今天天气很好'],
    })
    const [a, same, related, unrelated] = data.map((item) => item.embedding)

    expect(same).toEqual(a)
    expect(cosine(a!, related!)).toBeGreaterThan(cosine(a!, unrelated!))
  })

  it('lists its models', async () => {
    const models = await client.models.list()

    expect(models.data.map((model) => model.id)).toContain('gpt-4o-mini')
  })
})

describe('OpenAI stub as a process', () => {
  it('prints its base URL as one JSON line and serves the SDK', async () => {
    const script = fileURLToPath(new URL('./openai-stub.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
      const { baseUrl } = JSON.parse(line) as { baseUrl: string }
      const processClient = new OpenAI({ baseURL: baseUrl, apiKey: 'k', maxRetries: 0 })

      const completion = await processClient.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: question,
      })

      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
      expect(completion.choices[0]?.message.content).toBe('Echo: 我想退货')
    } finally {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  })
})
