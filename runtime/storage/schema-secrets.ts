import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Named secrets for nodes (`{{ secrets.NAME }}` in the http node): CRM tokens, webhook keys.
 * The value is sealed by SecretBox (AES-256-GCM, context `secret:<name>`); never plain text.
 */
export const secrets = sqliteTable('secrets', {
  name: text('name').primaryKey(),
  /** `sb1.…` from SecretBox.seal. */
  valueSealed: text('value_sealed').notNull(),
  description: text('description').notNull().default(''),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/**
 * The master keys this database's secrets were ever sealed under, by the key id stored in each
 * ciphertext. The fingerprint (an HMAC made with the key itself) lets a start tell a wrong key
 * from the right one before anything is written; the key itself is never stored here.
 */
export const masterKeys = sqliteTable('master_keys', {
  id: integer('id').primaryKey(),
  fingerprint: text('fingerprint').notNull().unique(),
  createdAt: text('created_at').notNull(),
  /** Set when a rotation re-sealed everything under a newer key. */
  retiredAt: text('retired_at'),
})
