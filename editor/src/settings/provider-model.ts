/** A provider as the API shows it (runtime/providers/provider-schemas.ts ProviderView). */
export interface ProviderView {
  name: string
  source: 'workspace' | 'env' | 'builtin'
  isReadOnly: boolean
  isDefault: boolean
  baseUrl: string | null
  chatModel: string
  embeddingModel: string | null
  hasApiKey: boolean
  apiKeyHint: string | null
  problem: string | null
}

export interface ConnectionTestResult {
  ok: boolean
  latencyMs: number
  model: string
  isOffline: boolean
  reply?: string
  error?: { failure: string; status?: number; message: string }
}

/** What the provider form holds: all text, as typed. */
export interface ProviderForm {
  name: string
  baseUrl: string
  apiKey: string
  chatModel: string
  embeddingModel: string
}

export function emptyProviderForm(): ProviderForm {
  return { name: '', baseUrl: '', apiKey: '', chatModel: '', embeddingModel: '' }
}

/** The form for editing: every field but the key, which the API never sends back. */
export function formOf(provider: ProviderView): ProviderForm {
  return {
    name: provider.name,
    baseUrl: provider.baseUrl ?? '',
    apiKey: '',
    chatModel: provider.chatModel,
    embeddingModel: provider.embeddingModel ?? '',
  }
}

/** POST /api/providers: an empty key or embedding model is left out (none). */
export function createBody(form: ProviderForm): Record<string, string> {
  return {
    name: form.name.trim(),
    baseUrl: form.baseUrl.trim(),
    chatModel: form.chatModel.trim(),
    ...(form.apiKey.trim() === '' ? {} : { apiKey: form.apiKey.trim() }),
    ...(form.embeddingModel.trim() === '' ? {} : { embeddingModel: form.embeddingModel.trim() }),
  }
}

/**
 * PUT /api/providers/:name: an empty key field keeps the saved key (the field is omitted, and
 * omitted fields keep their value); an empty embedding model removes it (`null`).
 */
export function updateBody(form: ProviderForm): Record<string, string | null> {
  return {
    baseUrl: form.baseUrl.trim(),
    chatModel: form.chatModel.trim(),
    embeddingModel: form.embeddingModel.trim() === '' ? null : form.embeddingModel.trim(),
    ...(form.apiKey.trim() === '' ? {} : { apiKey: form.apiKey.trim() }),
  }
}
