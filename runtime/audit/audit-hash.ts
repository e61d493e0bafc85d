import { createHash, createHmac, hkdfSync } from 'node:crypto'

/** The prev_hash of the first row. */
export const genesisHash = '0'.repeat(64)

/** The HKDF label: a new label gives a new chain key, so bump it if the hashing ever changes. */
export const auditChainInfo = 'switchboard audit chain v2'

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
 * The keys that sign the chain, by master key id: HKDF of each master key. New rows are signed
 * with `currentKeyId`'s; older keys (master-key.previous) only verify.
 */
export interface AuditChainKeys {
  currentKeyId: number
  keys: ReadonlyMap<number, Buffer>
}

export function deriveAuditChainKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), auditChainInfo, 32))
}

/** Chain keys from the master keys a keyring loaded (`{ id, key }` each). */
export function auditChainKeys(
  masterKeys: readonly { id: number; key: Buffer }[],
  currentKeyId: number,
): AuditChainKeys {
  return {
    currentKeyId,
    keys: new Map(masterKeys.map(({ id, key }) => [id, deriveAuditChainKey(key)])),
  }
}

/**
 * A JSON array, not a joined string, so that moving text from one field to the next changes
 * the hash.
 */
function hashedText(row: HashedAuditFields): string {
  return JSON.stringify([
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
  ])
}

/**
 * The chain as written before keyed chaining (plain sha256, 64 hex digits): anyone can
 * recompute it, so it is only accepted for the rows written before the upgrade.
 */
export function auditRowHash(prevHash: string, row: HashedAuditFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(hashedText(row)).digest('hex')
}

/**
 * HMAC-SHA-256 with the chain key of master key `keyId`, stored as `k<keyId>:<64 hex>`: the
 * prefix tells a verifier which key to use, and, being part of the hash the next row chains
 * from, cannot be changed without breaking the chain.
 */
export function keyedAuditRowHash(
  keyId: number,
  chainKey: Buffer,
  prevHash: string,
  row: HashedAuditFields,
): string {
  const mac = createHmac('sha256', chainKey)
    .update(prevHash)
    .update('\n')
    .update(hashedText(row))
    .digest('hex')
  return `k${keyId}:${mac}`
}

/** The master key id of a keyed hash; undefined for a plain (pre-upgrade) one. */
export function chainKeyIdOf(hash: string): number | undefined {
  const match = /^k(\d{1,3}):[0-9a-f]{64}$/.exec(hash)
  return match?.[1] === undefined ? undefined : Number(match[1])
}

/**
 * The running digest a seal row stores: sha256 over every earlier row, stored hashes included.
 * Anyone can compute it; only the seal's HMAC makes it binding.
 */
export function nextSealDigest(
  digest: string,
  row: HashedAuditFields,
  prevHash: string,
  hash: string,
): string {
  return createHash('sha256')
    .update(digest)
    .update('\n')
    .update(hashedText(row))
    .update(`\n${prevHash}\n${hash}`)
    .digest('hex')
}

/** The digest stored for a route's before/after: sha256 of its JSON; undefined stays null. */
export function digestOf(value: unknown): string | null {
  if (value === undefined) return null
  return createHash('sha256').update(JSON.stringify(value)).digest('hex')
}
