import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { ApiKey } from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { apiKeys } from '../storage/schema.ts'
import { ApiKeyNotFoundError } from './errors.ts'

type ApiKeyRow = typeof apiKeys.$inferSelect

/** Every key starts so; the bearer middleware tells keys from the admin token by it. */
export const apiKeyPrefix = 'sbk_'

// The key is 256 random bits: a fast hash is enough (no dictionary to guess from), and it lets
// the lookup be one indexed equality.
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url')

const touchEveryMs = 60_000

export interface NewApiKey {
  name: string
  flowIds: string[]
  createdBy: string
}

/** Channel and integration keys, stored hashed; shown once at creation; revocable. */
export class ApiKeyStore {
  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: NewApiKey): Promise<{ key: string; apiKey: ApiKey }> {
    const key = `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`
    const row: ApiKeyRow = {
      id: randomUUID(),
      name: input.name.trim(),
      keyHash: sha256(key),
      keyPrefix: key.slice(0, apiKeyPrefix.length + 6),
      scope: 'conversations',
      flowIds: [...new Set(input.flowIds)],
      createdBy: input.createdBy,
      createdAt: new Date(this.now()).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    }
    this.database.db.insert(apiKeys).values(row).run()
    return { key, apiKey: toApiKey(row) }
  }

  async list(): Promise<ApiKey[]> {
    return this.database.db.select().from(apiKeys).orderBy(apiKeys.createdAt).all().map(toApiKey)
  }

  /** Revoking is final and keeps the row, so lists and audit can still name the key. */
  async revoke(apiKeyId: string): Promise<ApiKey> {
    const row = this.database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKeyId)).get()
    if (!row) throw new ApiKeyNotFoundError(apiKeyId)
    const revokedAt = row.revokedAt ?? new Date(this.now()).toISOString()
    this.database.db.update(apiKeys).set({ revokedAt }).where(eq(apiKeys.id, apiKeyId)).run()
    return toApiKey({ ...row, revokedAt })
  }

  /** The live key for a presented secret, or undefined (unknown or revoked). */
  authenticate(key: string): ApiKey | undefined {
    const row = this.database.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, sha256(key)))
      .get()
    if (!row || row.revokedAt !== null) return undefined
    const at = this.now()
    if (!row.lastUsedAt || at - Date.parse(row.lastUsedAt) >= touchEveryMs) {
      const lastUsedAt = new Date(at).toISOString()
      this.database.db.update(apiKeys).set({ lastUsedAt }).where(eq(apiKeys.id, row.id)).run()
      return toApiKey({ ...row, lastUsedAt })
    }
    return toApiKey(row)
  }
}

function toApiKey(row: ApiKeyRow): ApiKey {
  const { keyHash: _hash, ...rest } = row
  return rest
}
