import {
  type Clock,
  type ComplianceService,
  type HandoffService,
  type HttpService,
  type KnowledgeService,
  type LlmService,
  type NodeServices,
  type SandboxService,
  type SecretResolver,
  ServiceUnavailableError,
} from '../../shared/index.ts'
import { createEnvSecretResolver } from './env-secrets.ts'
import { createHttpService } from './http/index.ts'
import { createSandboxService } from './sandbox/index.ts'

function noDesk(): never {
  throw new ServiceUnavailableError('handoff', 'no agent desk is configured here')
}

/**
 * The services nodes get at run time. Those that later issues deliver throw
 * ServiceUnavailableError for now, which sends a node down its `error` port.
 */
export function createNodeServices(options: {
  llm: LlmService
  clock?: Clock
  /** Default: the SSRF-guarded service with an empty allow-list. */
  http?: HttpService
  sandbox?: SandboxService
  /** Knowledge-base search; without it `ctx.kb` throws ServiceUnavailableError. */
  kb?: KnowledgeService
  /** Default: no secrets (every lookup finds nothing). */
  secrets?: SecretResolver
  /** Default: unavailable (the server wires the policy store's service). */
  compliance?: ComplianceService
  /** The agent desk (runtime/handoff); without it handoff nodes take their `error` port. */
  handoff?: HandoffService
}): NodeServices {
  return {
    compliance: options.compliance ?? {
      check: async () => {
        throw new ServiceUnavailableError('compliance', 'no policy store is configured')
      },
    },
    llm: options.llm,
    clock: options.clock ?? systemClock(),
    kb: options.kb ?? {
      search: async () => {
        throw new ServiceUnavailableError('kb', 'no knowledge bases are configured here')
      },
    },
    http: options.http ?? createHttpService(),
    sandbox: options.sandbox ?? createSandboxService(),
    secrets: options.secrets ?? createEnvSecretResolver({}),
    handoff: options.handoff ?? {
      check: async () => noDesk(),
      request: async () => noDesk(),
      estimateWaitMs: async () => noDesk(),
    },
  }
}

export function systemClock(timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): Clock {
  return { now: Date.now, timeZone }
}
