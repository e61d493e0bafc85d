import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AppError, type ErrorCode } from '../../shared/index.ts'
import type { Logger } from '../logger.ts'

export const statusByCode = {
  malformed_json: 400,
  invalid_request: 422,
  unauthorized: 401,
  forbidden: 403,
  invalid_credentials: 401,
  account_locked: 429,
  csrf_failed: 403,
  password_change_required: 403,
  user_not_found: 404,
  user_exists: 409,
  last_admin: 409,
  api_key_not_found: 404,
  route_not_found: 404,
  flow_not_found: 404,
  flow_exists: 409,
  flow_invalid: 422,
  flow_not_published: 409,
  version_not_found: 404,
  conversation_not_found: 404,
  conversation_closed: 409,
  conversation_busy: 409,
  revision_conflict: 409,
  idempotency_key_conflict: 409,
  payload_too_large: 413,
  expression_invalid: 422,
  node_type_invalid: 422,
  variable_invalid: 422,
  service_unavailable: 503,
  knowledge_base_not_found: 404,
  document_not_found: 404,
  document_invalid: 422,
  search_mode_unavailable: 422,
  outbound_blocked: 403,
  outbound_failed: 502,
  code_failed: 422,
  secret_missing: 500,
  model_answer_invalid: 502,
  provider_not_found: 404,
  provider_exists: 409,
  provider_read_only: 409,
  policy_not_found: 404,
  policy_exists: 409,
  policy_in_use: 409,
  policy_read_only: 409,
  secret_not_found: 404,
  rate_limited: 429,
  experiment_not_found: 404,
  experiment_conflict: 409,
  handoff_not_found: 404,
  handoff_claimed: 409,
  handoff_not_assigned: 409,
  agent_at_capacity: 409,
  agent_unavailable: 409,
  queue_not_found: 404,
  canned_response_not_found: 404,
  internal: 500,
} satisfies Record<ErrorCode, ContentfulStatusCode>

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown }
}

/** The one place where errors become HTTP: routes throw, they never build error JSON. */
export function errorBody(
  error: unknown,
  log: Logger,
): { body: ErrorBody; status: ContentfulStatusCode } {
  if (!(error instanceof AppError)) {
    log.error('unhandled error', error)
    return { body: { error: { code: 'internal', message: 'Internal error' } }, status: 500 }
  }
  const { code, message, details } = error
  const body: ErrorBody =
    details === undefined ? { error: { code, message } } : { error: { code, message, details } }
  return { body, status: statusByCode[code] }
}

export function onError(log: Logger) {
  return (error: unknown, c: Context) => {
    const { body, status } = errorBody(error, log)
    // Lock-outs say when to come back in the header that clients and proxies read, too.
    const details = body.error.details
    if (
      status === 429 &&
      typeof details === 'object' &&
      details !== null &&
      'retryAfterSeconds' in details &&
      typeof details.retryAfterSeconds === 'number'
    ) {
      c.header('Retry-After', String(details.retryAfterSeconds))
    }
    return c.json(body, status)
  }
}
