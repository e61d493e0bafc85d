import { AppError } from '../../shared/index.ts'

export class SecretNotFoundError extends AppError {
  constructor(name: string) {
    super('secret_not_found', `No secret named "${name}" exists`, { name })
  }
}

/** Too many requests from one IP or API key; the response carries Retry-After. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many requests; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    })
  }
}

/**
 * The master key cannot open this database's secrets, or is missing while secrets exist. Thrown
 * at start, before anything is written, so the operator can fix the key and start again.
 */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError'
}
