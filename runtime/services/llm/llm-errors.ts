import { AppError } from '../../../shared/index.ts'

/**
 * Why a model call failed: `status` the provider answered an HTTP error, `provider_error` it
 * reported an error inside a stream, `timeout` no answer within timeoutMs, `aborted` the caller's
 * signal fired, `connection` the endpoint could not be reached, `malformed` the answer could not
 * be read.
 */
export type LlmFailure =
  | 'status'
  | 'provider_error'
  | 'timeout'
  | 'aborted'
  | 'connection'
  | 'malformed'

/**
 * A model call failed. One class for every cause, so a node's `error` port and the HTTP handler
 * see the same thing whichever SDK error was behind it. The message names the provider, the
 * status and the reason, never the API key.
 */
export class LlmRequestError extends AppError {
  constructor(
    readonly provider: string,
    readonly failure: LlmFailure,
    reason: string,
    readonly status?: number,
  ) {
    const statusText = status === undefined ? '' : ` (HTTP ${status})`
    super('service_unavailable', `LLM provider "${provider}" failed${statusText}: ${reason}`, {
      provider,
      failure,
      status,
    })
  }
}

/** A request or node named a provider the workspace does not configure. */
export class LlmProviderNotFoundError extends AppError {
  constructor(provider: string, configured: readonly string[]) {
    const known = configured.length === 0 ? 'none' : configured.join(', ')
    super(
      'service_unavailable',
      `No LLM provider named "${provider}" is configured (configured: ${known})`,
      { provider },
    )
  }
}

/** The provider settings (environment or workspace) are unusable; raised at start-up. */
export class LlmConfigError extends AppError {
  constructor(problems: readonly string[]) {
    super('service_unavailable', `LLM provider settings are invalid: ${problems.join('; ')}`, {
      problems,
    })
  }
}
