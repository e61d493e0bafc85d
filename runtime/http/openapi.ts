import { z } from 'zod'
import { errorCodes, flowSchema, problemSchema } from '../../shared/index.ts'
import { accountOperations } from './account-operations.ts'
import { analyticsOperations } from './analytics-operations.ts'
import { complianceOperations } from './compliance-operations.ts'
import { experimentOperations } from './experiment-operations.ts'
import { handoffOperations } from './handoff-operations.ts'
import { knowledgeBaseOperations } from './knowledge-operations.ts'
import { providerOperations } from './provider-operations.ts'
import { postConversationEventBodySchema } from './routes/conversation-events.ts'
import { postMessageBodySchema, startConversationBodySchema } from './routes/conversations.ts'
import { publishBodySchema, saveFlowBodySchema, validateBodySchema } from './routes/flows.ts'
import { startTestConversationBodySchema } from './routes/test-conversations.ts'
import { securityOperations } from './security-operations.ts'

interface Operation {
  method: 'get' | 'post' | 'put' | 'delete'
  path: string
  summary: string
  tag:
    | 'system'
    | 'accounts'
    | 'flows'
    | 'conversations'
    | 'providers'
    | 'knowledge'
    | 'compliance'
    | 'experiments'
    | 'analytics'
    | 'security'
    | 'handoff'
  body?: z.ZodType
  success: { status: number; description: string }
  errors: number[]
  isPublic?: boolean
  isStreamable?: boolean
}

/** Every API route. test/api/openapi.test.ts checks this list against the app's real routes. */
export const apiOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness check (no token needed)',
    tag: 'system',
    success: { status: 200, description: '{ status, version }' },
    errors: [],
    isPublic: true,
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    tag: 'system',
    success: { status: 200, description: 'OpenAPI 3.1 document' },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/node-types',
    summary: 'Installed node types (built-in and custom) with their config JSON Schema and ports',
    tag: 'system',
    success: { status: 200, description: '{ nodeTypes }' },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/flows',
    summary: 'List flows (drafts with their latest published version)',
    tag: 'flows',
    success: { status: 200, description: '{ flows }' },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/flows',
    summary: 'Create a flow draft',
    tag: 'flows',
    body: flowSchema,
    success: { status: 201, description: 'The draft with its revision and validation problems' },
    errors: [400, 401, 409, 413, 422],
  },
  {
    method: 'get',
    path: '/api/flows/{id}',
    summary: 'Read a draft, its revision and problems',
    tag: 'flows',
    success: { status: 200, description: 'The draft' },
    errors: [401, 404],
  },
  {
    method: 'put',
    path: '/api/flows/{id}',
    summary: 'Save a draft; `revision` must be the one you read (else 409)',
    tag: 'flows',
    body: saveFlowBodySchema,
    success: { status: 200, description: 'The saved draft with its new revision' },
    errors: [400, 401, 404, 409, 413, 422],
  },
  {
    method: 'delete',
    path: '/api/flows/{id}',
    summary: 'Delete a flow (running conversations finish on their version)',
    tag: 'flows',
    success: { status: 204, description: 'Deleted' },
    errors: [401, 404],
  },
  {
    method: 'post',
    path: '/api/flows/{id}/validate',
    summary: 'Validate the draft, or the flow in the body',
    tag: 'flows',
    body: validateBodySchema,
    success: { status: 200, description: '{ isValid, problems }' },
    errors: [400, 401, 404, 413, 422],
  },
  {
    method: 'post',
    path: '/api/flows/{id}/publish',
    summary: 'Publish the draft as a new immutable version',
    tag: 'flows',
    body: publishBodySchema,
    success: { status: 201, description: '{ flowId, version, note, publishedAt, problems }' },
    errors: [400, 401, 404, 409, 413, 422],
  },
  {
    method: 'get',
    path: '/api/flows/{id}/versions',
    summary: 'List published versions',
    tag: 'flows',
    success: { status: 200, description: '{ versions }' },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/api/flows/{id}/versions/{version}',
    summary: 'Read one published version',
    tag: 'flows',
    success: { status: 200, description: 'The version with its flow document' },
    errors: [401, 404],
  },
  {
    method: 'post',
    path: '/api/flows/{id}/test-conversations',
    summary:
      "Start a test conversation on the flow's current draft (validated, prepared and frozen as an unlisted snapshot; the conversation's flowVersion is -snapshotId)",
    tag: 'conversations',
    body: startTestConversationBodySchema,
    success: {
      status: 201,
      description: '{ id, snapshotId, conversationId, turnId, status, messages }',
    },
    errors: [400, 401, 404, 413, 422],
  },
  {
    method: 'post',
    path: '/api/conversations',
    summary: "Start a conversation on a flow's latest version; runs until the first wait",
    tag: 'conversations',
    body: startConversationBodySchema,
    success: { status: 201, description: '{ id, conversationId, turnId, status, messages }' },
    errors: [400, 401, 404, 409, 413, 422],
    isStreamable: true,
  },
  {
    method: 'post',
    path: '/api/conversations/{id}/messages',
    summary:
      'Send a customer message and get the replies (JSON, or SSE with Accept: text/event-stream)',
    tag: 'conversations',
    body: postMessageBodySchema,
    success: { status: 200, description: '{ conversationId, turnId, status, messages }' },
    errors: [400, 401, 404, 409, 413, 422],
    isStreamable: true,
  },
  {
    method: 'get',
    path: '/api/conversations/{id}',
    summary: 'Status, variables and transcript',
    tag: 'conversations',
    success: { status: 200, description: 'The conversation' },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/api/conversations/{id}/trace',
    summary: 'Per-node trace of every turn',
    tag: 'conversations',
    success: { status: 200, description: '{ turns: [{ steps }] }' },
    errors: [401, 404],
  },
  {
    method: 'post',
    path: '/api/conversations/{id}/events',
    summary:
      "Record a conversion from the business's own system; a repeated idempotencyKey stores nothing and answers with the first event",
    tag: 'conversations',
    body: postConversationEventBodySchema,
    success: { status: 201, description: '{ event }' },
    errors: [400, 401, 404, 413, 422],
  },
  {
    method: 'get',
    path: '/api/conversations/{id}/events',
    summary: 'CSAT answers and conversions of a conversation, oldest first',
    tag: 'conversations',
    success: { status: 200, description: '{ conversationId, events }' },
    errors: [401, 404],
  },
  ...providerOperations(),
  ...knowledgeBaseOperations(),
  ...complianceOperations(),
  ...accountOperations(),
  ...experimentOperations(),
  ...analyticsOperations(),
  ...securityOperations(),
  ...handoffOperations(),
]

