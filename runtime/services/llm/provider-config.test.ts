import { describe, expect, it } from 'vitest'
import { LlmConfigError } from './llm-errors.ts'
import { loadProvidersFromEnv } from './provider-config.ts'

describe('loadProvidersFromEnv', () => {
  it('configures no provider without LLM_BASE_URL and LLM_API_KEY, so offline answers', () => {
    expect(loadProvidersFromEnv({ LLM_MODEL: 'qwen-plus' })).toEqual([])
  })

  it('reads one provider named default', () => {
    const providers = loadProvidersFromEnv({
      LLM_BASE_URL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
      LLM_API_KEY: 'sk-abc',
      LLM_MODEL: 'qwen-plus',
      LLM_EMBEDDING_MODEL: 'text-embedding-v3',
    })

    expect(providers).toEqual([
      {
        name: 'default',
        baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
        apiKey: 'sk-abc',
        chatModel: 'qwen-plus',
        embeddingModel: 'text-embedding-v3',
      },
    ])
  })

  it('defaults the model to gpt-4o-mini and the URL to OpenAI when only a key is set', () => {
    const [provider] = loadProvidersFromEnv({ LLM_API_KEY: 'sk-abc', LLM_MODEL: '' })

    expect(provider).toMatchObject({
      baseUrl: 'https://api.openai.com/v1',
      chatModel: 'gpt-4o-mini',
    })
  })

  it('accepts a local server URL without a key', () => {
    const [provider] = loadProvidersFromEnv({ LLM_BASE_URL: 'http://localhost:11434/v1' })

    expect(provider?.apiKey).not.toBe('')
  })

  it('explains a malformed URL by the variable name, without echoing the key', () => {
    const load = () =>
      loadProvidersFromEnv({ LLM_BASE_URL: 'api.deepseek.com', LLM_API_KEY: 'sk-secret' })

    expect(load).toThrow(LlmConfigError)
    expect(load).toThrow(
      /LLM_BASE_URL must be an http\(s\) URL such as https:\/\/api\.openai\.com\/v1/,
    )
    expect(load).not.toThrow(/sk-secret/)
  })
})
