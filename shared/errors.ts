/**
 * Domain errors with stable, snake_case codes. Routes and the engine throw these; one HTTP
 * handler (runtime/http/on-error.ts) maps each code to a status. The codes are public API and
 * are listed in docs/api.md.
 */
export const errorCodes = [
  'malformed_json',
  'invalid_request',
  'unauthorized',
  'forbidden',
  'invalid_credentials',
  'account_locked',
  'csrf_failed',
  'password_change_required',
  'user_not_found',
  'user_exists',
  'last_admin',
  'api_key_not_found',
  'route_not_found',
  'flow_not_found',
  'flow_exists',
  'flow_invalid',
  'flow_not_published',
  'version_not_found',
  'conversation_not_found',
  'conversation_closed',
  'conversation_busy',
  'revision_conflict',
  'idempotency_key_conflict',
  'payload_too_large',
  'expression_invalid',
  'node_type_invalid',
  'variable_invalid',
  'service_unavailable',
  'knowledge_base_not_found',
  'document_not_found',
  'document_invalid',
  'search_mode_unavailable',
  'outbound_blocked',
  'outbound_failed',
  'code_failed',
  'secret_missing',
  'model_answer_invalid',
  'provider_not_found',
  'provider_exists',
  'provider_read_only',
  'policy_not_found',
  'policy_exists',
  'policy_in_use',
  'policy_read_only',
  'secret_not_found',
  'rate_limited',
  'experiment_not_found',
  'experiment_conflict',
  'handoff_not_found',
  'handoff_claimed',
  'handoff_not_assigned',
  'agent_at_capacity',
  'agent_unavailable',
  'queue_not_found',
  'canned_response_not_found',
  'internal',
] as const
export type ErrorCode = (typeof errorCodes)[number]

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class MalformedJsonError extends AppError {
  constructor(reason: string) {
    super('malformed_json', `Request body is not valid JSON: ${reason}`)
  }
}

/**
 * A request body, query or parameter failed its schema; `details.problems` lists every one,
 * with the zod issue's `params` (zodIssueParams) where a schema refused it.
 */
export class InvalidRequestError extends AppError {
  constructor(
    problems: readonly {
      path: (string | number)[]
      message: string
      params?: Record<string, string | number | string[]>
    }[],
  ) {
    super('invalid_request', `Request is invalid: ${problems.length} problem(s)`, { problems })
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Missing or invalid bearer token') {
    super('unauthorized', message)
  }
}

export class RouteNotFoundError extends AppError {
  constructor(method: string, path: string) {
    super('route_not_found', `No route for ${method} ${path}`, { method, path })
  }
}

export class FlowNotFoundError extends AppError {
  constructor(flowId: string) {
    super('flow_not_found', `Flow ${flowId} does not exist`, { flowId })
  }
}

export class FlowExistsError extends AppError {
  constructor(flowId: string) {
    super('flow_exists', `Flow ${flowId} already exists`, { flowId })
  }
}

export class FlowInvalidError extends AppError {
  constructor(flowId: string, problems: readonly unknown[]) {
    super('flow_invalid', `Flow ${flowId} has ${problems.length} problem(s)`, { flowId, problems })
  }
}

export class FlowNotPublishedError extends AppError {
  constructor(flowId: string) {
    super('flow_not_published', `Flow ${flowId} has no published version yet`, { flowId })
  }
}

export class VersionNotFoundError extends AppError {
  constructor(flowId: string, version: number) {
    super('version_not_found', `Flow ${flowId} has no version ${version}`, { flowId, version })
  }
}

export class ConversationNotFoundError extends AppError {
  constructor(conversationId: string) {
    super('conversation_not_found', `Conversation ${conversationId} does not exist`, {
      conversationId,
    })
  }
}

export class ConversationClosedError extends AppError {
  constructor(conversationId: string) {
    super('conversation_closed', `Conversation ${conversationId} is closed`, { conversationId })
  }
}

export class ConversationBusyError extends AppError {
  constructor(conversationId: string, waitedMs: number) {
    super(
      'conversation_busy',
      `Conversation ${conversationId} is still running an earlier turn (waited ${waitedMs} ms)`,
      { conversationId, waitedMs },
    )
  }
}

export class RevisionConflictError extends AppError {
  constructor(flowId: string, expected: number, actual: number) {
    super(
      'revision_conflict',
      `Flow ${flowId} was saved by someone else: you sent revision ${expected}, the draft is at ${actual}`,
      { flowId, expectedRevision: expected, currentRevision: actual },
    )
  }
}

export class IdempotencyKeyConflictError extends AppError {
  constructor(idempotencyKey: string) {
    super(
      'idempotency_key_conflict',
      `Idempotency key "${idempotencyKey}" already started a conversation on another flow: use a key of your own`,
      { idempotencyKey },
    )
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('payload_too_large', `Request body is larger than ${limitBytes} bytes`, { limitBytes })
  }
}

/** A template or condition failed to parse or evaluate; `position` is a 0-based offset. */
export class ExpressionError extends AppError {
  constructor(
    message: string,
    readonly source: string,
    readonly position: number,
  ) {
    super('expression_invalid', `${message} at position ${position}`, { source, position })
  }
}

export class NodeTypeInvalidError extends AppError {
  constructor(where: string, reason: string) {
    super('node_type_invalid', `Node type from ${where} is invalid: ${reason}`, { where })
  }
}

