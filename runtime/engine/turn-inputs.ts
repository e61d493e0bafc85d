import type { JsonValue, LlmService, NodeServices, TokenUsage } from '../../shared/index.ts'
import type { ExecuteTurnInput } from './execute-turn.ts'

/**
 * Reads each customer message before the flow runs and returns signals to keep, e.g.
 * `{ sentiment: -0.8 }`; flows read them as `sys.sentiment`. Runs on every message turn.
 */
export type InboundAnalyzer = (
  message: { text: string; locale: string },
  previous: Readonly<Record<string, JsonValue>>,
) => Record<string, JsonValue> | Promise<Record<string, JsonValue>>

export interface TurnUsage {
  promptTokens: number
  completionTokens: number
  llmCalls: number
}

/** Runs the analyzers over a customer message, each seeing what the ones before it found. */
export async function analyze(
  input: Pick<ExecuteTurnInput, 'event' | 'conversation' | 'analyzers'>,
  previous: Record<string, JsonValue>,
): Promise<Record<string, JsonValue>> {
  if (input.event.type !== 'message' || !input.analyzers?.length) return previous
  let signals = previous
  for (const analyzer of input.analyzers) {
    const found = await analyzer(
      { text: input.event.text, locale: input.conversation.locale },
      signals,
    )
    signals = { ...signals, ...found }
  }
  return signals
}

/** The node services with the model's token usage counted for this turn. */
export function countingServices(services: NodeServices, usage: TurnUsage): NodeServices {
  const count = (used: TokenUsage) => {
    usage.promptTokens += used.promptTokens
    usage.completionTokens += used.completionTokens
  }
  const llm: LlmService = {
    async chat(request) {
      usage.llmCalls++
      const result = await services.llm.chat(request)
      count(result.usage)
      return result
    },
    chatStream(request) {
      usage.llmCalls++
      return services.llm.chatStream({
        ...request,
        onUsage: (used) => {
          count(used)
          request.onUsage?.(used)
        },
      })
    },
  }
  return { ...services, llm }
}
