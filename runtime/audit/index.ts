export { auditCsv, csvCell } from './audit-csv.ts'
export {
  type AuditChainKeys,
  auditChainInfo,
  auditChainKeys,
  auditRowHash,
  chainKeyIdOf,
  deriveAuditChainKey,
  digestOf,
  genesisHash,
  keyedAuditRowHash,
} from './audit-hash.ts'
export { AuditLog, type AuditSealEntry } from './audit-log.ts'
export {
  type AuditActor,
  type AuditEntry,
  type AuditQuery,
  type AuditRecord,
  type AuditVerifyProblem,
  type AuditVerifyResult,
  auditQuerySchema,
} from './audit-schemas.ts'
export { hashedFieldsOf, type StoredAuditRow, walkAuditChain } from './audit-verify.ts'
