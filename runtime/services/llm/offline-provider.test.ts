import { describe, expect, it } from 'vitest'
import type { ChatRequest } from '../../../shared/index.ts'
import { createLlmService } from './llm-service.ts'

const request: ChatRequest = {
  messages: [
    { role: 'system', content: '签收后7天内可以申请退货。会员积分可以抵扣现金。' },
    { role: 'user', content: '签收后几天内可以退货？' },
  ],
}

// No provider configured: what a fresh install and every example flow get.
const llm = createLlmService({ providers: [] })

describe('offline provider', () => {
  it('answers from the knowledge in the prompt, labelled offline', async () => {
    const result = await llm.chat(request)

    expect(result.text).toBe('签收后7天内可以申请退货。')
    expect(result.isOffline).toBe(true)
    expect(result.model).toBe('offline')
  })

  it('estimates token usage for the prompt and the answer', async () => {
    const { usage } = await llm.chat(request)

    expect(usage.promptTokens).toBeGreaterThan(usage.completionTokens)
    expect(usage.completionTokens).toBeGreaterThan(0)
  })

  it('wraps the answer in {"answer": ...} in json mode', async () => {
    const result = await llm.chat({ ...request, isJson: true })

    expect(JSON.parse(result.text)).toEqual({ answer: '签收后7天内可以申请退货。' })
  })

  it('streams the same answer in a few chunks', async () => {
    const deltas: string[] = []
    for await (const delta of llm.chatStream(request)) deltas.push(delta)

    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe('签收后7天内可以申请退货。')
  })

  it('still answers offline when a node names a provider but none is configured', async () => {
    const result = await llm.chat({ ...request, provider: 'deepseek' })

    expect(result.isOffline).toBe(true)
  })

  it('refuses a request whose signal was already aborted', async () => {
    const controller = new AbortController()
    controller.abort()

    await expect(llm.chat({ ...request, signal: controller.signal })).rejects.toMatchObject({
      failure: 'aborted',
    })
  })
})
