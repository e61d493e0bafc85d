import type { ChatRequest, ChatResult, LlmService } from '../../../shared/index.ts'
import { extractAnswer } from './extract-answer.ts'
import { LlmRequestError } from './llm-errors.ts'
import { offlineProviderName } from './provider-config.ts'
import { containsCjk } from './text-terms.ts'

const streamChunks = 4

/** Roughly what a model's tokenizer would count: a CJK character each, else four characters. */
export function estimateTokens(text: string): number {
  let cjk = 0
  let other = 0
  for (const character of text) {
    if (containsCjk(character)) cjk++
    else other++
  }
  return cjk + Math.ceil(other / 4)
}

function answer(request: ChatRequest): ChatResult {
  if (request.signal?.aborted) {
    throw new LlmRequestError(offlineProviderName, 'aborted', 'the request was cancelled')
  }
  const { text } = extractAnswer(request.messages)
  const reply = request.isJson ? JSON.stringify({ answer: text }) : text
  return {
    text: reply,
    model: offlineProviderName,
    usage: {
      promptTokens: request.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0),
      completionTokens: estimateTokens(reply),
    },
    isOffline: true,
  }
}

/**
 * The built-in provider used when no model service is configured (DESIGN §7): answers by
 * quoting the knowledge in the prompt, with no network, so every example flow runs out of the
 * box. Results carry `isOffline: true` and model `offline` for the UI to label them.
 */
export function createOfflineProvider(): LlmService {
  return {
    async chat(request) {
      return answer(request)
    },
    async *chatStream(request) {
      const result = answer(request)
      request.onModel?.({ model: result.model, isOffline: true })
      request.onUsage?.(result.usage)
      const codePoints = Array.from(result.text)
      const size = Math.max(1, Math.ceil(codePoints.length / streamChunks))
      for (let start = 0; start < codePoints.length; start += size) {
        yield codePoints.slice(start, start + size).join('')
      }
    },
  }
}
