import { z } from 'zod'
import { apiRequest } from '../api-client.ts'

// The secrets API (runtime/http/routes/secrets.ts): values go in, never come back out.

const secretSchema = z.object({
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type SecretView = z.infer<typeof secretSchema>

const path = (name: string) => `/api/secrets/${encodeURIComponent(name)}`

/** Names the server accepts (secretNameSchema): used in `{{ secrets.NAME }}`. */
export const secretNamePattern = '[A-Za-z][A-Za-z0-9_]{0,63}'

export async function listSecrets(): Promise<SecretView[]> {
  return z.object({ secrets: z.array(secretSchema) }).parse(await apiRequest('GET', '/api/secrets'))
    .secrets
}

/** Creates a secret or replaces its value; a description left out keeps the stored one. */
export async function putSecret(
  name: string,
  body: { value: string; description?: string },
): Promise<void> {
  await apiRequest('PUT', path(name), body)
}

export async function deleteSecret(name: string): Promise<void> {
  await apiRequest('DELETE', path(name))
}
