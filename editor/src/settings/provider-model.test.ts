import { describe, expect, it } from 'vitest'
import { createBody, formOf, type ProviderView, updateBody } from './provider-model.ts'

const saved: ProviderView = {
  name: 'deepseek',
  source: 'workspace',
  isReadOnly: false,
  isDefault: false,
  baseUrl: 'https://api.deepseek.com/v1',
  chatModel: 'deepseek-chat',
  embeddingModel: null,
  hasApiKey: true,
  apiKeyHint: 'sk-…abcd',
  problem: null,
}

describe('provider form bodies', () => {
  it('creates with trimmed fields and leaves out an empty key and embedding model', () => {
    const form = { ...formOf(saved), name: ' deepseek ', apiKey: '  ', embeddingModel: '' }
    expect(createBody(form)).toEqual({
      name: 'deepseek',
      baseUrl: 'https://api.deepseek.com/v1',
      chatModel: 'deepseek-chat',
    })
    expect(createBody({ ...form, apiKey: 'sk-new' })).toMatchObject({ apiKey: 'sk-new' })
  })

  it('keeps the saved key on edit when the key field is left empty', () => {
    expect(formOf(saved).apiKey).toBe('')
    expect(updateBody(formOf(saved))).not.toHaveProperty('apiKey')
    expect(updateBody({ ...formOf(saved), apiKey: 'sk-other' })).toMatchObject({
      apiKey: 'sk-other',
    })
  })

  it('removes the embedding model on edit when its field is emptied', () => {
    const withEmbedding = { ...saved, embeddingModel: 'embed-1' }
    expect(updateBody(formOf(withEmbedding)).embeddingModel).toBe('embed-1')
    expect(updateBody({ ...formOf(withEmbedding), embeddingModel: ' ' }).embeddingModel).toBeNull()
  })
})
