import { z } from 'zod'
import { LlmConfigError } from './llm-errors.ts'

/** Reserved provider name: asks for the built-in offline provider explicitly. */
export const offlineProviderName = 'offline'

const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http(s) URL such as https://api.openai.com/v1 or http://localhost:11434/v1',
})

/** One OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen, Moonshot, Ollama, vLLM, ...). */
export const providerConfigSchema = z.object({
  name: z.string().trim().min(1),
  baseUrl: httpUrl,
  apiKey: z.string().min(1),
  chatModel: z.string().trim().min(1),
  embeddingModel: z.string().trim().min(1).optional(),
})
export type ProviderConfig = z.infer<typeof providerConfigSchema>

const providerListSchema = z.array(providerConfigSchema).superRefine((providers, ctx) => {
  const seen = new Set<string>()
  providers.forEach((provider, index) => {
    if (provider.name === offlineProviderName) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `"${offlineProviderName}" is reserved for the built-in offline provider`,
      })
    }
    if (seen.has(provider.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `"${provider.name}" is used twice`,
      })
    }
    seen.add(provider.name)
  })
})

function problemsOf(error: z.ZodError, describePath: (path: PropertyKey[]) => string): string[] {
  return error.issues.map((issue) => `${describePath(issue.path)} ${issue.message}`)
}

/** Validates provider settings from the workspace; throws LlmConfigError listing every problem. */
export function parseProviderConfigs(providers: unknown): ProviderConfig[] {
  const result = providerListSchema.safeParse(providers)
  if (result.success) return result.data
  // Paths only, never values: the values include API keys.
  throw new LlmConfigError(problemsOf(result.error, (path) => `providers.${path.join('.')}`))
}

const envNames: Record<string, string> = {
  baseUrl: 'LLM_BASE_URL',
  apiKey: 'LLM_API_KEY',
  chatModel: 'LLM_MODEL',
  embeddingModel: 'LLM_EMBEDDING_MODEL',
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === '' ? undefined : value
}

/**
 * Reads the one provider the environment can configure, named `default`. No LLM_BASE_URL and no
 * LLM_API_KEY means none: the offline provider answers. A key alone means OpenAI itself; a URL
 * alone means a local server (Ollama, vLLM) that needs no key, but the SDK insists on one.
 * @example
 * const providers = loadProvidersFromEnv(process.env)
 * const llm = createLlmService({ providers })
 */
export function loadProvidersFromEnv(env: Record<string, string | undefined>): ProviderConfig[] {
  const baseUrl = envValue(env, 'LLM_BASE_URL')
  const apiKey = envValue(env, 'LLM_API_KEY')
  if (baseUrl === undefined && apiKey === undefined) return []

  const result = providerConfigSchema.safeParse({
    name: 'default',
    baseUrl: baseUrl ?? 'https://api.openai.com/v1',
    apiKey: apiKey ?? 'not-needed',
    chatModel: envValue(env, 'LLM_MODEL') ?? 'gpt-4o-mini',
    embeddingModel: envValue(env, 'LLM_EMBEDDING_MODEL'),
  })
  if (result.success) return [result.data]
  // Names, never values: a key pasted into the wrong variable must not reach the logs.
  throw new LlmConfigError(
    problemsOf(result.error, (path) => envNames[String(path[0])] ?? String(path[0])),
  )
}
