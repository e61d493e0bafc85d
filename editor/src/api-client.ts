import { sessionHeaders, useSessionStore } from './app/session-store.ts'
import { errorText } from './error-text.ts'
import { useLocaleStore } from './i18n.ts'

/** An error answer of the API: `{ error: { code, message, details } }` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function readError(status: number, body: unknown, fallback: string): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error
    if (typeof error === 'object' && error !== null) {
      const code = 'code' in error && typeof error.code === 'string' ? error.code : 'unknown'
      const message =
        'message' in error && typeof error.message === 'string' ? error.message : fallback
      return new ApiError(status, code, message, 'details' in error ? error.details : undefined)
    }
  }
  return new ApiError(status, 'unknown', fallback)
}

/**
 * Calls the API as the signed-in user (the session cookie, plus the CSRF token on writes). Resolves with the parsed JSON (undefined for 204),
 * rejects with ApiError for an error answer and with a TypeError when the server is unreachable.
 */
export async function apiRequest(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(path, {
    method,
    headers: {
      ...sessionHeaders(method),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.status === 204) return undefined
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (response.status === 401) useSessionStore.getState().expire()
  if (!response.ok) throw readError(response.status, parsed, response.statusText)
  return parsed
}

/**
 * A message for any error, for the UI, in the operator's language: API errors by their code and
 * details, an unreachable server as such (see errorText).
 */
export function errorMessage(error: unknown): string {
  return errorText(error, useLocaleStore.getState().locale, useSessionStore.getState().me?.role)
}
