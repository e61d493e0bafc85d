import type { ChatRequest, LlmService } from '../../shared/index.ts'

export type FakeLlmAnswer = { json: unknown } | { text: string } | { error: Error }

/**
 * A model fake for node tests: answers every chat with the given JSON, text or error and keeps
 * the requests it got.
 * @example const llm = fakeLlm({ json: { score: -0.8 } })
 */
export function fakeLlm(answer: FakeLlmAnswer): LlmService & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = []
  return {
    requests,
    async chat(request) {
      requests.push(request)
      if ('error' in answer) throw answer.error
      const text = 'json' in answer ? JSON.stringify(answer.json) : answer.text
      return {
        text,
        model: 'fake',
        usage: { promptTokens: 1, completionTokens: 1 },
        isOffline: false,
      }
    },
    chatStream() {
      throw new Error('fakeLlm does not stream')
    },
  }
}
