import type { ChatRequest, LlmService } from '../../../shared/index.ts'
import { LlmConfigError, LlmProviderNotFoundError } from './llm-errors.ts'
import { createOfflineProvider } from './offline-provider.ts'
import { createOpenAiProvider } from './openai-provider.ts'
import {
  offlineProviderName,
  type ProviderConfig,
  parseProviderConfigs,
} from './provider-config.ts'

export interface LlmServiceOptions {
  /** None configured: the offline provider answers every call. */
  providers: ProviderConfig[]
  /** Name of the provider for requests that name none; the first provider when omitted. */
  defaultProvider?: string
  /** Whole-call limit when a request sets no timeoutMs. */
  timeoutMs?: number
  /** SDK retries on connection errors, 408, 409, 429 and 5xx. */
  maxRetries?: number
}

/**
 * The LlmService nodes reach through `ctx.llm`: every configured OpenAI-compatible provider
 * through the official SDK, one client each, created here once. A request picks a provider by
 * name; `offline` picks the built-in extractive provider, which also answers everything when no
 * provider is configured, so example flows run end to end without a model.
 * @example
 * const llm = createLlmService({ providers: loadProvidersFromEnv(process.env) })
 * const { text } = await llm.chat({ messages: [{ role: 'user', content: '你好' }] })
 */
export function createLlmService(options: LlmServiceOptions): LlmService {
  const configs = parseProviderConfigs(options.providers)
  const providerOptions = {
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
  }
  const providers = new Map<string, LlmService>(
    configs.map((config) => [config.name, createOpenAiProvider(config, providerOptions)]),
  )
  const offline = createOfflineProvider()
  const defaultName = options.defaultProvider ?? configs[0]?.name ?? offlineProviderName
  if (defaultName !== offlineProviderName && !providers.has(defaultName)) {
    throw new LlmConfigError([`defaultProvider "${defaultName}" is not among the providers`])
  }

  const providerFor = (request: ChatRequest): LlmService => {
    // Flows name providers in node settings; with none configured at all they still run offline.
    if (providers.size === 0) return offline
    const name = request.provider ?? defaultName
    if (name === offlineProviderName) return offline
    const provider = providers.get(name)
    if (provider === undefined) throw new LlmProviderNotFoundError(name, [...providers.keys()])
    return provider
  }

  return {
    async chat(request) {
      return providerFor(request).chat(request)
    },
    // A generator, so an unknown provider fails on iteration like every other stream error.
    async *chatStream(request) {
      yield* providerFor(request).chatStream(request)
    },
  }
}
