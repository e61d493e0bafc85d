import { createHash } from 'node:crypto'

/** The prev_hash of the first row. */
export const genesisHash = '0'.repeat(64)

/** The fields a row's hash covers, in a fixed order; `params` as the JSON text stored. */
export interface HashedAuditFields {
  seq: number
  at: string
  actorKind: string
  actorId: string
  actorName: string
  actorRole: string
  action: string
  target: string
  method: string
  path: string
  params: string
  status: number
  ip: string
  beforeDigest: string | null
  afterDigest: string | null
}

/**
 * sha256 over the previous row's hash and this row's fields. A JSON array, not a joined string,
 * so that moving text from one field to the next changes the hash.
 */
export function auditRowHash(prevHash: string, row: HashedAuditFields): string {
  const fields = [
    row.seq,
    row.at,
    row.actorKind,
    row.actorId,
    row.actorName,
    row.actorRole,
    row.action,
    row.target,
    row.method,
    row.path,
    row.params,
    row.status,
    row.ip,
    row.beforeDigest,
    row.afterDigest,
  ]
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(JSON.stringify(fields))
    .digest('hex')
}

/** The digest stored for a route's before/after: sha256 of its JSON; undefined stays null. */
export function digestOf(value: unknown): string | null {
  if (value === undefined) return null
  return createHash('sha256').update(JSON.stringify(value)).digest('hex')
}