export class KnowledgeBaseNotFoundError extends AppError {
  constructor(knowledgeBaseId: string) {
    super('knowledge_base_not_found', `Knowledge base ${knowledgeBaseId} does not exist`, {
      knowledgeBaseId,
    })
  }
}

export class DocumentNotFoundError extends AppError {
  constructor(knowledgeBaseId: string, documentId: string) {
    super('document_not_found', `Knowledge base ${knowledgeBaseId} has no document ${documentId}`, {
      knowledgeBaseId,
      documentId,
    })
  }
}

/**
 * Why an upload was refused, for clients to word it (`reason` is the server's English):
 * `unsupported_type` (details also give `supported`, the extensions), `corrupt` (the parser
 * failed), `no_text` (a text document without text, e.g. a scanned PDF), `empty` (a sheet
 * without question/answer rows), `columns_missing` (a sheet whose first row names no question
 * and answer columns), `send_as_file` (a binary type sent as JSON text).
 */
export const documentInvalidReasons = [
  'unsupported_type',
  'corrupt',
  'no_text',
  'empty',
  'columns_missing',
  'send_as_file',
] as const
export type DocumentInvalidReason = (typeof documentInvalidReasons)[number]

/** An uploaded file cannot be indexed (unsupported type, corrupt, empty); nothing was stored. */
export class DocumentInvalidError extends AppError {
  constructor(
    fileName: string,
    reason: string,
    reasonCode: DocumentInvalidReason,
    extra: { supported?: string[] } = {},
  ) {
    super('document_invalid', `Cannot index "${fileName}": ${reason}`, {
      fileName,
      reason,
      reasonCode,
      ...extra,
    })
  }
}

/** Dense or hybrid search was asked for but no embedding model is configured. */
export class SearchModeUnavailableError extends AppError {
  constructor(mode: string, reason: string) {
    super('search_mode_unavailable', `Search mode "${mode}" is not available: ${reason}`, { mode })
  }
}

/** A node asked for a service this deployment does not provide (yet). Takes the error port. */
export class ServiceUnavailableError extends AppError {
  constructor(service: string, reason: string) {
    super('service_unavailable', `The ${service} service is not available: ${reason}`, { service })
  }
}

/**
 * A model answered, but not with what the node asked for (malformed JSON, a missing field, a
 * value out of range). Raised inside node steps, where it takes the node's `error` port.
 */
export class ModelAnswerInvalidError extends AppError {
  constructor(reason: string) {
    super('model_answer_invalid', `The model's answer is not usable: ${reason}`)
  }
}

/** The SSRF guard refused an outbound request to a private, loopback or metadata address. */
export class OutboundBlockedError extends AppError {
  constructor(host: string, address: string, reason: string) {
    super(
      'outbound_blocked',
      `Outbound request to ${host} (${address}) refused: ${reason}; allow-list it in HTTP_ALLOWED_HOSTS or HTTP_ALLOWED_CIDRS if intended`,
      { host, address },
    )
  }
}

export type OutboundFailure = 'timeout' | 'network' | 'too_large' | 'redirects' | 'invalid_url'

/** An outbound request did not get a usable answer (timeout, network error, too large). */
export class OutboundRequestError extends AppError {
  constructor(
    readonly reason: OutboundFailure,
    message: string,
    /** Network errors and timeouts are worth retrying; a too-large answer is not. */
    readonly isRetryable = reason === 'timeout' || reason === 'network',
  ) {
    super('outbound_failed', message, { reason })
  }
}

export type CodeFailure = 'timeout' | 'memory' | 'exception' | 'result_invalid'

/** Code run in the sandbox (the `code` node) failed, ran too long or used too much memory. */
export class SandboxError extends AppError {
  constructor(
    readonly reason: CodeFailure,
    message: string,
  ) {
    super('code_failed', message, { reason })
  }
}

/** A node refers to a secret that is neither stored (/api/secrets) nor a `SECRET_<NAME>` variable. */
export class SecretMissingError extends AppError {
  constructor(name: string) {
    const variable = `SECRET_${name.toUpperCase()}`
    super(
      'secret_missing',
      `Secret ${name} is not configured (add it under Settings → Secrets, or set ${variable})`,
      { name },
    )
  }
}

export class VariableInvalidError extends AppError {
  constructor(name: string, expectedType: string, value: unknown) {
    super(
      'variable_invalid',
      `Variable ${name} is declared as ${expectedType} and cannot hold ${JSON.stringify(value)?.slice(0, 80)}`,
      { name, expectedType },
    )
  }
}

export class PolicyNotFoundError extends AppError {
  constructor(policyId: string) {
    super('policy_not_found', `Compliance policy ${policyId} does not exist`, { policyId })
  }
}

export class PolicyExistsError extends AppError {
  constructor(policyId: string) {
    super('policy_exists', `Compliance policy ${policyId} already exists`, { policyId })
  }
}

/** A policy chosen by flows cannot be deleted; `flows` lists them. */
export class PolicyInUseError extends AppError {
  constructor(policyId: string, flows: readonly string[]) {
    super(
      'policy_in_use',
      `Compliance policy ${policyId} is used by ${flows.length} flow(s): ${flows.slice(0, 10).join(', ')}`,
      { policyId, flows },
    )
  }
}

/** Built-in presets cannot be changed or deleted; copy one to edit it. */
export class PolicyReadOnlyError extends AppError {
  constructor(policyId: string) {
    super(
      'policy_read_only',
      `Compliance policy ${policyId} is built in and read-only: copy it to make changes`,
      { policyId },
    )
  }
}
