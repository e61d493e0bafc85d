import { performance } from 'node:perf_hooks'
import type { Logger } from '../logger.ts'
import {
  createOpenAiProvider,
  LlmRequestError,
  offlineProviderName,
  type ProviderConfig,
  parseProviderConfigs,
  providerConfigSchema,
  type ReloadableLlmService,
} from '../services/llm/index.ts'
import { ProviderNotFoundError, ProviderReadOnlyError } from './provider-errors.ts'
import {
  apiKeyHintOf,
  type ConnectionTestResult,
  type CreateProviderBody,
  type ProviderView,
  type UpdateProviderBody,
} from './provider-schemas.ts'
import type { ProviderStore, StoredProvider } from './provider-store.ts'

/** The SDK insists on a key; servers that need none (Ollama, vLLM) ignore this one. */
const placeholderApiKey = 'not-needed'

export interface ProviderSettingsOptions {
  store: ProviderStore
  /** Providers from LLM_BASE_URL … : shown read-only, never stored. */
  envProviders: readonly ProviderConfig[]
  /** Reloaded after every change, so the next model call uses the new settings. */
  llm: ReloadableLlmService
  log: Logger
}

interface Resolved {
  configs: ProviderConfig[]
  views: ProviderView[]
  defaultName: string
}

/**
 * The workspace's model providers (issue #5): the environment's provider (read-only), those
 * saved through the API (API key sealed at rest) and the built-in offline provider, with one
 * default. Every change reloads the LlmService; no restart needed.
 */
export class ProviderSettings {
  constructor(private readonly options: ProviderSettingsOptions) {}

  /** Loads the saved providers into the LlmService; call once at start-up. */
  async apply(): Promise<void> {
    const { configs, defaultName } = await this.#resolve()
    this.options.llm.reload({ providers: configs, defaultProvider: defaultName })
  }

  async list(): Promise<{ providers: ProviderView[]; defaultProvider: string }> {
    const { views, defaultName } = await this.#resolve()
    return { providers: views, defaultProvider: defaultName }
  }

  async get(name: string): Promise<ProviderView> {
    const { views } = await this.#resolve()
    const view = views.find((candidate) => candidate.name === name)
    if (view === undefined) throw new ProviderNotFoundError(name)
    return view
  }

