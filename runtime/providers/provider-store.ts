import { asc, eq, sql } from 'drizzle-orm'
import type { SecretBox } from '../security/index.ts'
import type { Database } from '../storage/index.ts'
import { llmProviders, workspaceSettings } from '../storage/schema-providers.ts'
import { ProviderExistsError, ProviderNotFoundError } from './provider-errors.ts'
import { apiKeyHintOf } from './provider-schemas.ts'

const defaultProviderKey = 'llm.defaultProvider'

/** A provider as stored, its API key still sealed. */
export interface StoredProvider {
  name: string
  baseUrl: string
  apiKeySealed: string | null
  apiKeyHint: string | null
  chatModel: string
  embeddingModel: string | null
  createdAt: string
  updatedAt: string
}

export interface ProviderFields {
  baseUrl: string
  /** Plain text here; sealed before it reaches the database. */
  apiKey: string | null
  chatModel: string
  embeddingModel: string | null
}

/** The secret's AES-GCM associated data: a sealed key opens only in its own provider's row. */
export function apiKeyContext(name: string): string {
  return `provider:${name}:apiKey`
}

/**
 * Workspace model providers in SQLite. API keys are sealed with the SecretBox before they are
 * written and opened only by `openApiKey`, for the LlmService.
 */
export class ProviderStore {
  constructor(
    private readonly database: Database,
    private readonly secrets: SecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<StoredProvider[]> {
    return this.database.db.select().from(llmProviders).orderBy(asc(llmProviders.createdAt)).all()
  }

  async find(name: string): Promise<StoredProvider | undefined> {
    return this.database.db.select().from(llmProviders).where(eq(llmProviders.name, name)).get()
  }

  async get(name: string): Promise<StoredProvider> {
    const row = await this.find(name)
    if (row === undefined) throw new ProviderNotFoundError(name)
    return row
  }

  async create(name: string, fields: ProviderFields): Promise<StoredProvider> {
    const at = new Date(this.now()).toISOString()
    const row: StoredProvider = {
      name,
      ...this.#sealed(name, fields),
      createdAt: at,
      updatedAt: at,
    }
    return this.database.transaction(() => {
      const existing = this.database.db
        .select({ name: llmProviders.name })
        .from(llmProviders)
        .where(eq(llmProviders.name, name))
        .get()
      if (existing) throw new ProviderExistsError(name)
      this.database.db.insert(llmProviders).values(row).run()
      return row
    })
  }

  /** `apiKey: undefined` keeps the stored key; null removes it. */
  async update(
    name: string,
    change: Partial<Omit<ProviderFields, 'apiKey'>> & { apiKey?: string | null },
  ): Promise<StoredProvider> {
    return this.database.transaction(() => {
      const current = this.database.db
        .select()
        .from(llmProviders)
        .where(eq(llmProviders.name, name))
        .get()
      if (current === undefined) throw new ProviderNotFoundError(name)
      const keyColumns =
        change.apiKey === undefined
          ? { apiKeySealed: current.apiKeySealed, apiKeyHint: current.apiKeyHint }
          : this.#sealedKey(name, change.apiKey)
      const next: StoredProvider = {
        ...current,
        baseUrl: change.baseUrl ?? current.baseUrl,
        chatModel: change.chatModel ?? current.chatModel,
        embeddingModel:
          change.embeddingModel === undefined ? current.embeddingModel : change.embeddingModel,
        ...keyColumns,
        updatedAt: new Date(this.now()).toISOString(),
      }
      this.database.db.update(llmProviders).set(next).where(eq(llmProviders.name, name)).run()
      return next
    })
  }

  /** Deleting the default provider also clears the default setting. */
  async delete(name: string): Promise<void> {
    this.database.transaction(() => {
      const deleted = this.database.db
        .delete(llmProviders)
        .where(eq(llmProviders.name, name))
        .returning({ name: llmProviders.name })
        .all()
      if (deleted.length === 0) throw new ProviderNotFoundError(name)
      if (this.#readDefault() === name) {
        this.database.db
          .delete(workspaceSettings)
          .where(eq(workspaceSettings.key, defaultProviderKey))
          .run()
      }
    })
  }

  /** Throws SecretBoxError when the key was sealed under a master key no longer loaded. */
  openApiKey(row: StoredProvider): string | null {
    return row.apiKeySealed === null
      ? null
      : this.secrets.open(row.apiKeySealed, apiKeyContext(row.name))
  }

  async getDefaultName(): Promise<string | null> {
    return this.#readDefault()
  }

  async setDefaultName(name: string | null): Promise<void> {
    const at = new Date(this.now()).toISOString()
    if (name === null) {
      this.database.db
        .delete(workspaceSettings)
        .where(eq(workspaceSettings.key, defaultProviderKey))
        .run()
      return
    }
    this.database.db
      .insert(workspaceSettings)
      .values({ key: defaultProviderKey, value: name, updatedAt: at })
      .onConflictDoUpdate({
        target: workspaceSettings.key,
        set: { value: name, updatedAt: at, revision: sql`${workspaceSettings.revision} + 1` },
      })
      .run()
  }

  #readDefault(): string | null {
    const row = this.database.db
      .select({ value: workspaceSettings.value })
      .from(workspaceSettings)
      .where(eq(workspaceSettings.key, defaultProviderKey))
      .get()
    return typeof row?.value === 'string' ? row.value : null
  }

  #sealed(name: string, fields: ProviderFields) {
    return {
      baseUrl: fields.baseUrl,
      chatModel: fields.chatModel,
      embeddingModel: fields.embeddingModel,
      ...this.#sealedKey(name, fields.apiKey),
    }
  }

  #sealedKey(name: string, apiKey: string | null) {
    return apiKey === null
      ? { apiKeySealed: null, apiKeyHint: null }
      : {
          apiKeySealed: this.secrets.seal(apiKey, apiKeyContext(name)),
          apiKeyHint: apiKeyHintOf(apiKey),
        }
  }
}
