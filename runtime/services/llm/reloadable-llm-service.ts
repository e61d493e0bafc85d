import type { LlmService } from '../../../shared/index.ts'
import { createLlmService, type LlmServiceOptions } from './llm-service.ts'

/**
 * An LlmService whose providers can be replaced while the server runs: provider settings saved
 * in the workspace take effect on the next model call, with no restart. A call already running
 * finishes on the providers it started with.
 * @example
 * const llm = new ReloadableLlmService({ providers: loadProvidersFromEnv(process.env) })
 * llm.reload({ providers: [...envProviders, ...storedProviders], defaultProvider: 'deepseek' })
 */
export class ReloadableLlmService implements LlmService {
  #current: LlmService

  constructor(options: LlmServiceOptions) {
    this.#current = createLlmService(options)
  }

  /** Throws LlmConfigError for unusable settings and keeps the providers it had. */
  reload(options: LlmServiceOptions): void {
    this.#current = createLlmService(options)
  }

  chat: LlmService['chat'] = (request) => this.#current.chat(request)

  chatStream: LlmService['chatStream'] = (request) => this.#current.chatStream(request)
}
