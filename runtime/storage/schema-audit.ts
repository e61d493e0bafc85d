import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { JsonValue } from '../../shared/index.ts'

/**
 * Append-only audit log (DESIGN §11). Each row's `hash` is an HMAC-SHA-256 (`k<keyId>:<hex>`,
 * keyed from the master key) over the previous row's hash and this row's fields, so editing or
 * deleting a row breaks the chain (`npm run audit:verify`); rows from before keyed chaining keep
 * their plain sha256 (64 hex digits). See runtime/audit/audit-hash.ts.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    method: text('method').notNull(),
    /** The concrete request path, without the query. */
    path: text('path').notNull(),
    /** Path parameters and query; never the body (it may hold secrets). */
    params: text('params', { mode: 'json' }).$type<JsonValue>().notNull(),
    status: integer('status').notNull(),
    ip: text('ip').notNull(),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.seq),
    index('audit_log_action_idx').on(t.action, t.seq),
  ],
)

/**
 * The newest row's seq and hash, written in the same transaction as the row: deleting the last
 * rows of the log leaves the head pointing past the end, which verification reports.
 */
export const auditHead = sqliteTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
})
