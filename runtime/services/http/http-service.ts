import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import {
  AppError,
  type HttpRequest,
  type HttpResponse,
  type HttpService,
  OutboundRequestError,
} from '../../../shared/index.ts'
import { type AddressPolicy, createAddressPolicy } from './address-policy.ts'
import { guardedLookup, type ResolveHost, systemResolveHost } from './guarded-lookup.ts'

export interface HttpServiceOptions {
  policy?: AddressPolicy
  resolveHost?: ResolveHost
  /** Waits between retries; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>
}

export const httpDefaults = {
  timeoutMs: 10_000,
  retries: 0,
  retryBaseDelayMs: 200,
  maxResponseBytes: 1024 * 1024,
  maxRedirects: 5,
} as const

const redirectStatuses = new Set([301, 302, 303, 307, 308])

/**
 * Outbound HTTP for nodes with the SSRF guard (see AddressPolicy): every hop of a redirect chain
 * is checked again, on the address actually connected to. Retries 5xx answers and network
 * errors with exponential backoff.
 */
export function createHttpService(options: HttpServiceOptions = {}): HttpService {
  const policy = options.policy ?? createAddressPolicy()
  const lookup = guardedLookup(policy, options.resolveHost ?? systemResolveHost)
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  // Own keep-alive agents: pooled sockets were all connected through the guarded lookup.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, lookup }),
    'https:': new https.Agent({ keepAlive: true, lookup }),
  }
  const send = (request: HttpRequest) => followRedirects(request, { policy, agents, lookup })

  return {
    async request(request) {
      const retries = Math.max(0, request.retries ?? httpDefaults.retries)
      const baseDelayMs = request.retryBaseDelayMs ?? httpDefaults.retryBaseDelayMs
      for (let attempt = 1; ; attempt++) {
        const isLast = attempt > retries
        try {
          const response = await send(request)
          if (response.status < 500 || isLast) return { ...response, attempts: attempt }
        } catch (error) {
          if (isLast || !(error instanceof OutboundRequestError) || !error.isRetryable) throw error
        }
        await sleep(baseDelayMs * 2 ** (attempt - 1))
      }
    },
  }
}

interface SendContext {
  policy: AddressPolicy
  agents: Record<'http:' | 'https:', http.Agent>
  lookup: ReturnType<typeof guardedLookup>
}

async function followRedirects(request: HttpRequest, context: SendContext): Promise<HttpResponse> {
  const maxRedirects = request.maxRedirects ?? httpDefaults.maxRedirects
  // One time budget for the attempt, redirects included.
  const deadline = Date.now() + (request.timeoutMs ?? httpDefaults.timeoutMs)
  let current = { ...request }
  for (let hop = 0; ; hop++) {
    const response = await sendOnce(
      { ...current, timeoutMs: Math.max(1, deadline - Date.now()) },
      context,
    )
    const location = response.headers.location
    if (!redirectStatuses.has(response.status) || location === undefined || maxRedirects === 0) {
      return response
    }
    if (hop >= maxRedirects) {
      throw new OutboundRequestError('redirects', `More than ${maxRedirects} redirects`, false)
    }
    const next = parseUrl(location, current.url)
    const isSameOrigin = next.origin === new URL(current.url).origin
    const keepsMethod = response.status === 307 || response.status === 308
    const headers = { ...current.headers }
    for (const name of Object.keys(headers)) {
      // Credentials were meant for the first origin, not wherever it points us.
      const isCredential = /^(authorization|cookie|proxy-authorization)$/i.test(name)
      const describesBody = /^content-/i.test(name)
      if ((isCredential && !isSameOrigin) || (describesBody && !keepsMethod)) delete headers[name]
    }
    current = keepsMethod
      ? { ...current, url: next.href, headers }
      : {
          ...current,
          url: next.href,
          headers,
          method: 'GET',
          body: undefined,
        }
  }
}

function parseUrl(url: string, base?: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url, base)
  } catch {
    throw new OutboundRequestError('invalid_url', `Not a valid URL: ${url.slice(0, 200)}`, false)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new OutboundRequestError(
      'invalid_url',
      `Only http and https URLs can be requested, not ${parsed.protocol}`,
      false,
    )
  }
  return parsed
}

function sendOnce(request: HttpRequest, context: SendContext): Promise<HttpResponse> {
  const url = parseUrl(request.url)
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  // A literal IP address is connected to without a lookup: check it here instead.
  if (isIP(hostname) !== 0) context.policy.check(url.hostname, hostname)
  const protocol = url.protocol === 'https:' ? 'https:' : 'http:'
  const transport = protocol === 'https:' ? https : http
  const timeoutMs = request.timeoutMs ?? httpDefaults.timeoutMs
  const maxBytes = request.maxResponseBytes ?? httpDefaults.maxResponseBytes
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8')
  const headers: Record<string, string> = { ...request.headers }
  if (body) headers['content-length'] = String(body.byteLength)

  return new Promise<HttpResponse>((resolve, reject) => {
    let isSettled = false
    const fail = (error: Error) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(timer)
      req.destroy()
      reject(error)
    }
    const req = transport.request(url, {
      method: request.method,
      headers,
      agent: context.agents[protocol],
      lookup: context.lookup,
    })
    const timer = setTimeout(() => {
      fail(new OutboundRequestError('timeout', `No complete answer within ${timeoutMs} ms`))
    }, timeoutMs)
    req.on('error', (error) => fail(toOutboundError(error)))
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length'] ?? '0')
      if (declared > maxBytes) {
        fail(tooLarge(maxBytes))
        return
      }
      const chunks: Buffer[] = []
      let total = 0
      res.on('data', (chunk: Buffer) => {
        total += chunk.byteLength
        // Stop reading at the limit: a huge answer is never buffered whole.
        if (total > maxBytes) fail(tooLarge(maxBytes))
        else chunks.push(chunk)
      })
      res.on('error', (error) => fail(toOutboundError(error)))
      res.on('end', () => {
        if (isSettled) return
        isSettled = true
        clearTimeout(timer)
        resolve({
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          body: Buffer.concat(chunks).toString('utf8'),
          url: url.href,
        })
      })
    })
    req.end(body)
  })
}

function tooLarge(maxBytes: number): OutboundRequestError {
  return new OutboundRequestError(
    'too_large',
    `The response is larger than the limit of ${maxBytes} bytes`,
  )
}

function toOutboundError(error: Error): Error {
  // The guard's refusal comes through the socket's lookup: pass it on unchanged.
  if (error instanceof AppError) return error
  const code = 'code' in error && typeof error.code === 'string' ? error.code : 'error'
  return new OutboundRequestError('network', `Network error (${code}): ${error.message}`)
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}
