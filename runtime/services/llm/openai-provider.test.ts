import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ChatRequest, LlmService } from '../../../shared/index.ts'
import { OpenAiStub } from '../../../test/stubs/openai-stub.ts'
import { LlmRequestError } from './llm-errors.ts'
import { createLlmService } from './llm-service.ts'

const apiKey = 'sk-test-secret-key-123'
const messages: ChatRequest['messages'] = [
  { role: 'system', content: '你是客服助手。' },
  { role: 'user', content: '我想退货' },
]

let stub: OpenAiStub

beforeAll(async () => {
  stub = await OpenAiStub.start()
})
afterAll(() => stub.close())
beforeEach(() => stub.reset())

function stubLlm(options: { timeoutMs?: number } = {}): LlmService {
  return createLlmService({
    providers: [{ name: 'stub', baseUrl: stub.baseUrl, apiKey, chatModel: 'qwen-plus' }],
    maxRetries: 0,
    ...options,
  })
}

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const deltas: string[] = []
  for await (const delta of stream) deltas.push(delta)
  return deltas
}

async function failureOf(call: Promise<unknown>): Promise<LlmRequestError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(LlmRequestError)
  return error as LlmRequestError
}

describe('LLM service on an OpenAI-compatible provider', () => {
  it('returns the text, model and token usage of the answer', async () => {
    stub.reply('好的，请提供订单号。')

    const result = await stubLlm().chat({ messages })

    expect(result).toEqual({
      text: '好的，请提供订单号。',
      model: 'qwen-plus',
      usage: { promptTokens: expect.any(Number), completionTokens: expect.any(Number) },
      isOffline: false,
    })
    expect(result.usage.completionTokens).toBeGreaterThan(0)
  })

  it('sends the API key as a bearer token, the messages and the configured model', async () => {
    await stubLlm().chat({ messages, temperature: 0.2, maxTokens: 100 })

    const [request] = stub.requests
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`)
    expect(request?.body).toMatchObject({
      model: 'qwen-plus',
      messages,
      temperature: 0.2,
      max_tokens: 100,
    })
  })

  it('uses the model a request names over the provider default', async () => {
    const result = await stubLlm().chat({ messages, model: 'qwen-max' })

    expect(result.model).toBe('qwen-max')
  })

  it('asks for a JSON object in json mode and returns the JSON text', async () => {
    stub.reply({ json: { intent: 'refund', confidence: 0.92 } })

    const result = await stubLlm().chat({ messages, isJson: true })

    expect(stub.requests[0]?.body).toMatchObject({ response_format: { type: 'json_object' } })
    expect(JSON.parse(result.text)).toEqual({ intent: 'refund', confidence: 0.92 })
  })

  it('streams the answer as deltas in order that add up to the whole text', async () => {
    stub.reply({ text: '您好！退货请在签收后七天内申请。', chunkDelayMs: 1 })

    const deltas = await collect(stubLlm().chatStream({ messages }))

    expect(deltas.length).toBeGreaterThan(2)
    expect(deltas.join('')).toBe('您好！退货请在签收后七天内申请。')
    expect(stub.requests[0]?.body).toMatchObject({ stream: true })
  })
})

describe('LLM service failures', () => {
  it('turns an HTTP 500 into an LlmRequestError naming provider, status and reason', async () => {
    stub.reply({ error: { status: 500, message: 'The server had an error' } })

    const error = await failureOf(stubLlm().chat({ messages }))

    expect(error.code).toBe('service_unavailable')
    expect(error).toMatchObject({ provider: 'stub', failure: 'status', status: 500 })
    expect(error.message).toBe('LLM provider "stub" failed (HTTP 500): The server had an error')
  })

  it('never puts the API key in the error message, even when the provider echoes it', async () => {
    stub.reply({ error: { status: 401, message: `Incorrect API key provided: ${apiKey}` } })

    const error = await failureOf(stubLlm().chat({ messages }))

    expect(error.message).not.toContain(apiKey)
    expect(error.status).toBe(401)
  })

  it('gives up on a hanging provider within timeoutMs', async () => {
    stub.reply({ hang: true })
    const startedAt = Date.now()

    const error = await failureOf(stubLlm().chat({ messages, timeoutMs: 200 }))

    expect(error.failure).toBe('timeout')
    expect(error.message).toContain('no answer within 200 ms')
    expect(Date.now() - startedAt).toBeLessThan(2_000)
  })

  it('uses the service timeoutMs when the request sets none', async () => {
    stub.reply({ hang: true })

    const error = await failureOf(stubLlm({ timeoutMs: 150 }).chat({ messages }))

    expect(error.failure).toBe('timeout')
  })

  it('times out a stream that stalls after it began, instead of ending it short', async () => {
    stub.reply({ text: '这是一段很长的回答，需要很久才能说完。', chunkDelayMs: 100 })

    const error = await failureOf(collect(stubLlm().chatStream({ messages, timeoutMs: 250 })))

    expect(error.failure).toBe('timeout')
  })

  it('reports cancelled when the caller aborts', async () => {
    stub.reply({ hang: true })
    const controller = new AbortController()

    const call = stubLlm().chat({ messages, signal: controller.signal })
    await expect.poll(() => stub.requests.length).toBe(1)
    controller.abort()

    expect((await failureOf(call)).failure).toBe('aborted')
  })

  it('reports a body that is not JSON as malformed', async () => {
    stub.reply({ garbage: true })

    const error = await failureOf(stubLlm().chat({ messages }))

    expect(error.failure).toBe('malformed')
  })

  it('reports a stream chunk that is not JSON as malformed', async () => {
    stub.reply({ garbage: true })

    const error = await failureOf(collect(stubLlm().chatStream({ messages })))

    expect(error.failure).toBe('malformed')
  })

  it('reports an endpoint that refuses connections as a connection failure', async () => {
    const gone = await OpenAiStub.start()
    await gone.close()
    const llm = createLlmService({
      providers: [{ name: 'gone', baseUrl: gone.baseUrl, apiKey, chatModel: 'm' }],
      maxRetries: 0,
    })

    const error = await failureOf(llm.chat({ messages }))

    expect(error.failure).toBe('connection')
    expect(error.message).toContain('ECONNREFUSED')
  })
})
