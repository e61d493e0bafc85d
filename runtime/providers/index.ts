export {
  ProviderExistsError,
  ProviderNotFoundError,
  ProviderReadOnlyError,
} from './provider-errors.ts'
export {
  type ConnectionTestResult,
  createProviderBodySchema,
  type ProviderView,
  testProviderQuerySchema,
  updateProviderBodySchema,
} from './provider-schemas.ts'
export { ProviderSettings, type ProviderSettingsOptions } from './provider-settings.ts'
export { apiKeyContext, ProviderStore, type StoredProvider } from './provider-store.ts'