  async create(body: CreateProviderBody): Promise<ProviderView> {
    this.#refuseReadOnly(body.name)
    await this.#changeAndReload(async () => {
      await this.options.store.create(body.name, {
        baseUrl: body.baseUrl,
        apiKey: body.apiKey ?? null,
        chatModel: body.chatModel,
        embeddingModel: body.embeddingModel ?? null,
      })
      if (body.isDefault) await this.options.store.setDefaultName(body.name)
    })
    return this.get(body.name)
  }

  async update(name: string, body: UpdateProviderBody): Promise<ProviderView> {
    this.#refuseReadOnly(name)
    await this.#changeAndReload(async () => {
      const { isDefault, ...fields } = body
      await this.options.store.update(name, fields)
      if (isDefault === true) await this.options.store.setDefaultName(name)
      if (isDefault === false && (await this.options.store.getDefaultName()) === name) {
        await this.options.store.setDefaultName(null)
      }
    })
    return this.get(name)
  }

  async delete(name: string): Promise<void> {
    this.#refuseReadOnly(name)
    await this.#changeAndReload(() => this.options.store.delete(name))
  }

  /** Any provider may be the default: a saved one, the environment's, or `offline`. */
  async setDefault(name: string): Promise<{ defaultProvider: string }> {
    await this.get(name)
    await this.#changeAndReload(() => this.options.store.setDefaultName(name))
    return { defaultProvider: name }
  }

  /** Sends a tiny prompt and reports the latency or why it failed; never throws for the model. */
  async test(
    name: string,
    options: { model?: string; timeoutMs: number },
  ): Promise<ConnectionTestResult> {
    if (name === offlineProviderName) {
      return { ok: true, latencyMs: 0, model: offlineProviderName, isOffline: true }
    }
    const { configs } = await this.#resolve()
    const config = configs.find((candidate) => candidate.name === name)
    if (config === undefined) {
      // Listed but unusable (its key does not decrypt): the view says why.
      const view = await this.get(name)
      const message = `Model provider "${name}" is not usable: ${view.problem ?? 'unknown'}`
      return {
        ok: false,
        latencyMs: 0,
        model: view.chatModel,
        isOffline: false,
        error: { failure: 'config', message },
      }
    }
    const model = options.model ?? config.chatModel
    // No retries: the operator wants to know what one call does, quickly.
    const provider = createOpenAiProvider(config, { timeoutMs: options.timeoutMs, maxRetries: 0 })
    const startedAt = performance.now()
    const latency = () => Math.round(performance.now() - startedAt)
    try {
      const answer = await provider.chat({
        messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
        model,
        maxTokens: 8,
        temperature: 0,
        timeoutMs: options.timeoutMs,
      })
      const reply = Array.from(answer.text).slice(0, 80).join('')
      return { ok: true, latencyMs: latency(), model: answer.model, isOffline: false, reply }
    } catch (error) {
      if (!(error instanceof LlmRequestError)) throw error
      const failure = { failure: error.failure, message: error.message }
      return {
        ok: false,
        latencyMs: latency(),
        model,
        isOffline: false,
        error: error.status === undefined ? failure : { ...failure, status: error.status },
      }
    }
  }

  #refuseReadOnly(name: string): void {
    if (name === offlineProviderName) throw new ProviderReadOnlyError(name, 'builtin')
    if (this.options.envProviders.some((provider) => provider.name === name)) {
      throw new ProviderReadOnlyError(name, 'env')
    }
  }

  async #changeAndReload(change: () => Promise<void>): Promise<void> {
    await change()
    await this.apply()
  }

  async #resolve(): Promise<Resolved> {
    const { store, envProviders, log } = this.options
    const stored = await store.list()
    const configs: ProviderConfig[] = [...envProviders]
    const problems = new Map<string, string>()
    const skip = (name: string, problem: string) => {
      problems.set(name, problem)
      log.error(`model provider "${name}" is skipped: ${problem}`)
    }
    for (const row of stored) {
      if (configs.some((config) => config.name === row.name)) {
        // Saved before the environment named a provider the same: the environment wins.
        problems.set(row.name, 'the provider from the environment has the same name')
        continue
      }
      let apiKey: string
      try {
        apiKey = store.openApiKey(row) ?? placeholderApiKey
      } catch {
        skip(row.name, 'its API key does not decrypt with the current master key')
        continue
      }
      // Checked again: a row edited by hand must not take down every model call, or the start.
      const config = providerConfigSchema.safeParse(toConfig(row, apiKey))
      if (config.success) configs.push(config.data)
      else skip(row.name, `its settings are invalid (${config.error.issues[0]?.path.join('.')})`)
    }
    const usable = parseProviderConfigs(configs)
    const saved = await store.getDefaultName()
    const isKnown = (name: string) =>
      name === offlineProviderName || usable.some((config) => config.name === name)
    const defaultName =
      saved !== null && isKnown(saved) ? saved : (usable[0]?.name ?? offlineProviderName)
    const views: ProviderView[] = [
      ...envProviders.map((config) => envView(config, defaultName)),
      ...stored.map((row) => storedView(row, defaultName, problems.get(row.name) ?? null)),
      offlineView(defaultName),
    ]
    return { configs: usable, views, defaultName }
  }
}

function toConfig(row: StoredProvider, apiKey: string): ProviderConfig {
  return {
    name: row.name,
    baseUrl: row.baseUrl,
    apiKey,
    chatModel: row.chatModel,
    ...(row.embeddingModel === null ? {} : { embeddingModel: row.embeddingModel }),
  }
}

function storedView(row: StoredProvider, defaultName: string, problem: string | null) {
  return {
    name: row.name,
    source: 'workspace',
    isReadOnly: false,
    isDefault: row.name === defaultName,
    baseUrl: row.baseUrl,
    chatModel: row.chatModel,
    embeddingModel: row.embeddingModel,
    hasApiKey: row.apiKeySealed !== null,
    apiKeyHint: row.apiKeyHint,
    problem,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  } satisfies ProviderView
}

function envView(config: ProviderConfig, defaultName: string): ProviderView {
  const hasApiKey = config.apiKey !== placeholderApiKey
  return {
    name: config.name,
    source: 'env',
    isReadOnly: true,
    isDefault: config.name === defaultName,
    baseUrl: config.baseUrl,
    chatModel: config.chatModel,
    embeddingModel: config.embeddingModel ?? null,
    hasApiKey,
    apiKeyHint: hasApiKey ? apiKeyHintOf(config.apiKey) : null,
    problem: null,
    createdAt: null,
    updatedAt: null,
  }
}

function offlineView(defaultName: string): ProviderView {
  return {
    name: offlineProviderName,
    source: 'builtin',
    isReadOnly: true,
    isDefault: defaultName === offlineProviderName,
    baseUrl: null,
    chatModel: offlineProviderName,
    embeddingModel: null,
    hasApiKey: false,
    apiKeyHint: null,
    problem: null,
    createdAt: null,
    updatedAt: null,
  }
}
