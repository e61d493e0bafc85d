import { compliancePolicySchema } from '../../shared/index.ts'
import { copyPolicyBodySchema, tryPolicyBodySchema } from './routes/compliance.ts'

/** Compliance operations (issue #6), listed in openapi.ts `apiOperations`. */
export function complianceOperations() {
  const tag = 'compliance' as const
  return [
    {
      method: 'get' as const,
      path: '/api/compliance/policies',
      summary: 'List compliance policies: built-in presets (read-only) and the workspace’s own',
      tag,
      success: { status: 200, description: '{ policies }' },
      errors: [401],
    },
    {
      method: 'post' as const,
      path: '/api/compliance/policies',
      summary: 'Create a compliance policy',
      tag,
      body: compliancePolicySchema,
      success: {
        status: 201,
        description: '{ policy, isBuiltIn, revision, createdAt, updatedAt }',
      },
      errors: [400, 401, 409, 413, 422],
    },
    {
      method: 'get' as const,
      path: '/api/compliance/policies/{id}',
      summary: 'Read a policy and the flows that choose it',
      tag,
      success: { status: 200, description: '{ policy, isBuiltIn, revision, usedBy }' },
      errors: [401, 404, 422],
    },
    {
      method: 'put' as const,
      path: '/api/compliance/policies/{id}',
      summary: 'Replace a workspace policy (presets are read-only: 409)',
      tag,
      body: compliancePolicySchema,
      success: { status: 200, description: 'The saved policy' },
      errors: [400, 401, 404, 409, 413, 422],
    },
    {
      method: 'delete' as const,
      path: '/api/compliance/policies/{id}',
      summary: 'Delete a workspace policy; 409 while a flow chooses it or for a preset',
      tag,
      success: { status: 204, description: 'Deleted' },
      errors: [401, 404, 409, 422],
    },
    {
      method: 'post' as const,
      path: '/api/compliance/policies/{id}/copy',
      summary: 'Copy a policy (e.g. a preset) under a new id, to edit it',
      tag,
      body: copyPolicyBodySchema,
      success: { status: 201, description: 'The new policy' },
      errors: [400, 401, 404, 409, 413, 422],
    },
    {
      method: 'post' as const,
      path: '/api/compliance/policies/{id}/try',
      summary: 'Run a policy on a text without recording anything (editor preview)',
      tag,
      body: tryPolicyBodySchema,
      success: { status: 200, description: '{ output, replacement, isBlocked, findings, rules }' },
      errors: [400, 401, 404, 413, 422],
    },
    {
      method: 'get' as const,
      path: '/api/compliance/events',
      summary:
        'Compliance decisions, newest first; filters flowId, conversationId, ruleId, action, from, to; limit and cursor',
      tag,
      success: { status: 200, description: '{ events, nextCursor }' },
      errors: [401, 422],
    },
  ]
}
