import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * OpenAI-compatible model providers of the workspace. The API key is sealed by SecretBox
 * (AES-256-GCM, runtime/security/): this table never holds it in plain text.
 */
export const llmProviders = sqliteTable('llm_providers', {
  name: text('name').primaryKey(),
  baseUrl: text('base_url').notNull(),
  /** `sb1.…` from SecretBox.seal, bound to the context `provider:<name>:apiKey`; null for none. */
  apiKeySealed: text('api_key_sealed'),
  /** Last four characters of the key, for the masked hint (`sk-…abcd`); never the whole key. */
  apiKeyHint: text('api_key_hint'),
  chatModel: text('chat_model').notNull(),
  embeddingModel: text('embedding_model'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/** Workspace-wide settings as key → JSON value (e.g. `llm.defaultProvider`). */
export const workspaceSettings = sqliteTable('workspace_settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
  /** Bumped on every write, so a later cache can tell a stale copy. */
  revision: integer('revision').notNull().default(1),
})
