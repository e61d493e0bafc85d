import type BetterSqlite3 from 'better-sqlite3'
import type { Database } from '../storage/index.ts'
import { auditRowHash, genesisHash } from './audit-hash.ts'
import type {
  AuditEntry,
  AuditQuery,
  AuditRecord,
  AuditVerifyProblem,
  AuditVerifyResult,
} from './audit-schemas.ts'

interface AuditRow {
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

const headId = 1

/**
 * The append-only, hash-chained audit log (DESIGN §11). Written with plain SQL so that the text
 * hashed is byte for byte the text stored; appends run in one write transaction each, so rows
 * from several processes still form one chain.
 */
export class AuditLog {
  readonly #sqlite: BetterSqlite3.Database
  readonly #insert: BetterSqlite3.Statement
  readonly #writeHead: BetterSqlite3.Statement
  readonly #readHead: BetterSqlite3.Statement

  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
  ) {
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
    return this.database.transaction(() => {
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
      const hash = auditRowHash(prevHash, fields)
      this.#insert.run({ ...fields, prevHash, hash })
      this.#writeHead.run({ seq, hash })
      return { ...entry, seq, at, prevHash, hash }
    })
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
    const rows = this.#sqlite.prepare(sql).all({ ...values, limit: query.limit }) as AuditRow[]
    return rows.map(toRecord)
  }

  /** Walks the whole chain; reports every edited row, gap and a head that does not match. */
  verify(): AuditVerifyResult {
    const problems: AuditVerifyProblem[] = []
    let previous: { seq: number; hash: string } = { seq: 0, hash: genesisHash }
    let rows = 0
    for (const row of this.#sqlite
      .prepare('SELECT * FROM audit_log ORDER BY seq')
      .iterate() as IterableIterator<AuditRow>) {
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
      const recomputed = auditRowHash(row.prev_hash, {
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
      })
      if (recomputed !== row.hash) {
        problems.push({
          seq: row.seq,
          problem: 'edited',
          message: `row ${row.seq} was changed after it was written`,
        })
      }
      previous = { seq: row.seq, hash: row.hash }
    }
    const head = (this.#readHead.get() as { seq: number; hash: string } | undefined) ?? {
      seq: 0,
      hash: genesisHash,
    }
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
      problems,
    }
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

function toRecord(row: AuditRow): AuditRecord {
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
