export {
  fingerprintOf,
  type Keyring,
  nextKeyFileName,
  openKeyring,
  previousKeyFileName,
} from './keyring.ts'
export { createProfileSealer, defaultSensitiveProfileFields } from './profile-sealer.ts'
export { readMasterKeys } from './read-master-keys.ts'
export {
  loadMasterKey,
  masterKeyFileName,
  parseMasterKey,
  SecretBox,
  SecretBoxError,
  type SecretKey,
} from './secret-box.ts'
export {
  createStoredSecretResolver,
  putSecretBodySchema,
  SecretStore,
  type SecretView,
  secretContext,
  secretNameSchema,
} from './secret-store.ts'
export { MasterKeyError, RateLimitedError, SecretNotFoundError } from './security-errors.ts'
