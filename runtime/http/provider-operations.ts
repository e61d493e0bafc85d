import { createProviderBodySchema, updateProviderBodySchema } from '../providers/index.ts'

/** Workspace model provider operations (issue #5), listed in openapi.ts `apiOperations`. */
export function providerOperations() {
  const tag = 'providers' as const
  return [
    {
      method: 'get' as const,
      path: '/api/providers',
      summary:
        'List model providers: saved, from the environment (read-only) and the built-in offline one',
      tag,
      success: { status: 200, description: '{ providers, defaultProvider }' },
      errors: [401],
    },
    {
      method: 'post' as const,
      path: '/api/providers',
      summary: 'Add an OpenAI-compatible provider; the API key is stored encrypted, never returned',
      tag,
      body: createProviderBodySchema,
      success: { status: 201, description: 'The provider (hasApiKey, apiKeyHint; no key)' },
      errors: [400, 401, 409, 413, 422],
    },
    {
      method: 'get' as const,
      path: '/api/providers/{name}',
      summary: 'Read one provider (never its API key)',
      tag,
      success: { status: 200, description: 'The provider' },
      errors: [401, 404],
    },
    {
      method: 'put' as const,
      path: '/api/providers/{name}',
      summary: 'Change a saved provider; omitted fields keep their value, apiKey null removes it',
      tag,
      body: updateProviderBodySchema,
      success: { status: 200, description: 'The provider' },
      errors: [400, 401, 404, 409, 413, 422],
    },
    {
      method: 'delete' as const,
      path: '/api/providers/{name}',
      summary: 'Delete a saved provider (nodes naming it then take their error port)',
      tag,
      success: { status: 204, description: 'Deleted' },
      errors: [401, 404, 409],
    },
    {
      method: 'post' as const,
      path: '/api/providers/{name}/default',
      summary: 'Make this provider the default for nodes that name none (offline included)',
      tag,
      success: { status: 200, description: '{ defaultProvider }' },
      errors: [401, 404],
    },
    {
      method: 'post' as const,
      path: '/api/providers/{name}/test',
      summary:
        'Test the connection with a tiny prompt: { ok, latencyMs, model } or the error (query: model, timeoutMs)',
      tag,
      success: { status: 200, description: '{ ok, latencyMs, model, isOffline, reply?, error? }' },
      errors: [401, 404, 422],
    },
  ]
}
