import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatRequest } from '../../../shared/index.ts'
import { OpenAiStub } from '../../../test/stubs/openai-stub.ts'
import { LlmConfigError } from './llm-errors.ts'
import { ReloadableLlmService } from './reloadable-llm-service.ts'

const request: ChatRequest = {
  messages: [
    { role: 'system', content: '退货运费由买家承担。' },
    { role: 'user', content: '退货运费谁出？' },
  ],
}

let stub: OpenAiStub

beforeAll(async () => {
  stub = await OpenAiStub.start()
  stub.reply('来自模型。')
})
afterAll(() => stub.close())

const provider = () => ({ name: 'stub', baseUrl: stub.baseUrl, apiKey: 'k', chatModel: 'gpt-x' })

async function collect(stream: AsyncIterable<string>): Promise<string> {
  let text = ''
  for await (const delta of stream) text += delta
  return text
}

describe('ReloadableLlmService', () => {
  it('answers offline until a provider is loaded, then through it', async () => {
    const llm = new ReloadableLlmService({ providers: [] })
    const before = await llm.chat(request)

    llm.reload({ providers: [provider()], maxRetries: 0 })
    const after = await llm.chat(request)

    expect(before).toMatchObject({ isOffline: true, text: '退货运费由买家承担。' })
    expect(after).toMatchObject({ isOffline: false, text: '来自模型。' })
  })

  it('keeps its providers when a reload is invalid', async () => {
    const llm = new ReloadableLlmService({ providers: [provider()], maxRetries: 0 })

    expect(() => llm.reload({ providers: [provider()], defaultProvider: 'nope' })).toThrow(
      LlmConfigError,
    )
    expect((await llm.chat(request)).text).toBe('来自模型。')
  })

  it('tells a streamed request which model answers, offline or not', async () => {
    const seen: { model: string; isOffline: boolean }[] = []
    const onModel = (by: { model: string; isOffline: boolean }) => seen.push(by)
    const llm = new ReloadableLlmService({ providers: [] })

    await collect(llm.chatStream({ ...request, onModel }))
    llm.reload({ providers: [provider()], maxRetries: 0 })
    await collect(llm.chatStream({ ...request, onModel }))

    expect(seen).toEqual([
      { model: 'offline', isOffline: true },
      { model: 'gpt-x', isOffline: false },
    ])
  })
})
