export { auditCsv, csvCell } from './audit-csv.ts'
export { auditRowHash, digestOf, genesisHash } from './audit-hash.ts'
export { AuditLog } from './audit-log.ts'
export {
  type AuditActor,
  type AuditEntry,
  type AuditQuery,
  type AuditRecord,
  type AuditVerifyProblem,
  type AuditVerifyResult,
  auditQuerySchema,
} from './audit-schemas.ts'
