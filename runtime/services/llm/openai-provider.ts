import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai'
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions'
import { z } from 'zod'
import type { ChatRequest, ChatResult, LlmService } from '../../../shared/index.ts'
import { Deadline } from './deadline.ts'
import { LlmRequestError } from './llm-errors.ts'
import type { ProviderConfig } from './provider-config.ts'

export interface OpenAiProviderOptions {
  /** Used when a request names no timeoutMs; bounds the whole call, retries and stream included. */
  timeoutMs: number
  /** SDK retries of connection errors, 408, 409, 429 and 5xx (not of streams once they began). */
  maxRetries: number
}

// Compatible servers do not all keep the SDK's type promises: check what we act on.
const completionSchema = z.object({
  model: z.string().optional(),
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
})

function requestParams(request: ChatRequest, config: ProviderConfig) {
  return {
    model: request.model ?? config.chatModel,
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    temperature: request.temperature,
    // max_tokens, not max_completion_tokens: DeepSeek, Qwen, Ollama and vLLM only know this one.
    max_tokens: request.maxTokens,
    response_format: request.isJson ? { type: 'json_object' as const } : undefined,
  } satisfies ChatCompletionCreateParamsBase
}

function rootCause(error: unknown): string {
  let current = error
  while (current instanceof Error && current.cause instanceof Error) current = current.cause
  if (current instanceof Error) {
    const code = 'code' in current && typeof current.code === 'string' ? current.code : undefined
    return code ?? current.message
  }
  return String(current)
}

/**
 * Turns whatever the SDK or the network threw into one LlmRequestError. Order matters: an abort
 * caused by our deadline surfaces as a user abort or a connection error inside the SDK.
 */
function toLlmRequestError(error: unknown, config: ProviderConfig, deadline: Deadline) {
  if (error instanceof LlmRequestError) return error
  const redact = (text: string) =>
    (config.apiKey.length >= 6 ? text.split(config.apiKey).join('***') : text).slice(0, 300)
  const { name } = config
  if (deadline.hasExpired || error instanceof APIConnectionTimeoutError) {
    return new LlmRequestError(name, 'timeout', `no answer within ${deadline.timeoutMs} ms`)
  }
  if (deadline.isCancelled || error instanceof APIUserAbortError) {
    return new LlmRequestError(name, 'aborted', 'the request was cancelled')
  }
  if (error instanceof APIConnectionError) {
    const reason = `could not reach ${config.baseUrl} (${rootCause(error)})`
    return new LlmRequestError(name, 'connection', redact(reason))
  }
  if (error instanceof APIError) {
    if (error.status === undefined) {
      return new LlmRequestError(name, 'provider_error', redact(error.message))
    }
    // APIError prefixes its message with the status, which LlmRequestError states already.
    const prefix = `${error.status} `
    const reason = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message
    return new LlmRequestError(name, 'status', redact(reason), error.status)
  }
  const detail = error instanceof Error ? error.message : String(error)
  return new LlmRequestError(name, 'malformed', redact(`the answer could not be read: ${detail}`))
}

/** An LlmService on one OpenAI-compatible endpoint, through the official SDK. */
export function createOpenAiProvider(
  config: ProviderConfig,
  options: OpenAiProviderOptions,
): LlmService {
  const client = new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    // Failures reach callers as LlmRequestError; the SDK's own console lines would copy raw
    // model output (customer data) into server logs.
    logLevel: 'off',
  })
  const startDeadline = (request: ChatRequest) =>
    new Deadline(Math.max(1, Math.round(request.timeoutMs ?? options.timeoutMs)), request.signal)

  return {
    async chat(request: ChatRequest): Promise<ChatResult> {
      const deadline = startDeadline(request)
      const params = requestParams(request, config)
      try {
        const completion = await client.chat.completions.create(params, {
          signal: deadline.signal,
          timeout: deadline.timeoutMs,
        })
        const parsed = completionSchema.safeParse(completion)
        if (!parsed.success) {
          throw new LlmRequestError(config.name, 'malformed', 'the answer has no message')
        }
        const { model, choices, usage } = parsed.data
        return {
          text: choices[0]?.message.content ?? '',
          model: model ?? params.model,
          usage: {
            promptTokens: usage?.prompt_tokens ?? 0,
            completionTokens: usage?.completion_tokens ?? 0,
          },
          isOffline: false,
        }
      } catch (error) {
        throw toLlmRequestError(error, config, deadline)
      } finally {
        deadline.dispose()
      }
    },

    async *chatStream(request: ChatRequest): AsyncIterable<string> {
      const deadline = startDeadline(request)
      try {
        const stream = await client.chat.completions.create(
          {
            ...requestParams(request, config),
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: deadline.signal, timeout: deadline.timeoutMs },
        )
        let hasFinished = false
        let hasNamedModel = false
        for await (const chunk of stream) {
          if (!hasNamedModel) {
            hasNamedModel = true
            request.onModel?.({
              model: chunk.model || requestParams(request, config).model,
              isOffline: false,
            })
          }
          // A usage chunk has no choices; optional access also survives servers that omit them.
          const choice = chunk.choices?.[0]
          if (chunk.usage) {
            request.onUsage?.({
              promptTokens: chunk.usage.prompt_tokens,
              completionTokens: chunk.usage.completion_tokens,
            })
          }
          if (choice?.finish_reason) hasFinished = true
          const delta = choice?.delta?.content
          if (delta) yield delta
        }
        // The SDK ends a stream quietly when it is aborted, so a timeout would look like a short
        // answer; and a server that drops the connection sends no finish reason.
        if (deadline.signal.aborted) throw deadline.signal.reason
        if (!hasFinished) {
          throw new LlmRequestError(config.name, 'malformed', 'the stream ended before the answer')
        }
      } catch (error) {
        throw toLlmRequestError(error, config, deadline)
      } finally {
        deadline.dispose()
      }
    },
  }
}
