import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  type AuditChainKeys,
  type AuditEntry,
  AuditLog,
  auditChainKeys,
  auditRowHash,
  genesisHash,
  hashedFieldsOf,
  type StoredAuditRow,
} from '../../runtime/audit/index.ts'
import { openKeyring } from '../../runtime/security/index.ts'
import { type Database, openDatabase } from '../../runtime/storage/index.ts'

// Helpers for the audit tests only: they write the log the way an attacker (or an older
// version) would, with plain SQL.

export const auditEntry = (target: string): AuditEntry => ({
  actor: { kind: 'user', id: 'u1', name: 'li.na', role: 'admin' },
  action: 'flow.publish',
  target,
  method: 'POST',
  path: `/api/flows/${target}/publish`,
  params: { id: target },
  status: 201,
  ip: '10.0.0.8',
  beforeDigest: null,
  afterDigest: null,
})

/** Chain keys of a fresh random master key with id `keyId`, and the key itself. */
export function freshChainKeys(keyId = 1): AuditChainKeys & { masterKey: Buffer } {
  const masterKey = randomBytes(32)
  return { ...auditChainKeys([{ id: keyId, key: masterKey }], keyId), masterKey }
}

/** Appends rows exactly as the log did before keyed chaining: plain sha256, as in release 1. */
export function writePlainRows(database: Database, targets: string[]): void {
  const head = database.sqlite.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
    | { seq: number; hash: string }
    | undefined
  let seq = head?.seq ?? 0
  let prevHash = head?.hash ?? genesisHash
  for (const target of targets) {
    seq++
    const entry = auditEntry(target)
    const row = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actorKind: entry.actor.kind,
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      actorRole: entry.actor.role,
      action: entry.action,
      target,
      method: entry.method,
      path: entry.path,
      params: JSON.stringify(entry.params),
      status: entry.status,
      ip: entry.ip,
      beforeDigest: null,
      afterDigest: null,
    }
    const hash = auditRowHash(prevHash, row)
    database.sqlite
      .prepare(`INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_name, actor_role,
        action, target, method, path, params, status, ip, before_digest, after_digest, prev_hash,
        hash) VALUES (@seq, @at, @actorKind, @actorId, @actorName, @actorRole, @action, @target,
        @method, @path, @params, @status, @ip, @beforeDigest, @afterDigest, @prevHash, @hash)`)
      .run({ ...row, prevHash, hash })
    prevHash = hash
  }
  database.sqlite
    .prepare(`INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
      ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`)
    .run(seq, prevHash)
}

/**
 * The attack keyed chaining defends against: edit a row, then recompute every hash from it on
 * (through `throughSeq`, else to the end) and the head with plain sha256, as anyone who can
 * write the file could.
 */
export function rewriteFrom(
  database: Database,
  seq: number,
  edit: string,
  throughSeq = Number.MAX_SAFE_INTEGER,
): void {
  const { sqlite } = database
  sqlite.prepare(`UPDATE audit_log SET ${edit} WHERE seq = ?`).run(seq)
  const rows = sqlite
    .prepare('SELECT * FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq')
    .all(seq, throughSeq) as StoredAuditRow[]
  const before = sqlite.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(seq - 1) as
    | { hash: string }
    | undefined
  let prevHash = before?.hash ?? genesisHash
  for (const row of rows) {
    const hash = auditRowHash(prevHash, hashedFieldsOf(row))
    sqlite
      .prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?')
      .run(prevHash, hash, row.seq)
    prevHash = hash
  }
  if (throughSeq === Number.MAX_SAFE_INTEGER) {
    sqlite.prepare('UPDATE audit_head SET hash = ? WHERE id = 1').run(prevHash)
  }
}

const run = promisify(execFile)

/** `npm run audit:verify` on `dataDir`, with the master key from its key files only. */
export async function verifyAuditCli(dataDir: string) {
  const { SWITCHBOARD_MASTER_KEY: _a, SWITCHBOARD_PREVIOUS_MASTER_KEY: _b, ...env } = process.env
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'runtime/audit/verify-main.ts'], {
      env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/** Opens the data folder as a start would (key file made if new) with its audit log. */
export function openAuditLog(dataDir: string) {
  const database = openDatabase(join(dataDir, 'switchboard.db'))
  const { keys, currentKeyId } = openKeyring({ database, dataDir, fromEnv: undefined })
  return { database, log: new AuditLog(database, auditChainKeys(keys, currentKeyId)) }
}

/** Appends a row per target to the data folder's log, signed as the server would. */
export function writeAuditRows(dataDir: string, targets: string[]): void {
  const { database, log } = openAuditLog(dataDir)
  for (const target of targets) log.append(auditEntry(target))
  database.close()
}
