import type BetterSqlite3 from 'better-sqlite3'
import type { Database } from '../storage/index.ts'
import { type AuditChainKeys, chainKeyIdOf, genesisHash, keyedAuditRowHash } from './audit-hash.ts'
import type { AuditEntry, AuditQuery, AuditRecord, AuditVerifyResult } from './audit-schemas.ts'
import { type StoredAuditRow, sealActions, walkAuditChain } from './audit-verify.ts'

const headId = 1

/** A seal row's entry: the log adds what it seals to `params`. */
export type AuditSealEntry = Omit<AuditEntry, 'status' | 'ip' | 'beforeDigest' | 'afterDigest'>

/**
 * The append-only, hash-chained audit log (DESIGN §11). Written with plain SQL so that the text
 * hashed is byte for byte the text stored; appends run in one write transaction each, so rows
 * from several processes still form one chain. Each row is signed with an HMAC whose key is
 * derived from the master key: someone who can write the database but lacks the key cannot
 * rewrite the chain after an edit.
 */
export class AuditLog {
  readonly #sqlite: BetterSqlite3.Database
  readonly #insert: BetterSqlite3.Statement
  readonly #writeHead: BetterSqlite3.Statement
  readonly #readHead: BetterSqlite3.Statement
  readonly #chainKey: Buffer

