import type BetterSqlite3 from 'better-sqlite3'
import {
  type AuditChainKeys,
  auditRowHash,
  chainKeyIdOf,
  genesisHash,
  type HashedAuditFields,
  keyedAuditRowHash,
  nextSealDigest,
} from './audit-hash.ts'
import type { AuditVerifyProblem, AuditVerifyResult } from './audit-schemas.ts'

/** A row as stored (snake_case columns). */
export interface StoredAuditRow {
  seq: number
  at: string
  actor_kind: string
  actor_id: string
  actor_name: string
  actor_role: string
  action: string
  target: string
  method: string
  path: string
  params: string
  status: number
  ip: string
  before_digest: string | null
  after_digest: string | null
  prev_hash: string
  hash: string
}

/**
 * Rows that seal every row before them under the key that signs them: the first keyed row after
 * the upgrade, and each master key rotation. Only written by the server and the CLI, never for
 * an API request, so a query parameter named `sealedDigest` cannot pose as one.
 */
export const sealActions = new Set(['audit.chain_keyed', 'master_key.rotate'])
const sealActorKinds = new Set(['system', 'cli'])

export function hashedFieldsOf(row: StoredAuditRow): HashedAuditFields {
  return {
    seq: row.seq,
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    action: row.action,
    target: row.target,
    method: row.method,
    path: row.path,
    params: row.params,
    status: row.status,
    ip: row.ip,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
  }
}

interface Seal {
  sealedDigest: string
  sealedProblems: number
}

function sealOf(row: StoredAuditRow): Seal | undefined {
  if (!sealActions.has(row.action) || !sealActorKinds.has(row.actor_kind)) return undefined
  const params: unknown = JSON.parse(row.params)
  if (typeof params !== 'object' || params === null || !('sealedDigest' in params)) return undefined
  const problems = 'sealedProblems' in params ? Number(params.sealedProblems) : 0
  return { sealedDigest: String(params.sealedDigest), sealedProblems: problems }
}

export interface ChainWalk extends AuditVerifyResult {
  /** The seal digest over every row walked: what a seal appended next must store. */
  digest: string
}

/**
 * Walks the whole chain (DESIGN §11). Plain rows are accepted only before the first keyed row;
 * a keyed row is checked with its master key's chain key. Rows whose key is not loaded (a key
 * rotated away and deleted) count as checked once a later seal, signed with a loaded key,
 * matches the digest of everything before it.
 */
export function walkAuditChain(sqlite: BetterSqlite3.Database, keys: AuditChainKeys): ChainWalk {
  const problems: AuditVerifyProblem[] = []
  let previous = { seq: 0, hash: genesisHash }
  let rows = 0
  let plainRows = 0
  let keyedFromSeq: number | null = null
  let digest = genesisHash
  /** Keyed rows not checked yet: their key is not loaded. */
  let unchecked: { seq: number; keyId: number }[] = []
  for (const row of sqlite
    .prepare('SELECT * FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<StoredAuditRow>) {
    rows++
    if (row.seq !== previous.seq + 1) {
      problems.push({
        seq: row.seq,
        problem: 'rows_missing',
        message: `rows ${previous.seq + 1}–${row.seq - 1} are missing (deleted)`,
      })
    } else if (row.prev_hash !== previous.hash) {
      problems.push({
        seq: row.seq,
        problem: 'chain_broken',
        message: `row ${row.seq} does not follow row ${previous.seq} (an earlier row was changed or replaced)`,
      })
    }
    const fields = hashedFieldsOf(row)
    const keyId = chainKeyIdOf(row.hash)
    let isAuthentic = false
    if (keyId === undefined) {
      plainRows++
      if (keyedFromSeq !== null) {
        problems.push({
          seq: row.seq,
          problem: 'edited',
          message: `row ${row.seq} has an unkeyed hash, but keyed chaining began at row ${keyedFromSeq} (it was changed after it was written)`,
        })
      } else if (auditRowHash(row.prev_hash, fields) !== row.hash) {
        problems.push(editedProblem(row.seq))
      }
    } else {
      keyedFromSeq ??= row.seq
      const chainKey = keys.keys.get(keyId)
      if (chainKey === undefined) {
        unchecked.push({ seq: row.seq, keyId })
      } else if (keyedAuditRowHash(keyId, chainKey, row.prev_hash, fields) !== row.hash) {
        problems.push(editedProblem(row.seq))
      } else {
        isAuthentic = true
      }
    }
    const seal = isAuthentic ? sealOf(row) : undefined
    if (seal !== undefined) {
      if (seal.sealedDigest !== digest) {
        problems.push({
          seq: row.seq,
          problem: 'edited',
          message: `rows before row ${row.seq} were changed after row ${row.seq} (${row.action}) sealed them`,
        })
      } else if (unchecked.length > 0 && seal.sealedProblems > 0) {
        // Those rows cannot be checked one by one any more; the seal says they were broken.
        problems.push({
          seq: row.seq,
          problem: 'edited',
          message: `row ${row.seq} (${row.action}) sealed a log that already had ${seal.sealedProblems} problem(s); run the check with the earlier master key to see them`,
        })
      }
      unchecked = []
    }
    digest = nextSealDigest(digest, fields, row.prev_hash, row.hash)
    previous = { seq: row.seq, hash: row.hash }
  }
  problems.push(...uncheckedProblems(unchecked))
  const head = (sqlite.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
    | { seq: number; hash: string }
    | undefined) ?? { seq: 0, hash: genesisHash }
  if (head.seq !== previous.seq || head.hash !== previous.hash) {
    problems.push({
      seq: head.seq,
      problem: head.seq > previous.seq ? 'rows_missing' : 'head_mismatch',
      message:
        head.seq > previous.seq
          ? `rows ${previous.seq + 1}–${head.seq} at the end are missing (deleted)`
          : `the log's head (row ${head.seq}) does not match its last row (${previous.seq})`,
    })
  }
  return {
    isIntact: problems.length === 0,
    rows,
    headSeq: head.seq,
    headHash: head.hash,
    plainRows,
    keyedFromSeq,
    problems,
    digest,
  }
}

function editedProblem(seq: number): AuditVerifyProblem {
  return { seq, problem: 'edited', message: `row ${seq} was changed after it was written` }
}

/** One problem per run of rows signed with a key that is not loaded. */
function uncheckedProblems(unchecked: { seq: number; keyId: number }[]): AuditVerifyProblem[] {
  const runs: { from: number; to: number; keyId: number }[] = []
  for (const { seq, keyId } of unchecked) {
    const last = runs.at(-1)
    if (last !== undefined && last.keyId === keyId && last.to === seq - 1) last.to = seq
    else runs.push({ from: seq, to: seq, keyId })
  }
  return runs.map(({ from, to, keyId }) => ({
    seq: from,
    problem: 'key_missing',
    message: `rows ${from}–${to} are signed with master key ${keyId}, which is not loaded, and no later seal covers them: set SWITCHBOARD_PREVIOUS_MASTER_KEY (or restore master-key.previous) to check them`,
  }))
}
