import { type ChatRequest, type LlmService, ServiceUnavailableError } from '../../shared/index.ts'

// Test helpers for the llm node's tests: a scripted model and the errors the runtime throws.

/** A scripted model: answers in order, records every request, streams in small deltas. */
export function fakeLlm(
  answers: (string | Error)[],
  options: { isOffline?: boolean; deltaSize?: number } = {},
) {
  const requests: ChatRequest[] = []
  const next = () => {
    const answer = answers.shift() ?? 'OK'
    if (answer instanceof Error) throw answer
    return answer
  }
  const service: LlmService = {
    async chat(request) {
      requests.push(request)
      const text = next()
      return {
        text,
        model: options.isOffline ? 'offline' : 'gpt-test',
        usage: { promptTokens: 10, completionTokens: 5 },
        isOffline: options.isOffline ?? false,
      }
    },
    async *chatStream(request) {
      requests.push(request)
      const text = next()
      request.onModel?.({
        model: options.isOffline ? 'offline' : 'gpt-test',
        isOffline: options.isOffline ?? false,
      })
      const size = options.deltaSize ?? 3
      const characters = Array.from(text)
      for (let i = 0; i < characters.length; i += size) {
        yield characters.slice(i, i + size).join('')
      }
    },
  }
  return { service, requests }
}

export function timeoutError(): Error {
  return Object.assign(new ServiceUnavailableError('llm', 'no answer within 10 ms'), {
    details: { failure: 'timeout' },
  })
}
