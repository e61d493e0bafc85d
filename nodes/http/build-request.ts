import type { HttpRequest, JsonValue, NodeContext } from '../../shared/index.ts'
import { OutboundRequestError, SecretMissingError } from '../../shared/index.ts'
import type { HttpConfig } from './config.ts'

/** A string that is one placeholder and nothing else keeps its value's type in a JSON body. */
const wholePlaceholder = /^\s*\{\{([^{}]*)\}\}\s*$/

/**
 * Renders a JSON body: every string inside is a template, so customer input lands in the body
 * as an escaped JSON string and can never break out of it. `"{{ vars.amount }}"` alone keeps a
 * number a number.
 */
export function renderJson(ctx: NodeContext, value: JsonValue): JsonValue {
  if (typeof value === 'string') {
    const whole = wholePlaceholder.exec(value)
    return whole?.[1] !== undefined ? ctx.evaluateValue(whole[1]) : ctx.render(value)
  }
  if (Array.isArray(value)) return value.map((item) => renderJson(ctx, item))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [ctx.render(key), renderJson(ctx, item)]),
    )
  }
  return value
}

/** Builds the request from the config: every template rendered, the secret looked up. */
export async function buildRequest(ctx: NodeContext, cfg: HttpConfig): Promise<HttpRequest> {
  const url = parseUrl(ctx.render(cfg.url).trim())
  for (const row of cfg.query) url.searchParams.append(row.name, ctx.render(row.value))
  const headers: Record<string, string> = {}
  for (const row of cfg.headers) headers[row.name.toLowerCase()] = ctx.render(row.value)
  let body: string | undefined
  switch (cfg.bodyType) {
    case 'none':
      break
    case 'json':
      body = JSON.stringify(renderJson(ctx, cfg.json))
      headers['content-type'] ??= 'application/json; charset=utf-8'
      break
    case 'text':
      body = ctx.render(cfg.text)
      headers['content-type'] ??= 'text/plain; charset=utf-8'
      break
    case 'form': {
      const form = new URLSearchParams()
      for (const row of cfg.form) form.append(row.name, ctx.render(row.value))
      body = form.toString()
      headers['content-type'] ??= 'application/x-www-form-urlencoded'
      break
    }
    default: {
      const unknownType: never = cfg.bodyType
      throw new Error(`unknown body type ${String(unknownType)}`)
    }
  }
  if (cfg.auth) {
    const secret = await ctx.secrets.resolve(cfg.auth.secret)
    if (secret === undefined) throw new SecretMissingError(cfg.auth.secret)
    headers[cfg.auth.header.toLowerCase()] = cfg.auth.scheme
      ? `${cfg.auth.scheme} ${secret}`
      : secret
  }
  return {
    method: cfg.method,
    url: url.href,
    headers,
    body,
    timeoutMs: cfg.timeoutMs,
    retries: cfg.retries,
    retryBaseDelayMs: cfg.retryBaseDelayMs,
    maxResponseBytes: cfg.maxResponseBytes,
  }
}

function parseUrl(text: string): URL {
  try {
    return new URL(text)
  } catch {
    throw new OutboundRequestError('invalid_url', `Not a valid URL: ${text.slice(0, 200)}`, false)
  }
}
