import type { ComplianceService, Flow, LlmService, Problem } from '../../shared/index.ts'
import type { ComplianceHook } from '../engine/index.ts'
import type { Logger } from '../logger.ts'
import type { Database } from '../storage/index.ts'
import { ComplianceEventStore } from './event-store.ts'
import { createPolicyEnforcer } from './policy-enforcer.ts'
import { PolicyStore } from './policy-store.ts'
import { createPublishGate } from './publish-gate.ts'

export interface Compliance {
  policies: PolicyStore
  events: ComplianceEventStore
  /** For the engine: every bot message and streamed sentence. */
  hook: ComplianceHook
  /** For nodes (`ctx.compliance`). */
  service: ComplianceService
  /** For publishing: static texts the policy would block. */
  checkCompliance: (flow: Flow) => Promise<Problem[]>
}

/** Everything compliance needs, on one database. */
export function createCompliance(options: {
  database: Database
  llm?: LlmService
  log?: Logger
  now?: () => number
}): Compliance {
  const now = options.now ?? Date.now
  const policies = new PolicyStore(options.database, now)
  const events = new ComplianceEventStore(options.database, now)
  const { hook, service } = createPolicyEnforcer({
    policies,
    events,
    now,
    ...(options.llm ? { llm: options.llm } : {}),
    ...(options.log ? { log: options.log } : {}),
  })
  return { policies, events, hook, service, checkCompliance: createPublishGate(policies) }
}
