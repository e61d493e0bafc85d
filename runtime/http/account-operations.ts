import { createApiKeyBodySchema } from './routes/api-keys.ts'
import { changePasswordBodySchema, signInBodySchema } from './routes/auth.ts'
import { createUserBodySchema, updateUserBodySchema } from './routes/users.ts'

/** Accounts, sessions and API keys (issue #8, items 1–3), listed in openapi.ts `apiOperations`. */
export function accountOperations() {
  const tag = 'accounts' as const
  return [
    {
      method: 'post' as const,
      path: '/api/auth/sign-in',
      summary:
        'Sign in with user name or e-mail and password; sets the HttpOnly session cookie and returns the CSRF token for writes',
      tag,
      body: signInBodySchema,
      success: { status: 200, description: '{ user, csrfToken, expiresAt }' },
      errors: [400, 401, 413, 422, 429],
      isPublic: true,
    },
    {
      method: 'post' as const,
      path: '/api/auth/sign-out',
      summary: 'End the session of the cookie sent (if any) and clear the cookie',
      tag,
      success: { status: 204, description: 'Signed out' },
      errors: [],
      isPublic: true,
    },
    {
      method: 'get' as const,
      path: '/api/auth/me',
      summary: 'Who is calling: kind, id, name, role (and the CSRF token for a session)',
      tag,
      success: { status: 200, description: '{ kind, id, name, role, flowIds?, csrfToken? }' },
      errors: [401],
    },
    {
      method: 'get' as const,
      path: '/api/auth/session',
      summary: 'The signed-in caller as for /me, or { me: null }: for the editor at start',
      tag,
      success: { status: 200, description: '{ me }' },
      errors: [],
      isPublic: true,
    },
    {
      method: 'post' as const,
      path: '/api/auth/password',
      summary: 'Change your own password; your other sessions end',
      tag,
      body: changePasswordBodySchema,
      success: { status: 204, description: 'Changed' },
      errors: [400, 401, 403, 413, 422],
    },
    {
      method: 'get' as const,
      path: '/api/users',
      summary: 'List users (admin)',
      tag,
      success: { status: 200, description: '{ users }' },
      errors: [401, 403],
    },
    {
      method: 'post' as const,
      path: '/api/users',
      summary: 'Create (invite) a user; without a password a one-time password is returned once',
      tag,
      body: createUserBodySchema,
      success: { status: 201, description: '{ user, oneTimePassword? }' },
      errors: [400, 401, 403, 409, 413, 422],
    },
    {
      method: 'get' as const,
      path: '/api/users/{id}',
      summary: 'One user (admin)',
      tag,
      success: { status: 200, description: 'User' },
      errors: [401, 403, 404],
    },
    {
      method: 'put' as const,
      path: '/api/users/{id}',
      summary: 'Change a user’s role, name, e-mail or disable them (their sessions end)',
      tag,
      body: updateUserBodySchema,
      success: { status: 200, description: 'User' },
      errors: [400, 401, 403, 404, 409, 413, 422],
    },
    {
      method: 'post' as const,
      path: '/api/users/{id}/password',
      summary: 'Reset a user’s password to a new one-time password (returned once)',
      tag,
      success: { status: 200, description: '{ oneTimePassword }' },
      errors: [401, 403, 404],
    },
    {
      method: 'get' as const,
      path: '/api/api-keys',
      summary: 'List API keys (never the keys themselves)',
      tag,
      success: { status: 200, description: '{ apiKeys }' },
      errors: [401, 403],
    },
    {
      method: 'post' as const,
      path: '/api/api-keys',
      summary: 'Create an API key for the conversation API of some flows; the key is shown once',
      tag,
      body: createApiKeyBodySchema,
      success: { status: 201, description: '{ key, apiKey }' },
      errors: [400, 401, 403, 404, 413, 422],
    },
    {
      method: 'delete' as const,
      path: '/api/api-keys/{id}',
      summary: 'Revoke an API key (at once, for good)',
      tag,
      success: { status: 200, description: 'The revoked API key' },
      errors: [401, 403, 404],
    },
  ]
}
