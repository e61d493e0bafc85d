import { z } from 'zod'

export const auditActorSchema = z.object({
  kind: z.string().min(1),
  id: z.string(),
  name: z.string(),
  role: z.string(),
})
export type AuditActor = z.infer<typeof auditActorSchema>

/** One change or read to record; the log adds seq, time and the chain. */
export interface AuditEntry {
  actor: AuditActor
  action: string
  target: string
  method: string
  path: string
  params: Record<string, string>
  status: number
  ip: string
  beforeDigest: string | null
  afterDigest: string | null
}

export interface AuditRecord extends AuditEntry {
  seq: number
  at: string
  prevHash: string
  hash: string
}

const isoSchema = z.iso.datetime({ offset: true }).or(z.iso.date())

/** Query of GET /api/audit and /api/audit/export. */
export const auditQuerySchema = z.object({
  /** A user's id or name (exact), or an API key's id. */
  actor: z.string().max(200).optional(),
  /** Exact, or a prefix ending in `*` (`secret.*`). */
  action: z.string().max(200).optional(),
  /** Part of the target, e.g. a flow id. */
  target: z.string().max(500).optional(),
  /** ISO date or time, inclusive. */
  from: isoSchema.optional(),
  /** ISO date or time; a date alone means up to the end of that day. */
  to: isoSchema.optional(),
  /** Newest first; pass the last seq seen to get the next page. */
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

export interface AuditVerifyProblem {
  seq: number
  /**
   * key_missing: rows signed with a master key that is not loaded, and no later seal covers
   * them; not_keyed: no row is signed at all (never started since the upgrade, or rewritten).
   */
  problem:
    | 'edited'
    | 'chain_broken'
    | 'rows_missing'
    | 'head_mismatch'
    | 'key_missing'
    | 'not_keyed'
  message: string
}

export interface AuditVerifyResult {
  isIntact: boolean
  rows: number
  headSeq: number
  headHash: string
  /** Rows with a plain sha256 hash: written before keyed chaining (the upgrade). */
  plainRows: number
  /** The first row signed with a chain key (HMAC); null while there is none. */
  keyedFromSeq: number | null
  problems: AuditVerifyProblem[]
}
