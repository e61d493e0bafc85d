import { asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { SecretResolver } from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { secrets } from '../storage/schema-secrets.ts'
import type { SecretBox } from './secret-box.ts'
import { SecretNotFoundError } from './security-errors.ts'

/** The same names the http node accepts in `auth.secret`. */
export const secretNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'letters, digits and _ only, starting with a letter')

export const putSecretBodySchema = z.object({
  value: z.string().min(1).max(16_384),
  description: z.string().max(500).optional(),
})

export interface SecretView {
  name: string
  description: string
  createdAt: string
  updatedAt: string
}

/** The AES-GCM associated data: a sealed value opens only under its own name. */
export function secretContext(name: string): string {
  return `secret:${name}`
}

/**
 * Named secrets sealed with the SecretBox. Values go in through `put` and out only through
 * `resolve` (for nodes); listing never returns them.
 */
export class SecretStore {
  constructor(
    private readonly database: Database,
    private readonly box: SecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<SecretView[]> {
    return this.database.db
      .select({
        name: secrets.name,
        description: secrets.description,
        createdAt: secrets.createdAt,
        updatedAt: secrets.updatedAt,
      })
      .from(secrets)
      .orderBy(asc(secrets.name))
      .all()
  }

  async find(name: string): Promise<SecretView | undefined> {
    return (await this.list()).find((s) => s.name === name)
  }

  /** Creates or replaces; a description left out keeps the stored one. */
  async put(
    name: string,
    input: { value: string; description?: string | undefined },
  ): Promise<{ secret: SecretView; isNew: boolean }> {
    const at = new Date(this.now()).toISOString()
    const valueSealed = this.box.seal(input.value, secretContext(name))
    return this.database.transaction(() => {
      const current = this.database.db.select().from(secrets).where(eq(secrets.name, name)).get()
      const secret: SecretView = {
        name,
        description: input.description ?? current?.description ?? '',
        createdAt: current?.createdAt ?? at,
        updatedAt: at,
      }
      this.database.db
        .insert(secrets)
        .values({ ...secret, valueSealed })
        .onConflictDoUpdate({
          target: secrets.name,
          set: { valueSealed, description: secret.description, updatedAt: at },
        })
        .run()
      return { secret, isNew: current === undefined }
    })
  }

  async delete(name: string): Promise<void> {
    const deleted = this.database.db
      .delete(secrets)
      .where(eq(secrets.name, name))
      .returning({ name: secrets.name })
      .all()
    if (deleted.length === 0) throw new SecretNotFoundError(name)
  }

  /** The plain value, for a node about to use it; undefined for an unknown name. */
  async reveal(name: string): Promise<string | undefined> {
    const row = this.database.db
      .select({ valueSealed: secrets.valueSealed })
      .from(secrets)
      .where(eq(secrets.name, name))
      .get()
    return row ? this.box.open(row.valueSealed, secretContext(name)) : undefined
  }
}

/** Nodes' secrets: the encrypted store first, then `SECRET_<NAME>` from the environment. */
export function createStoredSecretResolver(
  store: SecretStore,
  fallback: SecretResolver,
): SecretResolver {
  return {
    async resolve(name) {
      return (await store.reveal(name)) ?? (await fallback.resolve(name))
    },
  }
}