  constructor(
    private readonly database: Database,
    private readonly chainKeys: AuditChainKeys,
    private readonly now: () => number = Date.now,
  ) {
    const chainKey = chainKeys.keys.get(chainKeys.currentKeyId)
    if (chainKey === undefined) {
      throw new Error(`No audit chain key for the current master key ${chainKeys.currentKeyId}`)
    }
    this.#chainKey = chainKey
    this.#sqlite = database.sqlite
    this.#insert = this.#sqlite.prepare(`INSERT INTO audit_log (seq, at, actor_kind, actor_id,
      actor_name, actor_role, action, target, method, path, params, status, ip, before_digest,
      after_digest, prev_hash, hash) VALUES (@seq, @at, @actorKind, @actorId, @actorName,
      @actorRole, @action, @target, @method, @path, @params, @status, @ip, @beforeDigest,
      @afterDigest, @prevHash, @hash)`)
    this.#writeHead = this.#sqlite.prepare(
      `INSERT INTO audit_head (id, seq, hash) VALUES (${headId}, @seq, @hash)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
    )
    this.#readHead = this.#sqlite.prepare(`SELECT seq, hash FROM audit_head WHERE id = ${headId}`)
  }

  append(entry: AuditEntry): AuditRecord {
    return this.database.transaction(() => this.#appendNow(entry))
  }

  /**
   * Appends a row that seals every row before it: its params carry the digest of the whole log
   * so far (and how many problems it had), signed with the current key. After a key rotation,
   * this lets the new key vouch for rows signed with a key that may later be deleted.
   */
  appendSeal(entry: AuditSealEntry): AuditRecord {
    if (!sealActions.has(entry.action) || !['system', 'cli'].includes(entry.actor.kind)) {
      throw new Error(`${entry.actor.kind} ${entry.action} cannot seal the audit log`)
    }
    return this.database.transaction(() => {
      const walked = walkAuditChain(this.#sqlite, this.chainKeys)
      return this.#appendNow({
        ...entry,
        params: {
          ...entry.params,
          sealedThroughSeq: String(walked.headSeq),
          sealedDigest: walked.digest,
          sealedProblems: String(walked.problems.length),
        },
        status: 0,
        ip: 'local',
        beforeDigest: null,
        afterDigest: null,
      })
    })
  }

  /**
   * At the first start after the upgrade to keyed chaining: seals the plain-hashed rows under
   * the key at once, rather than at the next change, so they cannot be rewritten in between.
   * Does nothing on an empty or already keyed log.
   */
  sealPlainChain(): AuditRecord | undefined {
    const head = this.#readHead.get() as { seq: number; hash: string } | undefined
    if (head === undefined || head.seq === 0 || chainKeyIdOf(head.hash) !== undefined) {
      return undefined
    }
    return this.appendSeal({
      actor: { kind: 'system', id: 'switchboard', name: 'Switchboard', role: 'system' },
      action: 'audit.chain_keyed',
      target: 'audit_log',
      method: 'START',
      path: 'server start',
      params: {},
    })
  }

  #appendNow(entry: AuditEntry): AuditRecord {
    // The head, not MAX(seq): after the newest rows were deleted, new rows must not quietly
    // take their numbers and hide the gap.
    const head = this.#readHead.get() as { seq: number; hash: string } | undefined
    const seq = (head?.seq ?? 0) + 1
    const prevHash = head?.hash ?? genesisHash
    const at = new Date(this.now()).toISOString()
    const fields = {
      seq,
      at,
      actorKind: entry.actor.kind,
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      actorRole: entry.actor.role,
      action: entry.action,
      target: entry.target,
      method: entry.method,
      path: entry.path,
      params: JSON.stringify(entry.params),
      status: entry.status,
      ip: entry.ip,
      beforeDigest: entry.beforeDigest,
      afterDigest: entry.afterDigest,
    }
    const hash = keyedAuditRowHash(this.chainKeys.currentKeyId, this.#chainKey, prevHash, fields)
    this.#insert.run({ ...fields, prevHash, hash })
    this.#writeHead.run({ seq, hash })
    return { ...entry, seq, at, prevHash, hash }
  }

  /** Newest first. */
  list(query: AuditQuery): AuditRecord[] {
    const where: string[] = []
    const values: Record<string, string | number> = {}
    if (query.actor !== undefined) {
      where.push('(actor_id = @actor OR actor_name = @actor)')
      values.actor = query.actor
    }
    if (query.action !== undefined) {
      if (query.action.endsWith('*')) {
        where.push("action LIKE @action ESCAPE '\\'")
        values.action = `${escapeLike(query.action.slice(0, -1))}%`
      } else {
        where.push('action = @action')
        values.action = query.action
      }
    }
    if (query.target !== undefined) {
      where.push("target LIKE @target ESCAPE '\\'")
      values.target = `%${escapeLike(query.target)}%`
    }
    if (query.from !== undefined) {
      where.push('at >= @from')
      values.from = new Date(query.from).toISOString()
    }
    if (query.to !== undefined) {
      where.push('at <= @to')
      values.to = endOf(query.to)
    }
    if (query.beforeSeq !== undefined) {
      where.push('seq < @beforeSeq')
      values.beforeSeq = query.beforeSeq
    }
    const sql = `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY seq DESC LIMIT @limit`
    const rows = this.#sqlite
      .prepare(sql)
      .all({ ...values, limit: query.limit }) as StoredAuditRow[]
    return rows.map(toRecord)
  }

  /** Walks the whole chain; reports every edited row, gap and a head that does not match. */
  verify(): AuditVerifyResult {
    const { digest: _digest, ...result } = walkAuditChain(this.#sqlite, this.chainKeys)
    if (result.rows === 0 || result.keyedFromSeq !== null) return result
    // Every start of this version seals a plain log at once, so a log without a keyed row was
    // either never opened by it, or rewritten whole with the old, keyless recipe.
    const problem = {
      seq: result.headSeq,
      problem: 'not_keyed' as const,
      message:
        'no row is signed with the chain key: start the server once to seal a log from an older version; if it had started, the whole log was rewritten',
    }
    return { ...result, isIntact: false, problems: [...result.problems, problem] }
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
}

/** A date alone (`2026-11-26`) means through the end of that day. */
function endOf(to: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) return `${to}T23:59:59.999Z`
  return new Date(to).toISOString()
}

function toRecord(row: StoredAuditRow): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name, role: row.actor_role },
    action: row.action,
    target: row.target,
    method: row.method,
    path: row.path,
    params: parseParams(row.params),
    status: row.status,
    ip: row.ip,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

function parseParams(text: string): Record<string, string> {
  const value: unknown = JSON.parse(text)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))
}
