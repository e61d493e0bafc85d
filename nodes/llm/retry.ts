import { ModelAnswerInvalidError } from '../../shared/index.ts'

// Failures a second attempt may fix. A refused key (401), a bad request (400) or a cancelled
// call would fail the same way again, only later.
const retryableFailures = new Set(['timeout', 'connection', 'malformed', 'provider_error'])

function detailsOf(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null || !('details' in error)) return {}
  const { details } = error
  return typeof details === 'object' && details !== null ? { ...details } : {}
}

/** Whether a failed model call is worth another attempt. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ModelAnswerInvalidError) return true
  const { failure, status } = detailsOf(error)
  if (failure === 'status' && typeof status === 'number') return status === 429 || status >= 500
  return typeof failure === 'string' && retryableFailures.has(failure)
}

/** Runs `work` up to `retries + 1` times while it fails with a retryable error. */
export async function withRetries<T>(
  retries: number,
  shouldRetry: (error: unknown) => boolean,
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (attempt >= retries || !shouldRetry(error)) throw error
    }
  }
}
