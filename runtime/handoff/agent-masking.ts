import {
  type CompliancePolicy,
  defaultPolicyId,
  type Flow,
  type JsonValue,
  maskAllPii,
  type PiiType,
} from '../../shared/index.ts'
import type { Conversation, FlowStore } from '../storage/index.ts'

/** What of a conversation agents may not see in clear. */
export interface AgentMask {
  /** The PII types the flow's compliance policy masks. */
  piiTypes: ReadonlySet<PiiType>
  /** Variables the flow marks `isSensitive`: hidden altogether. */
  sensitiveVariables: ReadonlySet<string>
}

export type AgentMasking = (conversation: Conversation) => Promise<AgentMask>

export const hiddenValue = '••••'

/**
 * The flow's compliance policy decides what agents see: the PII types its enabled `pii` rules
 * mask are masked in variables, profile, summary and transcript, and sensitive variables are
 * hidden. A policy that does not mask PII shows agents the values (they may need the phone
 * number to call back).
 */
export function createAgentMasking(options: {
  flows: FlowStore
  resolvePolicy?: (policyId: string) => Promise<CompliancePolicy>
}): AgentMasking {
  return async (conversation) => {
    const flow = await flowOf(options.flows, conversation)
    let policy: CompliancePolicy | undefined
    if (options.resolvePolicy) {
      const policyId = flow.settings.compliancePolicy ?? defaultPolicyId
      policy = await options
        .resolvePolicy(policyId)
        .catch(() => options.resolvePolicy?.(defaultPolicyId))
    }
    const piiTypes = new Set<PiiType>()
    for (const rule of policy?.rules ?? []) {
      if (rule.kind === 'pii' && rule.isEnabled && rule.action === 'mask') {
        for (const type of rule.types) piiTypes.add(type)
      }
    }
    const sensitiveVariables = new Set(
      flow.variables.filter((v) => v.isSensitive).map((v) => v.name),
    )
    return { piiTypes, sensitiveVariables }
  }
}

async function flowOf(flows: FlowStore, conversation: Conversation): Promise<Flow> {
  // A negative version is a test-chat snapshot of a draft.
  const stored =
    conversation.flowVersion > 0
      ? await flows.getVersion(conversation.flowId, conversation.flowVersion)
      : await flows.snapshots.get(conversation.flowId, -conversation.flowVersion)
  return stored.flow
}

/** Masks the personal data in every string of a value. */
export function maskValue(value: JsonValue, mask: AgentMask): JsonValue {
  if (mask.piiTypes.size === 0) return value
  if (typeof value === 'string') return maskAllPii(value, mask.piiTypes).text
  if (Array.isArray(value)) return value.map((item) => maskValue(item, mask))
  if (value !== null && typeof value === 'object') {
    const masked: Record<string, JsonValue> = {}
    for (const [key, item] of Object.entries(value)) masked[key] = maskValue(item, mask)
    return masked
  }
  return value
}

/** Variables as agents see them: sensitive ones hidden, PII masked in the rest. */
export function maskVariables(
  vars: Readonly<Record<string, JsonValue>>,
  mask: AgentMask,
): Record<string, JsonValue> {
  const shown: Record<string, JsonValue> = {}
  for (const [name, value] of Object.entries(vars)) {
    shown[name] = mask.sensitiveVariables.has(name) ? hiddenValue : maskValue(value, mask)
  }
  return shown
}
