import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * People who sign in to the editor. Passwords are argon2id hashes (runtime/auth/password.ts);
 * `username` and `email` are stored lower-case so that sign-in ignores letter case.
 */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['admin', 'designer', 'agent', 'analyst'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Set for one-time passwords (first admin, created users, resets): change at next sign-in. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' })
      .notNull()
      .default(false),
    disabledAt: text('disabled_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_username_idx').on(t.username),
    uniqueIndex('users_email_idx').on(t.email),
  ],
)

/** Signed-in browser sessions. `id` is the SHA-256 of the cookie's token, never the token. */
export const authSessions = sqliteTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
)

/**
 * Failed sign-ins per login name (also names no account has, so that lock-out tells nobody
 * which accounts exist). Cleared by a successful sign-in.
 */
export const signInFailures = sqliteTable('sign_in_failures', {
  login: text('login').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: text('last_failure_at').notNull(),
  lockedUntil: text('locked_until'),
})

/** API keys for channels and integrations. `keyHash` is the SHA-256 of the whole key. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    /** The first characters of the key (`sbk_ab12…`), so people can tell keys apart. */
    keyPrefix: text('key_prefix').notNull(),
    scope: text('scope', { enum: ['conversations'] }).notNull(),
    flowIds: text('flow_ids', { mode: 'json' }).$type<string[]>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_idx').on(t.keyHash)],
)
