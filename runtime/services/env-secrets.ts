import type { SecretResolver } from '../../shared/index.ts'

/** The environment variable a secret is read from: `crmToken` → `SECRET_CRMTOKEN`. */
export function secretEnvName(name: string): string {
  return `SECRET_${name.toUpperCase()}`
}

/**
 * Secrets from `SECRET_<NAME>` environment variables, read once at start: the fallback behind
 * the encrypted store (runtime/security `createStoredSecretResolver`, DESIGN §11).
 */
export function createEnvSecretResolver(env: Record<string, string | undefined>): SecretResolver {
  const secrets = new Map<string, string>()
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('SECRET_') && value !== undefined && value !== '') secrets.set(key, value)
  }
  return { resolve: async (name) => secrets.get(secretEnvName(name)) }
}