const errorDescriptions: Record<number, string> = {
  400: 'Malformed JSON (malformed_json)',
  401: 'Not signed in: missing or wrong bearer token or session cookie (unauthorized)',
  403: 'Signed in, but the role or API key may not do this (forbidden, csrf_failed, password_change_required)',
  404: 'Unknown flow, version, conversation, knowledge base, document or route',
  409: 'Revision conflict, conversation closed or busy, flow exists or not published',
  413: 'Body too large (payload_too_large)',
  422: 'Invalid request or flow; details list every problem with its path',
  429: 'Too many wrong passwords for this login, at sign-in or password change (account_locked, with Retry-After), or too many requests from this address or API key (rate_limited, with Retry-After); wait details.retryAfterSeconds',
}

/** The OpenAPI 3.1 document, derived from the same zod schemas the routes parse with. */
export function buildOpenApiDocument(version: string) {
  const errorSchema = {
    type: 'object',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: { type: 'string', enum: [...errorCodes] },
          message: { type: 'string' },
          details: {},
        },
        required: ['code', 'message'],
      },
    },
  }
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of apiOperations) {
    const parameters = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    const responses: Record<string, unknown> = {
      [op.success.status]: {
        description: op.success.description,
        ...(op.isStreamable
          ? { content: { 'application/json': {}, 'text/event-stream': {} } }
          : {}),
      },
    }
    for (const status of op.errors) {
      responses[status] = {
        description: errorDescriptions[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      }
    }
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        tags: [op.tag],
        ...(op.isPublic ? { security: [] } : {}),
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(op.body
          ? {
              requestBody: {
                required: !op.path.endsWith('/validate') && !op.path.endsWith('/publish'),
                content: {
                  'application/json': {
                    schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }),
                  },
                },
              },
            }
          : {}),
        responses,
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version,
      description:
        'Flows, versions and conversations. Errors are { error: { code, message, details? } }.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema, Problem: z.toJSONSchema(problemSchema) },
    },
  }
}
