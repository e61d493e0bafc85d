import { AppError } from '../../shared/index.ts'

export class ProviderNotFoundError extends AppError {
  constructor(name: string) {
    super('provider_not_found', `No model provider named "${name}" exists`, { name })
  }
}

export class ProviderExistsError extends AppError {
  constructor(name: string) {
    super('provider_exists', `A model provider named "${name}" exists already`, { name })
  }
}

/** The provider comes from the environment (LLM_BASE_URL …) or is built in: change it there. */
export class ProviderReadOnlyError extends AppError {
  constructor(name: string, source: 'env' | 'builtin') {
    const where =
      source === 'env'
        ? 'is configured by environment variables (LLM_BASE_URL, LLM_API_KEY, LLM_MODEL); change it there'
        : 'is built in'
    super('provider_read_only', `Model provider "${name}" ${where}`, { name, source })
  }
}
