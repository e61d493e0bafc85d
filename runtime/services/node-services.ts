import {
  type Clock,
  type LlmService,
  type NodeServices,
  ServiceUnavailableError,
} from '../../shared/index.ts'

function notYet(service: string, issue: number): never {
  throw new ServiceUnavailableError(service, `it arrives with issue #${issue}`)
}

/**
 * The services nodes get at run time. Those that later issues deliver throw
 * ServiceUnavailableError for now, which sends a node down its `error` port.
 */
export function createNodeServices(options: { llm: LlmService; clock?: Clock }): NodeServices {
  return {
    llm: options.llm,
    clock: options.clock ?? systemClock(),
    kb: { search: async () => notYet('kb', 5) },
    http: { request: async () => notYet('http', 6) },
    sandbox: { run: async () => notYet('sandbox', 6) },
    handoff: { isAvailable: async () => notYet('handoff', 9) },
  }
}

export function systemClock(timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): Clock {
  return { now: Date.now, timeZone }
}
