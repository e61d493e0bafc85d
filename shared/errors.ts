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
  'payload_too_large',
  'expression_invalid',
  'node_type_invalid',
  'variable_invalid',
  'service_unavailable',
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

/** A request body, query or parameter failed its schema; `details.problems` lists every one. */
export class InvalidRequestError extends AppError {
  constructor(problems: readonly { path: (string | number)[]; message: string }[]) {
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

/** A node asked for a service this deployment does not provide (yet). Takes the error port. */
export class ServiceUnavailableError extends AppError {
  constructor(service: string, reason: string) {
    super('service_unavailable', `The ${service} service is not available: ${reason}`, { service })
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
