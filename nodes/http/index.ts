import {
  defineNode,
  type HttpResponse,
  type JsonObject,
  type JsonValue,
} from '../../shared/index.ts'
import { buildRequest } from './build-request.ts'
import { type HttpConfig, httpConfigSchema } from './config.ts'
import { parsePath, readPath } from './read-path.ts'

/** Response headers worth keeping in the node's output; the rest (cookies…) stay out of it. */
const keptHeaders = [
  'content-type',
  'content-length',
  'location',
  'etag',
  'last-modified',
  'retry-after',
  'x-request-id',
]

function parseBody(response: HttpResponse, cfg: HttpConfig): JsonValue {
  const isJson =
    cfg.responseType === 'json' ||
    (cfg.responseType === 'auto' && /[/+]json\b/i.test(response.headers['content-type'] ?? ''))
  if (!isJson || response.body.trim() === '') return response.body
  try {
    return JSON.parse(response.body) as JsonValue
  } catch {
    if (cfg.responseType === 'json') throw new Error('The response body is not valid JSON')
    return response.body
  }
}

function pickHeaders(headers: Record<string, string>): JsonObject {
  const kept: JsonObject = {}
  for (const name of keptHeaders) {
    const value = headers[name]
    if (value !== undefined) kept[name] = value
  }
  return kept
}

export default defineNode({
  type: 'http',
  version: 1,
  category: 'action',
  titles: { 'zh-CN': 'HTTP 请求', en: 'HTTP request' },
  descriptions: {
    'zh-CN': '调用 CRM/ERP 等外部接口，把返回字段写入变量；密钥按名称引用，不写进流程。',
    en: 'Calls a CRM/ERP API and maps response fields into variables; secrets by reference only.',
  },
  config: httpConfigSchema,
  outputs: () => ['success', 'error'],
  async run(ctx, cfg) {
    const request = await buildRequest(ctx, cfg)
    const startedAt = ctx.clock.now()
    const response = await ctx.http.request(request)
    const body = parseBody(response, cfg)
    const output: JsonObject = {
      status: response.status,
      body,
      headers: pickHeaders(response.headers),
    }
    // Query strings may carry customer data: the trace gets the address without them.
    const where = new URL(request.url)
    ctx.trace.note(`${request.method} ${where.origin}${where.pathname} → ${response.status}`, {
      attempts: response.attempts ?? 1,
      durationMs: ctx.clock.now() - startedAt,
    })
    if (response.status < 200 || response.status > 299) return { port: 'error', output }
    for (const mapping of cfg.mappings) {
      const segments = parsePath(mapping.path)
      const value = typeof segments === 'string' ? undefined : readPath(body, segments)
      if (value === undefined)
        ctx.trace.note(`No value at "${mapping.path}" for ${mapping.variable}`)
      ctx.setVariable(mapping.variable, value ?? null)
    }
    return { port: 'success', output }
  },
})
