export {
  createSecretBox,
  loadMasterKey,
  masterKeyFileName,
  parseMasterKey,
  SecretBox,
  SecretBoxError,
  type SecretKey,
} from './secret-box.ts'
