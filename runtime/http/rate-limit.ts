import type { Context, MiddlewareHandler } from 'hono'
import { RateLimitedError } from '../security/index.ts'

export interface RateLimit {
  /** Requests allowed at once (the bucket's size). */
  burst: number
  /** Requests per minute the bucket refills with. */
  perMinute: number
}

interface Bucket {
  tokens: number
  updatedMs: number
}

/** Buckets kept before idle (full) ones are dropped, so the map cannot grow without bound. */
const maxBuckets = 10_000

/**
 * Token buckets in this process's memory. Enough for one server; several processes each count
 * on their own, so the effective limit is the sum (docs/security.md).
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>()

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; when none is left, says how many seconds until one is. */
  take(key: string): { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number } {
    const nowMs = this.now()
    const bucket = this.#refilled(key, nowMs)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { isAllowed: true }
    }
    const perMs = this.limit.perMinute / 60_000
    return {
      isAllowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    }
  }

  /** Whether a token is left, without taking it (for limits that count only failures). */
  check(key: string): { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number } {
    const bucket = this.#refilled(key, this.now())
    if (bucket.tokens >= 1) return { isAllowed: true }
    const perMs = this.limit.perMinute / 60_000
    return {
      isAllowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    }
  }

  #refilled(key: string, nowMs: number): Bucket {
    const perMs = this.limit.perMinute / 60_000
    const current = this.#buckets.get(key)
    if (current) {
      current.tokens = Math.min(
        this.limit.burst,
        current.tokens + (nowMs - current.updatedMs) * perMs,
      )
      current.updatedMs = nowMs
      return current
    }
    if (this.#buckets.size >= maxBuckets) this.#dropIdle(nowMs, perMs)
    const bucket = { tokens: this.limit.burst, updatedMs: nowMs }
    this.#buckets.set(key, bucket)
    return bucket
  }

  #dropIdle(nowMs: number, perMs: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (nowMs - b.updatedMs) * perMs >= this.limit.burst) this.#buckets.delete(key)
    }
    // Everyone is busy: forget the oldest rather than grow (a forgotten key starts full).
    if (this.#buckets.size >= maxBuckets) {
      const oldest = this.#buckets.keys().next().value
      if (oldest !== undefined) this.#buckets.delete(oldest)
    }
  }
}

/**
 * Refuses a request with 429 and Retry-After once its key's bucket is empty. `keyOf` returning
 * undefined lets the request through uncounted (an in-process request has no address).
 * `isFailuresOnly` takes a token only for answers of 400 and above (failed sign-ins).
 */
export function rateLimit(
  limiter: RateLimiter,
  keyOf: (c: Context) => string | undefined,
  options: { isFailuresOnly?: boolean } = {},
): MiddlewareHandler {
  return async (c, next) => {
    const key = keyOf(c)
    if (key === undefined) return next()
    const taken = options.isFailuresOnly ? limiter.check(key) : limiter.take(key)
    if (!taken.isAllowed) {
      c.header('Retry-After', String(taken.retryAfterSeconds))
      throw new RateLimitedError(taken.retryAfterSeconds)
    }
    await next()
    // Counting only failures: a right password is never slowed down, a guesser is.
    if (options.isFailuresOnly && c.res.status >= 400) limiter.take(key)
  }
}
