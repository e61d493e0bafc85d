import OpenAI from 'openai'
import { ServiceUnavailableError } from '../../shared/index.ts'
import type { ProviderConfig } from '../services/llm/index.ts'

/** Turns texts into vectors for dense search. */
export interface Embedder {
  model: string
  embed(texts: readonly string[]): Promise<Float32Array[]>
}

const batchSize = 64

/**
 * An embedder for an OpenAI-compatible `/v1/embeddings` endpoint, through the openai SDK.
 * @example const embedder = createOpenAiEmbedder(provider, 'text-embedding-3-small')
 */
export function createOpenAiEmbedder(
  provider: ProviderConfig,
  model: string,
  options: { timeoutMs?: number; maxRetries?: number } = {},
): Embedder {
  const client = new OpenAI({
    baseURL: provider.baseUrl,
    apiKey: provider.apiKey,
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
  })
  return {
    model,
    async embed(texts) {
      const vectors: Float32Array[] = []
      for (let start = 0; start < texts.length; start += batchSize) {
        const input = texts.slice(start, start + batchSize)
        let response: Awaited<ReturnType<typeof client.embeddings.create>>
        try {
          response = await client.embeddings.create({ model, input })
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error)
          throw new ServiceUnavailableError(
            'embeddings',
            `provider "${provider.name}" failed: ${redact(reason, provider.apiKey)}`,
          )
        }
        const byIndex = [...response.data].sort((a, b) => a.index - b.index)
        if (byIndex.length !== input.length) {
          throw new ServiceUnavailableError(
            'embeddings',
            `provider "${provider.name}" returned ${byIndex.length} vectors for ${input.length} texts`,
          )
        }
        for (const item of byIndex) vectors.push(Float32Array.from(item.embedding))
      }
      return vectors
    },
  }
}

function redact(text: string, apiKey: string): string {
  return (apiKey.length >= 6 ? text.split(apiKey).join('***') : text).slice(0, 300)
}

/** The first configured provider that names an embedding model, as an embedder. */
export function embedderFromProviders(providers: readonly ProviderConfig[]): Embedder | undefined {
  const provider = providers.find((p) => p.embeddingModel !== undefined)
  if (provider?.embeddingModel === undefined) return undefined
  return createOpenAiEmbedder(provider, provider.embeddingModel)
}

/** Cosine similarity of two vectors of the same length. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0
  let normA = 0
  let normB = 0
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? 0
    const y = b[i] ?? 0
    dot += x * y
    normA += x * x
    normB += y * y
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB)
}

/** Reads a vector stored as little-endian Float32 bytes (copied: a Buffer may be unaligned). */
export function vectorOf(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes)
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4))
}
