import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatRequest } from '../../../shared/index.ts'
import { OpenAiStub } from '../../../test/stubs/openai-stub.ts'
import { LlmConfigError, LlmProviderNotFoundError } from './llm-errors.ts'
import { createLlmService } from './llm-service.ts'

const request: ChatRequest = { messages: [{ role: 'user', content: '你好' }] }

let first: OpenAiStub
let second: OpenAiStub

beforeAll(async () => {
  ;[first, second] = await Promise.all([OpenAiStub.start(), OpenAiStub.start()])
  first.reply('from first')
  second.reply('from second')
})
afterAll(() => Promise.all([first.close(), second.close()]))

function twoProviders(defaultProvider?: string) {
  return createLlmService({
    providers: [
      { name: 'first', baseUrl: first.baseUrl, apiKey: 'key-1', chatModel: 'm1' },
      { name: 'second', baseUrl: second.baseUrl, apiKey: 'key-2', chatModel: 'm2' },
    ],
    defaultProvider,
    maxRetries: 0,
  })
}

describe('LLM service provider choice', () => {
  it('sends requests that name no provider to the first one', async () => {
    expect((await twoProviders().chat(request)).text).toBe('from first')
  })

  it('sends them to defaultProvider when set', async () => {
    expect((await twoProviders('second').chat(request)).text).toBe('from second')
  })

  it('sends a request to the provider it names', async () => {
    expect((await twoProviders().chat({ ...request, provider: 'second' })).text).toBe('from second')
  })

  it('answers offline when a request asks for the offline provider', async () => {
    expect((await twoProviders().chat({ ...request, provider: 'offline' })).isOffline).toBe(true)
  })

  it('fails a request naming a provider that is not configured', async () => {
    const llm = twoProviders()

    await expect(llm.chat({ ...request, provider: 'moonshot' })).rejects.toBeInstanceOf(
      LlmProviderNotFoundError,
    )
    await expect(
      llm
        .chatStream({ ...request, provider: 'moonshot' })
        [Symbol.asyncIterator]()
        .next(),
    ).rejects.toBeInstanceOf(LlmProviderNotFoundError)
  })

  it('refuses a defaultProvider that is not configured', () => {
    expect(() => twoProviders('moonshot')).toThrow(LlmConfigError)
  })

  it('refuses two providers with the same name, listing the problem', () => {
    const provider = { name: 'dup', baseUrl: first.baseUrl, apiKey: 'k', chatModel: 'm' }

    expect(() => createLlmService({ providers: [provider, provider] })).toThrow(
      'providers.1.name "dup" is used twice',
    )
  })
})
