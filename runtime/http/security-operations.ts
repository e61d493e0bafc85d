import { putSecretBodySchema } from '../security/index.ts'

/** Secrets and audit log operations (admins only), listed in openapi.ts `apiOperations`. */
export function securityOperations() {
  const tag = 'security' as const
  return [
    {
      method: 'get' as const,
      path: '/api/secrets',
      summary: 'List named secrets (names and descriptions, never values)',
      tag,
      success: {
        status: 200,
        description: '{ secrets: [{ name, description, createdAt, updatedAt }] }',
      },
      errors: [401, 403],
    },
    {
      method: 'put' as const,
      path: '/api/secrets/{name}',
      summary: 'Create or replace a secret; the value is stored encrypted and never returned',
      tag,
      body: putSecretBodySchema,
      success: { status: 200, description: '{ secret } (201 when created)' },
      errors: [400, 401, 403, 413, 422],
    },
    {
      method: 'delete' as const,
      path: '/api/secrets/{name}',
      summary: 'Delete a secret (http nodes naming it then fall back to SECRET_<NAME>)',
      tag,
      success: { status: 204, description: 'Deleted' },
      errors: [401, 403, 404],
    },
    {
      method: 'get' as const,
      path: '/api/audit',
      summary:
        'Audit log, newest first; filters actor, action (prefix with *), target, from, to; page with beforeSeq',
      tag,
      success: { status: 200, description: '{ records, nextBeforeSeq }' },
      errors: [401, 403, 422],
    },
    {
      method: 'get' as const,
      path: '/api/audit/export',
      summary: 'The filtered audit log as CSV (this export is itself audited)',
      tag,
      success: { status: 200, description: 'text/csv' },
      errors: [401, 403, 422],
    },
    {
      method: 'get' as const,
      path: '/api/audit/verify',
      summary: 'Walk the hash chain: edited, missing or reordered rows',
      tag,
      success: { status: 200, description: '{ isIntact, rows, headSeq, headHash, problems }' },
      errors: [401, 403],
    },
  ]
}
