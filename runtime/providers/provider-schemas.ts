import { z } from 'zod'

/** Names appear in URLs and in flow documents (`llm` node `provider`): keep them plain. */
export const providerNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/,
    'use 1–40 letters, digits, "-", "_" or "." (starting with a letter or digit)',
  )

const baseUrlSchema = z.url({
  protocol: /^https?$/,
  error: 'must be an http(s) URL such as https://api.deepseek.com/v1 or http://localhost:11434/v1',
})
const modelSchema = z.string().trim().min(1).max(200)
const apiKeySchema = z.string().trim().min(1).max(1000)

export const createProviderBodySchema = z.object({
  name: providerNameSchema,
  baseUrl: baseUrlSchema,
  /** Omit for servers that need none (a local Ollama or vLLM). */
  apiKey: apiKeySchema.optional(),
  chatModel: modelSchema,
  embeddingModel: modelSchema.nullable().optional(),
  /** Make this the workspace's default provider. */
  isDefault: z.boolean().optional(),
})
export type CreateProviderBody = z.infer<typeof createProviderBodySchema>

/** Fields left out keep their value; `apiKey: null` removes the key. */
export const updateProviderBodySchema = z.object({
  baseUrl: baseUrlSchema.optional(),
  apiKey: apiKeySchema.nullable().optional(),
  chatModel: modelSchema.optional(),
  embeddingModel: modelSchema.nullable().optional(),
  isDefault: z.boolean().optional(),
})
export type UpdateProviderBody = z.infer<typeof updateProviderBodySchema>

/** Query of POST /api/providers/:name/test. */
export const testProviderQuerySchema = z.object({
  /** The provider's chat model when omitted. */
  model: modelSchema.optional(),
  timeoutMs: z.coerce.number().int().min(100).max(60_000).default(15_000),
})

/** What the API shows of a provider: never the key, only whether there is one and a hint. */
export interface ProviderView {
  name: string
  /** `workspace`: saved through the API; `env`: LLM_BASE_URL …, read-only; `builtin`: offline. */
  source: 'workspace' | 'env' | 'builtin'
  isReadOnly: boolean
  isDefault: boolean
  baseUrl: string | null
  chatModel: string
  embeddingModel: string | null
  hasApiKey: boolean
  /** e.g. `sk-…abcd`; null for short keys, where even that would give away too much. */
  apiKeyHint: string | null
  /** Why the provider cannot be used (its key does not decrypt with the master key), else null. */
  problem: string | null
  createdAt: string | null
  updatedAt: string | null
}

export interface ConnectionTestResult {
  ok: boolean
  latencyMs: number
  model: string
  isOffline: boolean
  /** The start of the model's answer, when ok. */
  reply?: string
  error?: { failure: string; status?: number; message: string }
}

const minimumKeyLengthForHint = 16

/** `sk-proj-…wxyz`-style hint: the key's prefix up to its first dash block and its last four. */
export function apiKeyHintOf(apiKey: string): string | null {
  if (apiKey.length < minimumKeyLengthForHint) return null
  const prefix = /^[A-Za-z]{1,8}-/.exec(apiKey)?.[0] ?? ''
  return `${prefix}…${apiKey.slice(-4)}`
}
