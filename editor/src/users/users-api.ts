import { z } from 'zod'
import {
  type ApiKey,
  apiKeySchema,
  type Role,
  type User,
  userSchema,
} from '../../../shared/index.ts'
import { apiRequest } from '../api-client.ts'

export async function listUsers(): Promise<User[]> {
  return z.object({ users: z.array(userSchema) }).parse(await apiRequest('GET', '/api/users')).users
}

export interface NewUserForm {
  username: string
  email: string
  displayName: string
  role: Role
}

/** Creates a user with a one-time password, which the caller shows once. */
export async function createUser(form: NewUserForm): Promise<{ user: User; password: string }> {
  const body = await apiRequest('POST', '/api/users', {
    username: form.username.trim(),
    role: form.role,
    ...(form.email.trim() ? { email: form.email.trim() } : {}),
    ...(form.displayName.trim() ? { displayName: form.displayName.trim() } : {}),
  })
  const parsed = z.object({ user: userSchema, oneTimePassword: z.string() }).parse(body)
  return { user: parsed.user, password: parsed.oneTimePassword }
}

export async function updateUser(
  userId: string,
  changes: { role?: Role; isDisabled?: boolean },
): Promise<User> {
  return userSchema.parse(
    await apiRequest('PUT', `/api/users/${encodeURIComponent(userId)}`, changes),
  )
}

export async function resetPassword(userId: string): Promise<string> {
  const body = await apiRequest('POST', `/api/users/${encodeURIComponent(userId)}/password`)
  return z.object({ oneTimePassword: z.string() }).parse(body).oneTimePassword
}

export async function listApiKeys(): Promise<ApiKey[]> {
  return z
    .object({ apiKeys: z.array(apiKeySchema) })
    .parse(await apiRequest('GET', '/api/api-keys')).apiKeys
}

export async function createApiKey(
  name: string,
  flowIds: string[],
): Promise<{ key: string; apiKey: ApiKey }> {
  const body = await apiRequest('POST', '/api/api-keys', { name: name.trim(), flowIds })
  return z.object({ key: z.string(), apiKey: apiKeySchema }).parse(body)
}

export async function revokeApiKey(apiKeyId: string): Promise<void> {
  await apiRequest('DELETE', `/api/api-keys/${encodeURIComponent(apiKeyId)}`)
}

export async function listFlowChoices(): Promise<{ id: string; name: string }[]> {
  const body = z
    .object({ flows: z.array(z.looseObject({ id: z.string(), name: z.string() })) })
    .parse(await apiRequest('GET', '/api/flows'))
  return body.flows.map((flow) => ({ id: flow.id, name: flow.name }))
}
