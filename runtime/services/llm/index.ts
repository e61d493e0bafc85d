export { type ExtractedAnswer, extractAnswer } from './extract-answer.ts'
export {
  LlmConfigError,
  type LlmFailure,
  LlmProviderNotFoundError,
  LlmRequestError,
} from './llm-errors.ts'
export { createLlmService, type LlmServiceOptions } from './llm-service.ts'
export { createOfflineProvider, estimateTokens } from './offline-provider.ts'
export { createOpenAiProvider, type OpenAiProviderOptions } from './openai-provider.ts'
export {
  loadProvidersFromEnv,
  offlineProviderName,
  type ProviderConfig,
  parseProviderConfigs,
  providerConfigSchema,
} from './provider-config.ts'
export { ReloadableLlmService } from './reloadable-llm-service.ts'
